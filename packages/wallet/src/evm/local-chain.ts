/**
 * The embedded default chain: a local anvil child process with Bazaar's channel contract and a
 * mock stablecoin deployed, and the given accounts funded. What `bazaar start` without a chain
 * and `bazaar sim` use, so that a newcomer gets real on-chain settlement with no setup.
 */
import { randomBytes } from 'node:crypto'
import { parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type AnvilProcess, type StartAnvilOptions, startAnvil } from './anvil.js'
import { fromHex, toBytes32 } from './convert.js'
import { deployBazaar, fundLocalAccounts } from './deploy.js'
import { EvmSettlement, type EvmSettlementOptions } from './evm-settlement.js'

/** Mock stablecoin of the local chain: 6 decimals, like USDC. */
export const LOCAL_TOKEN = { name: 'Bazaar Test USD', symbol: 'tUSD', decimals: 6 } as const
/** Token units minted to each funded account by default (1,000,000 tUSD). */
export const DEFAULT_LOCAL_TOKEN_FUNDS = 1_000_000n * 10n ** 6n

export interface LocalChainOptions {
  /** 20-byte accounts to fund with native coin (for gas) and mock tokens. */
  accounts?: Uint8Array[]
  tokenFunds?: bigint
  nativeFunds?: bigint
  anvil?: StartAnvilOptions
}

/** A running local chain. `stop()` kills anvil; settlements made by `settlementFor` keep it alive until then. */
export interface LocalChain {
  readonly anvil: AnvilProcess
  readonly rpcUrl: string
  readonly chainId: bigint
  /** 20-byte BazaarChannels address. */
  readonly contract: Uint8Array
  /** 20-byte mock token address. */
  readonly token: Uint8Array
  /** Funds more accounts (native coin and mock tokens). */
  fund(accounts: Uint8Array[], tokenFunds?: bigint): Promise<void>
  /** An EvmSettlement on this chain acting as `privateKey`'s account. */
  settlementFor(privateKey: Uint8Array, options?: Partial<EvmSettlementOptions>): Promise<EvmSettlement>
  stop(): Promise<void>
}

/** Starts anvil, deploys the contract and a mock token, funds `accounts`. About 0.2 s. */
export async function startLocalChain(options: LocalChainOptions = {}): Promise<LocalChain> {
  const anvil = await startAnvil(options.anvil)
  try {
    const deployerKey = new Uint8Array(randomBytes(32))
    const deployer = privateKeyToAccount(toBytes32(deployerKey))
    const nativeFunds = options.nativeFunds ?? parseEther('100')
    await fundLocalAccounts({
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      minterKey: deployerKey,
      accounts: [fromHex(deployer.address)],
      nativeBalance: parseEther('1000'),
    })
    const deployment = await deployBazaar({
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      deployerKey,
      mockToken: LOCAL_TOKEN,
      pollingIntervalMs: 20,
    })
    const token = deployment.token!
    const fund = (accounts: Uint8Array[], tokenFunds = options.tokenFunds ?? DEFAULT_LOCAL_TOKEN_FUNDS) =>
      fundLocalAccounts({
        rpcUrl: anvil.rpcUrl,
        chainId: anvil.chainId,
        minterKey: deployerKey,
        accounts,
        nativeBalance: nativeFunds,
        token: { address: token, amount: tokenFunds },
      })
    if (options.accounts?.length) await fund(options.accounts)
    return {
      anvil,
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      contract: deployment.contract,
      token,
      fund,
      settlementFor: (privateKey, extra = {}) =>
        EvmSettlement.connect({
          rpcUrl: anvil.rpcUrl,
          chainId: anvil.chainId,
          contract: deployment.contract,
          token,
          pollingIntervalMs: 50,
          ...extra,
          privateKey,
        }),
      stop: () => anvil.stop(),
    }
  } catch (err) {
    await anvil.stop()
    throw err
  }
}
