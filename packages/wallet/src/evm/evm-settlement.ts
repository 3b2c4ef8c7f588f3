import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
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
  type Address,
  fromHex,
  isNative,
  rpcChain,
  settledChannel,
  settlementEvents,
  stateTuple,
  toAddress,
  toBytes32,
} from './convert.js'
import { toSettlementError } from './decode-error.js'
import {
  ChainMismatchError,
  ContractMismatchError,
  type EvmSettlementError,
  TransactionFailedError,
} from './errors.js'
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
  /** 20-byte ERC-20 this node settles in (20 zero bytes: native coin); checked at start-up. */
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
        throw new ContractMismatchError(tokenAddress, 'an ERC-20 token', undefined)
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
    const native = isNative(p.token)
    if (!native) await this.ensureAllowance(p.token, p.deposit)
    const data = encodeFunctionData({
      abi: bazaarChannelsAbi,
      functionName: 'open',
      args: [
        toAddress(p.payee, 'payee'),
        toAddress(p.token, 'token'),
        p.deposit,
        p.expiry,
        p.disputeWindow,
        p.nonce,
      ],
    })
    const { tx, logs } = await this.execute({
      action: 'open',
      to: this.address,
      data,
      value: native ? p.deposit : 0n,
    })
    const opened = parseEventLogs({ abi: bazaarChannelsAbi, logs, eventName: 'ChannelOpened' })[0]
    if (opened === undefined) throw new TransactionFailedError('open (no ChannelOpened event)', tx.ref)
    return { channelId: fromHex(opened.args.channelId), tx }
  }

  async topUp(channelId: Uint8Array, amount: bigint): Promise<TxRef> {
    const channel = await this.getChannel(channelId)
    const native = channel === undefined || isNative(channel.token)
    if (channel !== undefined && !native) await this.ensureAllowance(channel.token, amount)
    const data = encodeFunctionData({
      abi: bazaarChannelsAbi,
      functionName: 'topUp',
      args: [toBytes32(channelId, 'channelId'), amount],
    })
    return (
      await this.execute({ action: 'topUp', channelId, to: this.address, data, value: native ? amount : 0n })
    ).tx
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
    return this.sendState('close', state)
  }

  async challenge(state: SignedState): Promise<TxRef> {
    return this.sendState('challenge', state)
  }

  private async sendState(action: 'close' | 'challenge', state: SignedState): Promise<TxRef> {
    const data = encodeFunctionData({
      abi: bazaarChannelsAbi,
      functionName: action,
      args: [stateTuple(state), hexOf(state.signature)],
    })
    return (await this.execute({ action, channelId: state.channelId, to: this.address, data, value: 0n })).tx
  }

  async cooperativeClose(close: {
    channelId: Uint8Array
    sequence: bigint
    payeeAmount: bigint
    payerSignature: Uint8Array
    payeeSignature: Uint8Array
  }): Promise<TxRef> {
    const data = encodeFunctionData({
      abi: bazaarChannelsAbi,
      functionName: 'cooperativeClose',
      args: [
        toBytes32(close.channelId, 'channelId'),
        close.sequence,
        close.payeeAmount,
        hexOf(close.payerSignature),
        hexOf(close.payeeSignature),
      ],
    })
    const intent = {
      action: 'cooperativeClose',
      channelId: close.channelId,
      to: this.address,
      data,
      value: 0n,
    } as const
    return (await this.execute(intent)).tx
  }

  async claimLock(
    channelId: Uint8Array,
    lock: LockLeaf,
    preimage: Uint8Array,
    proof: Uint8Array[],
  ): Promise<TxRef> {
    const data = encodeFunctionData({
      abi: bazaarChannelsAbi,
      functionName: 'claimLock',
      args: [
        toBytes32(channelId, 'channelId'),
        lockTuple(lock),
        toBytes32(preimage, 'preimage'),
        proof.map((p) => toBytes32(p, 'proof')),
      ],
    })
    return (await this.execute({ action: 'claimLock', channelId, to: this.address, data, value: 0n })).tx
  }

  /**
   * Claims a lock of an earlier payer-signed `state` (not the closing one) with its preimage: the
   * payee's answer to a payer that closes with a newer state without a lock whose preimage it
   * learned. The payee is then paid at least `state.cumulativePaid` + the locks claimed this way.
   * (An extension of `Settlement`: the contract's `claimLockFrom`.)
   */
  async claimLockFrom(
    state: SignedState,
    lock: LockLeaf,
    preimage: Uint8Array,
    proof: Uint8Array[],
  ): Promise<TxRef> {
    const data = encodeFunctionData({
      abi: bazaarChannelsAbi,
      functionName: 'claimLockFrom',
      args: [
        stateTuple(state),
        hexOf(state.signature),
        lockTuple(lock),
        toBytes32(preimage, 'preimage'),
        proof.map((p) => toBytes32(p, 'proof')),
      ],
    })
    const intent = {
      action: 'claimLockFrom',
      channelId: state.channelId,
      to: this.address,
      data,
      value: 0n,
    } as const
    return (await this.execute(intent)).tx
  }

  async withdraw(channelId: Uint8Array): Promise<TxRef> {
    return this.sendChannelAction('withdraw', channelId)
  }

  async refund(channelId: Uint8Array): Promise<TxRef> {
    return this.sendChannelAction('refund', channelId)
  }

  private async sendChannelAction(action: 'withdraw' | 'refund', channelId: Uint8Array): Promise<TxRef> {
    const data = encodeFunctionData({
      abi: bazaarChannelsAbi,
      functionName: action,
      args: [toBytes32(channelId, 'channelId')],
    })
    return (await this.execute({ action, channelId, to: this.address, data, value: 0n })).tx
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

  watch(listener: (event: SettlementEvent) => void, fromHeight?: bigint): () => void {
    let next = fromHeight
    let stopped = false
    let timer: NodeJS.Timeout | undefined
    let wake: (() => void) | undefined
    const unsubscribe = (): void => {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      wake?.()
      this.watchers.delete(unsubscribe)
    }
    this.watchers.add(unsubscribe)
    const poll = async (): Promise<void> => {
      const head = await this.publicClient.getBlockNumber({ cacheTime: 0 })
      const safe = head - BigInt(this.confirmations - 1)
      let from: bigint = next ?? safe + 1n
      next = from
      while (!stopped && from <= safe) {
        const last: bigint = from + this.logBlockRange - 1n
        const to: bigint = last < safe ? last : safe
        const logs = await this.publicClient.getLogs({ address: this.address, fromBlock: from, toBlock: to })
        for (const event of settlementEvents(logs)) {
          if (stopped) return
          try {
            listener(event)
          } catch {
            // A listener's failure must not stop the watcher.
          }
        }
        from = to + 1n
        next = from
      }
    }
    void (async () => {
      while (!stopped) {
        try {
          await poll()
        } catch {
          // The endpoint is down or slow: try again at the next tick from the same block.
        }
        if (stopped) break
        await new Promise<void>((resolve) => {
          wake = resolve
          timer = setTimeout(resolve, this.pollingIntervalMs)
        })
      }
    })()
    return unsubscribe
  }

  async stop(): Promise<void> {
    for (const unsubscribe of [...this.watchers]) unsubscribe()
    await this.sender.stop()
    await this.onStop?.()
  }
}

function hexOf(bytes: Uint8Array): Hex {
  return `0x${Buffer.from(bytes).toString('hex')}`
}

function lockTuple(lock: LockLeaf) {
  return {
    hash: toBytes32(lock.hash, 'lock.hash'),
    amount: lock.amount,
    expiry: lock.expiry,
    jobId: toBytes32(lock.jobId, 'lock.jobId'),
  }
}

function approveIntent(token: Address, spender: Address, amount: bigint): SettlementIntent {
  return {
    action: 'approve',
    to: token,
    data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] }),
    value: 0n,
  }
}
