/**
 * Where the node's channels settle: a `SettlementProvider` hands out a `Settlement` per account
 * over one shared backend. `local` starts anvil as a child process, deploys the channel contract
 * and funds accounts (the default of `bazaar start` and `bazaar sim`); an RPC URL connects to an
 * existing deployment; `ledger` is `LocalLedger`, a file shared by processes on one host.
 */
import { join } from 'node:path'
import { LocalLedger, type Settlement } from '@bazaar/wallet'
import type { Logger } from 'pino'
import { startLocalChain } from './local-chain.js'

export interface SettlementProvider {
  /** `evm-local`, `evm` or `ledger`. */
  readonly kind: string
  readonly chainId: bigint
  /** 0x hex of the contract (or ledger) address. */
  readonly contract: string
  /** A settlement acting as the account of `privateKey` (32-byte secp256k1 key, address `account`). */
  forAccount(account: Uint8Array, privateKey: Uint8Array): Promise<Settlement>
  /** Local backends only: credits native coin (and gas) to accounts. */
  fund?(accounts: Uint8Array[], amount: bigint): Promise<void>
  /**
   * Native coin each account spent on transaction fees so far (local chains only; zero where
   * settlement costs nothing, like the ledger). Balance checks add it back.
   */
  feesPaid?(accounts: Uint8Array[]): Promise<bigint[]>
  /** Local backends only: moves settlement time forward. */
  advanceTime?(seconds: bigint): Promise<void>
  /**
   * How another thread or process reaches the same chain (EVM backends only): what
   * `EvmSettlement.connect` needs besides the account's key.
   */
  readonly connection?: EvmConnection
  /** Stops what the provider started (anvil, the ledger connection). Idempotent. */
  stop(): Promise<void>
}

/** An EVM deployment as plain data (it crosses to worker threads). */
export interface EvmConnection {
  rpcUrl: string
  chainId: bigint
  /** 0x hex of the channel contract. */
  contract: string
  /** Channel token (0x hex); the native coin when undefined. */
  token?: string
  pollingIntervalMs?: number
}

const hex = (bytes: Uint8Array): string => `0x${Buffer.from(bytes).toString('hex')}`

/** `LocalLedger` in `path`, with a clock the provider can move forward. */
export async function ledgerProvider(path: string): Promise<SettlementProvider> {
  let offset = 0n
  const clock = (): bigint => BigInt(Math.floor(Date.now() / 1000)) + offset
  const root = await LocalLedger.open({ path, account: new Uint8Array(20), clock })
  let stopped = false
  return {
    kind: 'ledger',
    chainId: root.chainId,
    contract: hex(root.contract),
    // One connection per account, as separate processes would have.
    forAccount: (account) => LocalLedger.open({ path, account, clock }),
    async fund(accounts, amount) {
      for (const a of accounts) await root.mint(a, amount)
    },
    async advanceTime(seconds) {
      offset += seconds
    },
    async stop() {
      if (stopped) return
      stopped = true
      await root.stop()
    },
  }
}

/** Builds the provider the config names: `local`, `ledger[:path]`, or an RPC URL. */
export async function openSettlementProvider(
  chain: string,
  options: { dataDir: string; chainId?: bigint; contract?: string; token?: string; logger?: Logger },
): Promise<SettlementProvider> {
  if (chain === 'local')
    return startLocalChain(options.logger === undefined ? {} : { logger: options.logger })
  if (chain === 'ledger' || chain.startsWith('ledger:')) {
    const path = chain === 'ledger' ? join(options.dataDir, 'ledger.db') : chain.slice('ledger:'.length)
    return ledgerProvider(path)
  }
  const { rpcProvider } = await import('./local-chain.js')
  return rpcProvider(chain, options)
}
