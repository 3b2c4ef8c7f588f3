import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  erc20Abi,
  type Hex,
  http,
  keccak256,
  type Log,
  type PublicClient,
  parseEventLogs,
  type Transport,
  type WalletClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type {
  LockLeaf,
  OpenChannelParams,
  SettledChannel,
  Settlement,
  SettlementEvent,
  SignedState,
  TxRef,
} from '../settlement/types.js'
import {
  approveIntent,
  channelIntent,
  claimLockFromIntent,
  claimLockIntent,
  cooperativeCloseIntent,
  openIntent,
  stateIntent,
  topUpIntent,
} from './calls.js'
import { type Address, fromHex, isNative, rpcChain, settledChannel, toAddress, toBytes32 } from './convert.js'
import { toSettlementError } from './decode-error.js'
import {
  ChainMismatchError,
  ContractMismatchError,
  type EvmSettlementError,
  TokenNotFoundError,
  TransactionFailedError,
} from './errors.js'
import { type WatchCursor, watchContractEvents } from './event-watcher.js'
import { bazaarChannelsAbi, bazaarChannelsCodeHash } from './generated/artifacts.js'
import type { SettlementIntent, SettlementJournal } from './tx-journal.js'
import { type RecoveredEntry, TxSender } from './tx-sender.js'

/** Default poll interval for receipts and events against a remote chain (ms). */
export const DEFAULT_POLLING_INTERVAL_MS = 1_000
/** Default number of blocks asked for in one eth_getLogs call (public RPCs cap the range). */
export const DEFAULT_LOG_BLOCK_RANGE = 2_000n

export interface EvmSettlementOptions {
  rpcUrl: string
  /** The chain id the configuration names; start-up refuses an endpoint serving another. */
  chainId: bigint
  /** 20-byte address of the BazaarChannels deployment. */
  contract: Uint8Array
  /**
   * 20-byte ERC-20 this node settles in (20 zero bytes: native coin); checked at start-up. It is
   * `settlement.token`, the one token a wallet on this settlement accepts channels in by default.
   */
  token?: Uint8Array
  /** Blocks on top of the including one before an action counts as done (default 1). */
  confirmations?: number
  /** 32-byte secp256k1 key: the settlement key, which also pays gas. Never logged. */
  privateKey: Uint8Array
  pollingIntervalMs?: number
  logBlockRange?: bigint
  /** Code hash the contract must have (default: the committed artifact's). */
  expectedCodeHash?: Hex
  /** Records every transaction before it is sent; unfinished ones are completed at start-up. */
  journal?: SettlementJournal
  /** Pause between attempts to finish journaled transactions while the endpoint fails (ms). */
  retryIntervalMs?: number
  /** Told about each failure that will be retried. */
  onRetry?: (error: EvmSettlementError) => void
  /** Last block the watchers fully processed, so a restarted node catches up (see `FileWatchCursor`). */
  cursor?: WatchCursor
  /** Run by `stop()` after the adapter's own resources, e.g. to stop an anvil it was given. */
  onStop?: () => Promise<void>
}

/**
 * `Settlement` on an EVM chain through the BazaarChannels contract.
 *
 * @example
 * ```ts
 * const settlement = await EvmSettlement.connect({ rpcUrl, chainId: 8453n, contract, privateKey })
 * const { channelId } = await settlement.open({ payee, token, deposit, expiry, disputeWindow, nonce: 0n })
 * ```
 */
export class EvmSettlement implements Settlement {
  readonly chainId: bigint
  readonly contract: Uint8Array
  readonly account: Uint8Array
  readonly token: Uint8Array | undefined
  private readonly address: Address
  private readonly signer: Account
  private readonly publicClient: PublicClient<Transport, Chain>
  private readonly walletClient: WalletClient<Transport, Chain, Account>
  private readonly confirmations: number
  private readonly pollingIntervalMs: number
  private readonly logBlockRange: bigint
  private readonly sender: TxSender
  private readonly cursor: WatchCursor | undefined
  private readonly onStop: (() => Promise<void>) | undefined
  private readonly watchers = new Set<() => void>()
  /** What start-up did with the journal's unfinished transactions. */
  recovered: RecoveredEntry[] = []

