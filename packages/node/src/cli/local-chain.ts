/**
 * Settlement on an EVM chain. `startLocalChain()` is the zero-setup default: anvil as a child
 * process (stopped with the provider), the BazaarChannels contract deployed by a throwaway key,
 * accounts funded with `anvil_setBalance`, and time moved with `evm_increaseTime`.
 * `rpcProvider()` connects to an existing deployment named in the config.
 */
import { randomBytes } from 'node:crypto'
import { settlementKeyFromPrivate } from '@bazaar/protocol'
import { deployBazaar, EvmSettlement, fundLocalAccounts, startAnvil } from '@bazaar/wallet'
import type { Logger } from 'pino'
import { ConfigInvalidError } from './errors.js'
import type { SettlementProvider } from './settlement.js'

/** Milliseconds between receipt polls on a local chain (it mines at once). */
const LOCAL_POLLING_MS = 25

async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  const body = (await response.json()) as { result?: unknown; error?: { message: string } }
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`)
  return body.result
}

const hex = (bytes: Uint8Array): string => `0x${Buffer.from(bytes).toString('hex')}`

/** Blocks fetched at once when summing fees. */
const FEE_SCAN_BATCH = 32

interface RpcTx {
  hash: string
  from: string
}

/** Sums the fees (gas used times effective price) each account paid, scanning every block. */
export async function feesByAccount(rpcUrl: string, accounts: Uint8Array[]): Promise<bigint[]> {
  const index = new Map(accounts.map((a, i) => [hex(a), i]))
  const fees = accounts.map(() => 0n)
  const latest = Number(BigInt(String(await rpc(rpcUrl, 'eth_blockNumber', []))))
  const blocks = Array.from({ length: latest + 1 }, (_, n) => n)
  for (let i = 0; i < blocks.length; i += FEE_SCAN_BATCH) {
    const batch = await Promise.all(
      blocks.slice(i, i + FEE_SCAN_BATCH).map(
        (n) =>
          rpc(rpcUrl, 'eth_getBlockByNumber', [`0x${n.toString(16)}`, true]) as Promise<{
            transactions: RpcTx[]
          } | null>,
      ),
    )
    const mine = batch.flatMap((b) => b?.transactions ?? []).filter((tx) => index.has(tx.from.toLowerCase()))
    const receipts = await Promise.all(
      mine.map(
        (tx) =>
          rpc(rpcUrl, 'eth_getTransactionReceipt', [tx.hash]) as Promise<{
            gasUsed: string
            effectiveGasPrice: string
          }>,
      ),
    )
    mine.forEach((tx, k) => {
      const i = index.get(tx.from.toLowerCase())!
      fees[i]! += BigInt(receipts[k]!.gasUsed) * BigInt(receipts[k]!.effectiveGasPrice)
    })
  }
  return fees
}

/** Starts anvil, deploys the contract, and hands out settlements on it. */
export async function startLocalChain(options: { logger?: Logger } = {}): Promise<SettlementProvider> {
  const anvil = await startAnvil()
  try {
    const deployerKey = new Uint8Array(randomBytes(32))
    const deployer = settlementKeyFromPrivate(deployerKey)
    await fundLocalAccounts({
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      minterKey: deployerKey,
      accounts: [deployer.address],
    })
    const { contract } = await deployBazaar({
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      deployerKey,
      pollingIntervalMs: LOCAL_POLLING_MS,
    })
    options.logger?.info({ rpcUrl: anvil.rpcUrl, contract: hex(contract) }, 'local chain started')
    let stopped = false
    return {
      kind: 'evm-local',
      chainId: anvil.chainId,
      contract: hex(contract),
      connection: {
        rpcUrl: anvil.rpcUrl,
        chainId: anvil.chainId,
        contract: hex(contract),
        pollingIntervalMs: LOCAL_POLLING_MS,
      },
      forAccount: (_account, privateKey) =>
        EvmSettlement.connect({
          rpcUrl: anvil.rpcUrl,
          chainId: anvil.chainId,
          contract,
          privateKey,
          pollingIntervalMs: LOCAL_POLLING_MS,
        }),
      async fund(accounts, amount) {
        await fundLocalAccounts({
          rpcUrl: anvil.rpcUrl,
          chainId: anvil.chainId,
          minterKey: deployerKey,
          accounts,
          // Native coin: the channel deposits plus gas.
          nativeBalance: amount + 10n ** 21n,
        })
      },
      feesPaid: (accounts) => feesByAccount(anvil.rpcUrl, accounts),
      async advanceTime(seconds) {
        await rpc(anvil.rpcUrl, 'evm_increaseTime', [Number(seconds)])
        await rpc(anvil.rpcUrl, 'evm_mine', [])
      },
      async stop() {
        if (stopped) return
        stopped = true
        await anvil.stop()
      },
    }
  } catch (error) {
    await anvil.stop()
    throw error
  }
}

/** Connects to an existing deployment (`[chain]` in the config names it). */
export async function rpcProvider(
  rpcUrl: string,
  options: { chainId?: bigint; contract?: string; token?: string },
): Promise<SettlementProvider> {
  if (options.chainId === undefined || options.contract === undefined) {
    throw new ConfigInvalidError(
      'bazaar.toml',
      `settlement on ${rpcUrl} needs chain.chain_id and chain.contract`,
      'chain',
    )
  }
  const contract = new Uint8Array(Buffer.from(options.contract.replace(/^0x/, ''), 'hex'))
  const token =
    options.token === undefined
      ? undefined
      : new Uint8Array(Buffer.from(options.token.replace(/^0x/, ''), 'hex'))
  const chainId = options.chainId
  return {
    kind: 'evm',
    chainId,
    contract: options.contract,
    connection: {
      rpcUrl,
      chainId,
      contract: options.contract,
      ...(options.token === undefined ? {} : { token: options.token }),
    },
    forAccount: (_account, privateKey) =>
      EvmSettlement.connect({
        rpcUrl,
        chainId,
        contract,
        privateKey,
        ...(token === undefined ? {} : { token }),
      }),
    async stop() {},
  }
}
