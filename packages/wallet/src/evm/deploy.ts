/** Deploys Bazaar's channel contract (and, for local chains, a mock token) and funds accounts. */
import { createPublicClient, createWalletClient, type Hex, http, type PublicClient, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type Address, fromHex, rpcChain, toAddress, toBytes32 } from './convert.js'
import { toSettlementError } from './decode-error.js'
import { TransactionFailedError } from './errors.js'
import {
  bazaarChannelsAbi,
  bazaarChannelsBytecode,
  mockTokenAbi,
  mockTokenBytecode,
} from './generated/artifacts.js'

export interface Deployment {
  /** 20-byte BazaarChannels address. */
  contract: Uint8Array
  /** 20-byte mock token address (when one was deployed). */
  token?: Uint8Array
  /** Gas used by each deployment transaction. */
  gasUsed: { contract: bigint; token?: bigint }
}

export interface DeployOptions {
  rpcUrl: string
  chainId: bigint
  /** 32-byte key of the deploying account (must hold gas). */
  deployerKey: Uint8Array
  /** Also deploy a MockToken (public mint; for tests and local chains only). */
  mockToken?: { name: string; symbol: string; decimals: number }
  pollingIntervalMs?: number
}

function clients(rpcUrl: string, chainId: bigint, key: Uint8Array, pollingInterval: number) {
  const chain = rpcChain(rpcUrl, chainId)
  const transport = http(rpcUrl)
  const account = privateKeyToAccount(toBytes32(key, 'deployerKey'))
  return {
    publicClient: createPublicClient({ chain, transport, pollingInterval }) as PublicClient,
    walletClient: createWalletClient({ chain, transport, account, pollingInterval }),
  }
}

/** Deploys BazaarChannels (and optionally a MockToken) and waits for both receipts. */
export async function deployBazaar(options: DeployOptions): Promise<Deployment> {
  const { publicClient, walletClient } = clients(
    options.rpcUrl,
    options.chainId,
    options.deployerKey,
    options.pollingIntervalMs ?? 100,
  )
  const deployOne = async (
    what: string,
    send: () => Promise<Hex>,
  ): Promise<{ address: Address; gas: bigint }> => {
    try {
      const hash = await send()
      const receipt = await publicClient.waitForTransactionReceipt({ hash })
      if (receipt.status !== 'success' || !receipt.contractAddress)
        throw new TransactionFailedError(what, hash)
      return { address: receipt.contractAddress, gas: receipt.gasUsed }
    } catch (err) {
      throw toSettlementError(err, what)
    }
  }
  const channels = await deployOne('deploy BazaarChannels', () =>
    walletClient.deployContract({ abi: bazaarChannelsAbi, bytecode: bazaarChannelsBytecode }),
  )
  const result: Deployment = { contract: fromHex(channels.address), gasUsed: { contract: channels.gas } }
  if (options.mockToken) {
    const m = options.mockToken
    const token = await deployOne('deploy MockToken', () =>
      walletClient.deployContract({
        abi: mockTokenAbi,
        bytecode: mockTokenBytecode,
        args: [m.name, m.symbol, m.decimals],
      }),
    )
    result.token = fromHex(token.address)
    result.gasUsed.token = token.gas
  }
  return result
}

export interface FundLocalOptions {
  rpcUrl: string
  chainId: bigint
  /** Any funded key: mints are open to everyone on the mock token. */
  minterKey: Uint8Array
  /** 20-byte accounts to fund. */
  accounts: Uint8Array[]
  /** Native coin balance to set on each account (anvil_setBalance), wei. Default 100 ether. */
  nativeBalance?: bigint
  /** Mock token to mint from, and how much to each account. */
  token?: { address: Uint8Array; amount: bigint }
}

/** Funds accounts on a local anvil: sets native balances and mints mock tokens. Local chains only. */
export async function fundLocalAccounts(options: FundLocalOptions): Promise<void> {
  const { publicClient, walletClient } = clients(options.rpcUrl, options.chainId, options.minterKey, 50)
  const balance = options.nativeBalance ?? parseEther('100')
  try {
    for (const account of options.accounts) {
      await publicClient.request({
        method: 'anvil_setBalance' as never,
        params: [toAddress(account), `0x${balance.toString(16)}`] as never,
      })
    }
    if (options.token) {
      const tokenAddress = toAddress(options.token.address, 'token')
      let last: Hex | undefined
      for (const account of options.accounts) {
        last = await walletClient.writeContract({
          address: tokenAddress,
          abi: mockTokenAbi,
          functionName: 'mint',
          args: [toAddress(account), options.token.amount],
        })
      }
      if (last !== undefined) await publicClient.waitForTransactionReceipt({ hash: last })
    }
  } catch (err) {
    throw toSettlementError(err, 'fund local accounts')
  }
}