  private constructor(options: EvmSettlementOptions) {
    this.chainId = options.chainId
    this.contract = Uint8Array.from(options.contract)
    this.address = toAddress(options.contract, 'contract')
    this.token = options.token === undefined ? undefined : Uint8Array.from(options.token)
    this.confirmations = Math.max(1, options.confirmations ?? 1)
    this.pollingIntervalMs = options.pollingIntervalMs ?? DEFAULT_POLLING_INTERVAL_MS
    this.logBlockRange = options.logBlockRange ?? DEFAULT_LOG_BLOCK_RANGE
    this.onStop = options.onStop
    this.cursor = options.cursor
    if (options.privateKey.byteLength !== 32) throw new RangeError('privateKey must be 32 bytes')
    this.signer = privateKeyToAccount(toBytes32(options.privateKey, 'privateKey'))
    this.account = fromHex(this.signer.address)
    const chain = rpcChain(options.rpcUrl, options.chainId)
    const transport = http(options.rpcUrl, { retryCount: 2, timeout: 15_000 })
    this.publicClient = createPublicClient({ chain, transport, pollingInterval: this.pollingIntervalMs })
    this.walletClient = createWalletClient({
      chain,
      transport,
      account: this.signer,
      pollingInterval: this.pollingIntervalMs,
    })
    this.sender = new TxSender({
      publicClient: this.publicClient,
      walletClient: this.walletClient,
      confirmations: this.confirmations,
      pollingIntervalMs: this.pollingIntervalMs,
      journal: options.journal,
      retryIntervalMs: options.retryIntervalMs,
      onRetry: options.onRetry,
    })
  }

  /**
   * Connects and checks, before anything is sent, that the endpoint serves the configured chain
   * and that the configured address holds Bazaar's channel contract (by code hash).
   */
  static async connect(options: EvmSettlementOptions): Promise<EvmSettlement> {
    const s = new EvmSettlement(options)
    await s.checkDeployment(options.expectedCodeHash ?? bazaarChannelsCodeHash)
    s.recovered = await s.sender.recover()
    return s
  }

  private async checkDeployment(expectedCodeHash: Hex): Promise<void> {
    let actualChain: number
    let code: Hex | undefined
    try {
      actualChain = await this.publicClient.getChainId()
      code = await this.publicClient.getCode({ address: this.address })
    } catch (err) {
      throw toSettlementError(err, 'start-up check')
    }
    if (BigInt(actualChain) !== this.chainId) throw new ChainMismatchError(this.chainId, BigInt(actualChain))
    if (code === undefined || code === '0x')
      throw new ContractMismatchError(this.address, expectedCodeHash, undefined)
    const actual = keccak256(code)
    if (actual !== expectedCodeHash) throw new ContractMismatchError(this.address, expectedCodeHash, actual)
    if (this.token !== undefined && !isNative(this.token)) {
      const tokenAddress = toAddress(this.token, 'token')
      const tokenCode = await this.publicClient.getCode({ address: tokenAddress })
      if (tokenCode === undefined || tokenCode === '0x') {
        throw new TokenNotFoundError(tokenAddress)
      }
    }
  }

  async now(): Promise<bigint> {
    try {
      return (await this.publicClient.getBlock({ blockTag: 'latest' })).timestamp
    } catch (err) {
      throw toSettlementError(err, 'now')
    }
  }

  async balanceOf(owner: Uint8Array, token: Uint8Array): Promise<bigint> {
    const address = toAddress(owner, 'owner')
    try {
      if (isNative(token)) return await this.publicClient.getBalance({ address })
      return await this.publicClient.readContract({
        address: toAddress(token, 'token'),
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [address],
      })
    } catch (err) {
      throw toSettlementError(err, 'balanceOf')
    }
  }

  async open(p: OpenChannelParams): Promise<{ channelId: Uint8Array; tx: TxRef }> {
    if (!isNative(p.token)) await this.ensureAllowance(p.token, p.deposit)
    const { tx, logs } = await this.execute(openIntent(this.address, p))
    const opened = parseEventLogs({ abi: bazaarChannelsAbi, logs, eventName: 'ChannelOpened' })[0]
    if (opened === undefined) throw new TransactionFailedError('open (no ChannelOpened event)', tx.ref)
    return { channelId: fromHex(opened.args.channelId), tx }
  }

  async topUp(channelId: Uint8Array, amount: bigint): Promise<TxRef> {
    const channel = await this.getChannel(channelId)
    const native = channel === undefined || isNative(channel.token)
    if (channel !== undefined && !native) await this.ensureAllowance(channel.token, amount)
    return (await this.execute(topUpIntent(this.address, channelId, amount, native))).tx
  }

  async getChannel(channelId: Uint8Array): Promise<SettledChannel | undefined> {
    try {
      const v = await this.publicClient.readContract({
        address: this.address,
        abi: bazaarChannelsAbi,
        functionName: 'getChannel',
        args: [toBytes32(channelId, 'channelId')],
      })
      return settledChannel(Uint8Array.from(channelId), v)
    } catch (err) {
      throw toSettlementError(err, 'getChannel')
    }
  }

  async close(state: SignedState): Promise<TxRef> {
    return (await this.execute(stateIntent(this.address, 'close', state))).tx
  }

  async challenge(state: SignedState): Promise<TxRef> {
    return (await this.execute(stateIntent(this.address, 'challenge', state))).tx
  }

  async cooperativeClose(close: {
    channelId: Uint8Array
    sequence: bigint
    payeeAmount: bigint
    payerSignature: Uint8Array
    payeeSignature: Uint8Array
  }): Promise<TxRef> {
    return (await this.execute(cooperativeCloseIntent(this.address, close))).tx
  }

  async claimLock(
    channelId: Uint8Array,
    lock: LockLeaf,
    preimage: Uint8Array,
    proof: Uint8Array[],
  ): Promise<TxRef> {
    return (await this.execute(claimLockIntent(this.address, channelId, lock, preimage, proof))).tx
  }

  /**
   * Claims a lock of an earlier payer-signed `state` (not the closing one) with its preimage: the
   * payee's answer to a payer that closes with a newer state without a lock whose preimage it
   * learned. The payee is then paid at least `state.cumulativePaid` + the locks claimed this way.
   * (The contract's `claimLockFrom`.)
   */
  async claimLockFrom(
    state: SignedState,
    lock: LockLeaf,
    preimage: Uint8Array,
    proof: Uint8Array[],
  ): Promise<TxRef> {
    return (await this.execute(claimLockFromIntent(this.address, state, lock, preimage, proof))).tx
  }

  async withdraw(channelId: Uint8Array): Promise<TxRef> {
    return (await this.execute(channelIntent(this.address, 'withdraw', channelId))).tx
  }

  async refund(channelId: Uint8Array): Promise<TxRef> {
    return (await this.execute(channelIntent(this.address, 'refund', channelId))).tx
  }

  /** Approves the contract for `amount` of `token` when the current allowance is lower. */
  private async ensureAllowance(token: Uint8Array, amount: bigint): Promise<void> {
    const tokenAddress = toAddress(token, 'token')
    let allowance: bigint
    try {
      allowance = await this.publicClient.readContract({
        address: tokenAddress,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [this.signer.address, this.address],
      })
    } catch (err) {
      throw toSettlementError(err, 'allowance')
    }
    if (allowance >= amount) return
    // Some tokens (USDT) refuse to change one non-zero allowance into another.
    if (allowance > 0n) await this.execute(approveIntent(tokenAddress, this.address, 0n))
    await this.execute(approveIntent(tokenAddress, this.address, amount))
  }

  /**
   * Records (journal), sends and confirms one transaction; the contract's custom errors become
   * typed errors. Public so that a caller can replay an intent it recorded elsewhere.
   */
  execute(intent: SettlementIntent): Promise<{ tx: TxRef; logs: Log[] }> {
    return this.sender.execute(intent)
  }

  /** Finishes the journal's unfinished transactions now (also done at start-up and on a timer). */
  recover(): Promise<RecoveredEntry[]> {
    return this.sender.recover()
  }

  /**
   * Follows the contract's events from `fromHeight` (inclusive); without it, after the cursor's
   * block when the options give a cursor (catch-up after downtime), else from the next block.
   */
  watch(listener: (event: SettlementEvent) => void, fromHeight?: bigint): () => void {
    const stop = watchContractEvents(
      {
        publicClient: this.publicClient,
        address: this.address,
        confirmations: this.confirmations,
        pollingIntervalMs: this.pollingIntervalMs,
        logBlockRange: this.logBlockRange,
        cursor: this.cursor,
      },
      listener,
      fromHeight,
    )
    const unsubscribe = (): void => {
      stop()
      this.watchers.delete(unsubscribe)
    }
    this.watchers.add(unsubscribe)
    return unsubscribe
  }

  async stop(): Promise<void> {
    for (const unsubscribe of [...this.watchers]) unsubscribe()
    await this.sender.stop()
    await this.onStop?.()
  }
}
