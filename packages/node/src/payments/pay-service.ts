/**
 * The pay service (`/bazaar/pay/1.0.0`): one ordered stream per channel carrying PayFrames. As
 * payer it opens channels lazily on a first hire, locks job payments and folds them once the key
 * is revealed; as payee it accepts updates through the wallet and tells the job protocol when a
 * Pay frame's locked update has been acknowledged. Implements `Payments` for the job service.
 */
import {
  bytesEqual,
  type ChannelOpen,
  decodePayFrame,
  encodePayFrame,
  keccak256,
  type PayFrame,
  type PaymentTerms,
  updateDigest,
} from '@bazaar/protocol'
import type {
  AbortOptions,
  ComponentLogger,
  Connection,
  Logger,
  PeerId,
  Startable,
  Stream,
} from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'
import type { BazaarEvents } from '../events.js'
import { peerKeyOf } from '../identity.js'
import { hex } from '../jobs/job-context.js'
import { type FrameCodec, FrameStream } from '../stream/frame-stream.js'
import {
  DEFAULT_ACK_DELAY_MS,
  DEFAULT_AWAIT_LOCK_TIMEOUT_MS,
  DEFAULT_CHANNEL_DEPOSIT,
  DEFAULT_CHANNEL_TTL_S,
  DEFAULT_DEADLINES_INTERVAL_MS,
  DEFAULT_DISPUTE_WINDOW_S,
  DEFAULT_FOLD_DELAY_MS,
  DEFAULT_MAX_PAY_FRAME_BYTES,
  DEFAULT_PAY_MAX_INBOUND_STREAMS,
  DEFAULT_PAY_MAX_OUTBOUND_STREAMS,
  DEFAULT_PAY_TIMEOUT_MS,
  MAX_QUEUED_PAY_FRAMES,
  MIN_CHANNEL_REMAINING_S,
  PAY_PROTOCOL,
} from './constants.js'
import { NoCompatibleTermsError } from './errors.js'
import { handlePayStream } from './handle-pay-stream.js'
import { LockWatch } from './lock-watch.js'
import { PayerSession } from './payer-session.js'
import { toWire } from './reestablish.js'
import type { LockedUpdate, LockRequest, Payments } from './types.js'
import type { WalletLike, WalletUpdate } from './wallet-api.js'

export interface PayServiceInit {
  wallet: WalletLike
  events: BazaarEvents
  /** Deposit of a lazily opened channel (at least the first job's budget), base units. */
  deposit?: bigint
  /** Seconds a new channel lives. */
  channelTtlS?: bigint
  /** Seconds of the dispute window of new channels. */
  disputeWindowS?: bigint
  /** 20-byte ERC-20 that new channels are funded in (default: the chain's native coin). */
  token?: Uint8Array
  timeoutMs?: number
  awaitLockTimeoutMs?: number
  /**
   * Longest a fold waits, ms, for a hire under way on its channel to carry it in its locked
   * update (DEFAULT_FOLD_DELAY_MS); with no hire under way it goes out at once.
   */
  foldDelayMs?: number
  /** Milliseconds a payee lets accepted updates gather for one cumulative ack (DEFAULT_ACK_DELAY_MS). */
  ackDelayMs?: number
  /** Milliseconds between settlement-deadline runs (DEFAULT_DEADLINES_INTERVAL_MS; 0: off). */
  deadlinesIntervalMs?: number
  maxFrameBytes?: number
  maxInboundStreams?: number
  maxOutboundStreams?: number
}

export interface PayServiceComponents {
  registrar: Registrar
  connectionManager: ConnectionManager
  logger: ComponentLogger
}

/** A fold the payer owes: the payee revealed the key of `hash`. */
interface PendingFold {
  peer: PeerId
  channelId: Uint8Array
  hash: Uint8Array
  preimage: Uint8Array
  amount: bigint
  jobId: Uint8Array
  resolve(): void
  reject(err: Error): void
}

export class PayService implements Payments, Startable {
  private readonly log: Logger
  private readonly sessions = new Map<string, PayerSession>()
  private readonly connecting = new Map<string, Promise<PayerSession>>()
  private readonly opening = new Map<string, Promise<Uint8Array>>()
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private readonly locks: LockWatch
  /** Folds waiting, per channel (hex id), to ride in the next locked update or their timer. */
  private readonly folds = new Map<string, PendingFold[]>()
  private readonly foldTimers = new Map<string, ReturnType<typeof setTimeout>>()
  /** Per channel (hex id): when its oldest waiting fold must go out at the latest (ms). */
  private readonly foldDeadlines = new Map<string, number>()
  /** Hires under way per channel (hex id): each will send a locked update a fold can ride in. */
  private readonly hiresUnderWay = new Map<string, number>()
  private started = false
  private deadlinesTimer: ReturnType<typeof setInterval> | undefined
  private deadlinesRun: Promise<void> | undefined
  private readonly codec: FrameCodec<PayFrame>

  constructor(
    private readonly components: PayServiceComponents,
    private readonly init: PayServiceInit,
  ) {
    this.log = components.logger.forComponent('bazaar:pay')
    const maxBytes = init.maxFrameBytes ?? DEFAULT_MAX_PAY_FRAME_BYTES
    this.codec = { encode: encodePayFrame, decode: (bytes) => decodePayFrame(bytes, { maxBytes }) }
    this.locks = new LockWatch(
      init.wallet.channels,
      this.log,
      init.awaitLockTimeoutMs ?? DEFAULT_AWAIT_LOCK_TIMEOUT_MS,
    )
  }

  readonly [Symbol.toStringTag] = '@bazaar/pay'

  async start(): Promise<void> {
    await this.components.registrar.handle(
      PAY_PROTOCOL,
      (stream, connection) => this.onStream(stream, connection),
      {
        maxInboundStreams: this.init.maxInboundStreams ?? DEFAULT_PAY_MAX_INBOUND_STREAMS,
        maxOutboundStreams: this.init.maxOutboundStreams ?? DEFAULT_PAY_MAX_OUTBOUND_STREAMS,
      },
    )
    this.started = true
    const interval = this.init.deadlinesIntervalMs ?? DEFAULT_DEADLINES_INTERVAL_MS
    if (interval > 0 && this.init.wallet.channels.runDeadlines !== undefined) {
      this.deadlinesTimer = setInterval(() => {
        this.deadlinesRun ??= this.runDeadlines().finally(() => {
          this.deadlinesRun = undefined
        })
      }, interval)
      this.deadlinesTimer.unref()
    }
  }

  /**
   * One pass of the wallet's settlement deadlines, so that nobody has to ask: a payee closes
   * before expiry, locks are claimed, payouts withdrawn, an abandoned channel refunded.
   */
  private async runDeadlines(): Promise<void> {
    try {
      const actions = (await this.init.wallet.channels.runDeadlines?.()) ?? []
      for (const a of actions) {
        if (a.error !== undefined)
          this.log.error('deadline %s of channel %s failed: %s', a.action, hex(a.channelId), a.error.message)
        else this.log('deadline %s of channel %s done', a.action, hex(a.channelId))
      }
    } catch (error) {
      this.log.error('settlement deadlines failed: %s', (error as Error).message)
    }
  }

  async stop(): Promise<void> {
    await this.components.registrar.unhandle(PAY_PROTOCOL)
    if (this.deadlinesTimer !== undefined) clearInterval(this.deadlinesTimer)
    this.deadlinesTimer = undefined
    await this.deadlinesRun
    for (const timer of this.timers) clearTimeout(timer)
    for (const [key, timer] of this.foldTimers) {
      clearTimeout(timer)
      this.foldTimers.delete(key)
      this.foldDeadlines.delete(key)
      await this.flushFolds(key)
    }
    for (const session of this.sessions.values()) session.close(new Error('node stopping'))
    this.sessions.clear()
    this.started = false
  }

  isStarted(): boolean {
    return this.started
  }

  terms(): PaymentTerms[] {
    const { wallet } = this.init
    const base = {
      chainId: wallet.settlement.chainId,
      contract: new Uint8Array(wallet.settlement.contract),
      payeeAddress: new Uint8Array(wallet.settlementKey.address),
    }
    // One entry per accepted token (absent = the native coin), so payers fund what we accept.
    const tokens = wallet.channels.acceptedTokens?.() ?? []
    if (tokens.length === 0) return [base]
    return tokens.map((token) => ({ ...base, token: new Uint8Array(token) }))
  }

  // Payer side

  async ensureChannel(
    peer: PeerId,
    terms: PaymentTerms[],
    amount: bigint,
    options: AbortOptions = {},
  ): Promise<Uint8Array> {
    const key = peer.toString()
    const inFlight = this.opening.get(key)
    if (inFlight !== undefined) await inFlight.catch(() => {})
    const existing = this.usableChannel(peer, amount)
    if (existing !== undefined) {
      await this.session(peer, existing, options)
      return existing
    }
    const opening = this.openChannel(peer, terms, amount, options)
    this.opening.set(key, opening)
    try {
      return await opening
    } finally {
      if (this.opening.get(key) === opening) this.opening.delete(key)
    }
  }

  underWay(channelId: Uint8Array): () => void {
    const key = hex(channelId)
    this.hiresUnderWay.set(key, (this.hiresUnderWay.get(key) ?? 0) + 1)
    let ended = false
    return () => {
      if (ended) return
      ended = true
      const left = (this.hiresUnderWay.get(key) ?? 1) - 1
      if (left > 0) {
        this.hiresUnderWay.set(key, left)
        return
      }
      this.hiresUnderWay.delete(key)
      // No hire left to carry the folds: they go out on the next tick (unless a hire starts).
      if (this.foldTimers.has(key)) this.armFoldTimer(key, 0)
    }
  }

  async lock(request: LockRequest, options: AbortOptions = {}): Promise<LockedUpdate> {
    const session = await this.session(request.peer, request.channelId, options)
    const { channels, settlement } = this.init.wallet
    const submit = (fold: PendingFold | undefined) =>
      session.submit(() => {
        if (fold !== undefined) this.recordKey(fold)
        return channels.createUpdate(request.channelId, {
          lock: {
            hash: request.hash,
            amount: request.amount,
            expiry: request.expiry,
            jobId: request.jobId,
          },
          jobId: request.jobId,
          ...(fold === undefined ? {} : { fold: fold.hash }),
        })
      }, options.signal)
    // A fold owed on this channel rides in this update: one signature and one commit on each
    // side instead of two. The worker checks the update itself (awaitLocked) before it reveals
    // anything, so the Pay frame can follow the update at once instead of waiting for its ack.
    let fold = this.takeFold(request.channelId)
    let submitted: Awaited<ReturnType<typeof submit>>
    try {
      submitted = await submit(fold)
    } catch (err) {
      if (fold === undefined) throw err
      this.queueFold(fold)
      fold = undefined
      submitted = await submit(undefined)
    }
    const { update, acked } = submitted
    this.watchAck(acked)
    if (fold !== undefined) this.folded(fold)
    const stateHash = updateDigest({ chainId: settlement.chainId, contract: settlement.contract }, update)
    this.init.events.emitPayment({
      channelId: hex(request.channelId),
      peer: request.peer,
      direction: 'outbound',
      kind: 'lock',
      amount: request.amount,
      jobId: hex(request.jobId),
    })
    return { channelId: request.channelId, sequence: update.sequence, stateHash }
  }

  /** Acks arrive in the background: a missing or refused one is logged (the session closes on it). */
  private watchAck(acked: Promise<unknown>): void {
    acked.catch((err: Error) => this.log('update not acknowledged: %s', err.message))
  }

  /**
   * Folds a revealed lock into the cumulative amount: the fold (and the key's record) rides in
   * the locked update of a hire under way on the channel, or goes out on its own when none is
   * (on the next tick) or after `foldDelayMs` at the latest. Resolves once the fold is persisted
   * and sent.
   */
  async fold(
    peer: PeerId,
    channelId: Uint8Array,
    preimage: Uint8Array,
    _options: AbortOptions = {},
  ): Promise<void> {
    const hash = keccak256(preimage)
    const lock = this.init.wallet.channels.get(channelId)?.latest?.locks.find((l) => bytesEqual(l.hash, hash))
    if (lock === undefined) return
    const { promise, resolve, reject } = Promise.withResolvers<void>()
    this.queueFold({
      peer,
      channelId,
      hash,
      preimage,
      amount: lock.amount,
      jobId: lock.jobId,
      resolve,
      reject,
    })
    return promise
  }

  /**
   * Records a fold's key in the same tick as the update that folds it, so both share one group
   * commit. Until then a crash loses only the key: the payee, which holds it, claims the lock.
   */
  private recordKey(fold: PendingFold): void {
    this.init.wallet.channels
      .recordPreimage(fold.channelId, fold.preimage)
      .catch((err: Error) => this.log('could not record a key: %s', err.message))
  }

  private queueFold(fold: PendingFold): void {
    const key = hex(fold.channelId)
    const queue = this.folds.get(key) ?? []
    queue.push(fold)
    this.folds.set(key, queue)
    if (this.foldTimers.has(key)) return
    this.foldDeadlines.set(key, Date.now() + (this.init.foldDelayMs ?? DEFAULT_FOLD_DELAY_MS))
    this.armFoldTimer(key, 0)
  }

  /**
   * (Re)arms the fold timer of a channel. When it fires, the folds still waiting go out, unless
   * a hire is under way on the channel and their deadline is not reached: that hire's locked
   * update will carry one of them, so the timer waits until the deadline (or the hire's end).
   */
  private armFoldTimer(key: string, delayMs: number): void {
    const previous = this.foldTimers.get(key)
    if (previous !== undefined) clearTimeout(previous)
    const timer = setTimeout(() => {
      this.foldTimers.delete(key)
      const deadline = this.foldDeadlines.get(key) ?? 0
      const now = Date.now()
      if ((this.hiresUnderWay.get(key) ?? 0) > 0 && now < deadline && this.folds.has(key)) {
        this.armFoldTimer(key, deadline - now)
        return
      }
      this.foldDeadlines.delete(key)
      void this.flushFolds(key)
    }, delayMs)
    this.foldTimers.set(key, timer)
  }

  private takeFold(channelId: Uint8Array): PendingFold | undefined {
    const key = hex(channelId)
    const queue = this.folds.get(key)
    const fold = queue?.shift()
    if (queue !== undefined && queue.length === 0) {
      this.folds.delete(key)
      clearTimeout(this.foldTimers.get(key))
      this.foldTimers.delete(key)
      this.foldDeadlines.delete(key)
    }
    return fold
  }

  /** Sends the folds of a channel that no locked update took, one update each, together. */
  private async flushFolds(key: string): Promise<void> {
    const queue = this.folds.get(key) ?? []
    this.folds.delete(key)
    const { channels } = this.init.wallet
    // All at once: the wallet numbers each update as it is created, so they share one group
    // commit (and go out in order) instead of waiting for one commit each.
    await Promise.all(
      queue.map(async (fold) => {
        try {
          const session = await this.session(fold.peer, fold.channelId)
          const { acked } = await session.submit(() => {
            this.recordKey(fold)
            return channels.createUpdate(fold.channelId, { fold: fold.hash, jobId: fold.jobId })
          })
          this.watchAck(acked)
          this.folded(fold)
        } catch (err) {
          fold.reject(err as Error)
        }
      }),
    )
  }

  private folded(fold: PendingFold): void {
    this.init.events.emitPayment({
      channelId: hex(fold.channelId),
      peer: fold.peer,
      direction: 'outbound',
      kind: 'fold',
      amount: fold.amount,
      jobId: hex(fold.jobId),
    })
    fold.resolve()
  }

  async abandon(peer: PeerId, channelId: Uint8Array, hash: Uint8Array): Promise<void> {
    const lock = this.init.wallet.channels.get(channelId)?.latest?.locks.find((l) => bytesEqual(l.hash, hash))
    if (lock === undefined) return
    // After its expiry the lock can no longer be claimed: drop it so its amount is spendable again.
    const delayMs = Math.max(0, Number(lock.expiry) * 1000 - Date.now() + 1_000)
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      void this.unlock(peer, channelId, lock).catch((err: Error) =>
        this.log('unlock of an expired lock failed: %s', err.message),
      )
    }, delayMs)
    timer.unref?.()
    this.timers.add(timer)
  }

  /**
   * Signs (and persists) the update that drops an expired lock. Sent at once when the payee can
   * be reached; a payee that went away gets it on the next re-establish, which re-sends it.
   */
  private async unlock(
    peer: PeerId,
    channelId: Uint8Array,
    lock: { hash: Uint8Array; amount: bigint; jobId: Uint8Array },
  ): Promise<void> {
    const { channels } = this.init.wallet
    const session = await this.session(peer, channelId).catch((err: Error) => {
      this.log('payee unreachable for the unlock (it follows on re-establish): %s', err.message)
      return undefined
    })
    const create = (): Promise<WalletUpdate> => channels.createUpdate(channelId, { unlock: lock.hash })
    if (session === undefined) await create()
    else this.watchAck((await session.submit(create)).acked)
    this.init.events.emitPayment({
      channelId: hex(channelId),
      peer,
      direction: 'outbound',
      kind: 'unlock',
      amount: lock.amount,
      jobId: hex(lock.jobId),
    })
  }

  // Payee side

  hasChannel(peer: PeerId, channelId: Uint8Array): boolean {
    const record = channelId.byteLength === 32 ? this.init.wallet.channels.get(channelId) : undefined
    const peerKey = peerKeyOf(peer)
    return (
      record !== undefined &&
      record.role === 'payee' &&
      record.status === 'open' &&
      peerKey !== undefined &&
      bytesEqual(record.remotePeerKey, peerKey)
    )
  }

  awaitLocked(request: LockRequest & LockedUpdate, options: AbortOptions = {}): Promise<void> {
    return this.locks.awaitLocked(request, options)
  }

  expectKey(
    peer: PeerId,
    channelId: Uint8Array,
    hash: Uint8Array,
    amount: bigint,
    preimage: Uint8Array,
  ): void {
    if (this.hasChannel(peer, channelId)) this.locks.expect(channelId, hash, amount, preimage)
  }

  async revealed(_peer: PeerId, channelId: Uint8Array, preimage: Uint8Array): Promise<void> {
    await this.init.wallet.channels.revealPreimage(channelId, preimage)
  }

  async keepKey(
    peer: PeerId,
    channelId: Uint8Array,
    hash: Uint8Array,
    amount: bigint,
    preimage: Uint8Array,
  ): Promise<boolean> {
    if (!this.hasChannel(peer, channelId)) return false
    return this.locks.keepKey(channelId, hash, amount, preimage)
  }

  private onAccepted(
    peer: PeerId,
    update: WalletUpdate,
    stateHash: Uint8Array,
    previous: WalletUpdate | undefined,
  ): void {
    const channelId = hex(update.channelId)
    const before = previous?.locks ?? []
    const paid = update.cumulativePaid - (previous?.cumulativePaid ?? 0n)
    if (paid > 0n) {
      // A folded lock is one that left the state while the amount paid rose.
      const gone = before.find((l) => !update.locks.some((u) => bytesEqual(u.hash, l.hash)))
      const jobId = hex(gone?.jobId ?? update.jobId)
      this.init.events.emitPayment({
        channelId,
        peer,
        direction: 'inbound',
        kind: 'fold',
        amount: paid,
        jobId,
      })
    }
    for (const lock of update.locks) {
      if (before.some((l) => bytesEqual(l.hash, lock.hash))) continue
      this.init.events.emitPayment({
        channelId,
        peer,
        direction: 'inbound',
        kind: 'lock',
        amount: lock.amount,
        jobId: hex(lock.jobId),
      })
    }
    this.locks.accepted(update, stateHash)
  }

  private usableChannel(peer: PeerId, amount: bigint): Uint8Array | undefined {
    const peerKey = peerKeyOf(peer)
    if (peerKey === undefined) return undefined
    const { channels, settlement } = this.init.wallet
    const nowS = BigInt(Math.floor(Date.now() / 1000))
    for (const record of channels.byPeer(peerKey)) {
      if (record.role !== 'payer' || record.status !== 'open') continue
      if (record.chainId !== settlement.chainId || !bytesEqual(record.contract, settlement.contract)) continue
      if (record.expiry - nowS < MIN_CHANNEL_REMAINING_S) continue
      if (channels.balance(record.channelId).available >= amount) return record.channelId
    }
    return undefined
  }

  private async openChannel(
    peer: PeerId,
    terms: PaymentTerms[],
    amount: bigint,
    options: AbortOptions,
  ): Promise<Uint8Array> {
    const { wallet } = this.init
    const peerKey = peerKeyOf(peer)
    const match = terms.find(
      (t) => t.chainId === wallet.settlement.chainId && bytesEqual(t.contract, wallet.settlement.contract),
    )
    if (peerKey === undefined || match === undefined) {
      throw new NoCompatibleTermsError(`${peer} accepts no payment on this node's settlement network`)
    }
    const deposit = this.init.deposit ?? DEFAULT_CHANNEL_DEPOSIT
    const { channelId, open } = await wallet.channels.open({
      peerKey,
      payeeAddress: match.payeeAddress,
      deposit: deposit > amount ? deposit : amount,
      ttl: this.init.channelTtlS ?? DEFAULT_CHANNEL_TTL_S,
      disputeWindow: this.init.disputeWindowS ?? DEFAULT_DISPUTE_WINDOW_S,
      ...(this.init.token === undefined ? {} : { token: this.init.token }),
    })
    await this.connect(peer, channelId, { open: open as ChannelOpen }, options)
    this.init.events.emitPayment({
      channelId: hex(channelId),
      peer,
      direction: 'outbound',
      kind: 'open',
      amount: deposit > amount ? deposit : amount,
    })
    return channelId
  }

  /** The open session of a channel, reconnecting (with re-establish) when its stream is gone. */
  private async session(
    peer: PeerId,
    channelId: Uint8Array,
    options: AbortOptions = {},
  ): Promise<PayerSession> {
    const key = hex(channelId)
    const current = this.sessions.get(key)
    if (current?.open === true) return current
    const pending = this.connecting.get(key)
    if (pending !== undefined) return pending
    const reestablish = toWire(this.init.wallet.channels.reestablishInfo(channelId))
    return this.connect(peer, channelId, { reestablish }, options)
  }

  private async connect(
    peer: PeerId,
    channelId: Uint8Array,
    first: PayFrame,
    options: AbortOptions,
  ): Promise<PayerSession> {
    const key = hex(channelId)
    const timeoutMs = this.init.timeoutMs ?? DEFAULT_PAY_TIMEOUT_MS
    const connecting = (async () => {
      const signal = AbortSignal.any([
        AbortSignal.timeout(timeoutMs),
        ...(options.signal ? [options.signal] : []),
      ])
      const stream = await this.components.connectionManager.openStream(peer, PAY_PROTOCOL, { signal })
      const frames = new FrameStream(stream, this.codec, {
        maxFrameBytes: this.init.maxFrameBytes ?? DEFAULT_MAX_PAY_FRAME_BYTES,
        maxQueuedFrames: MAX_QUEUED_PAY_FRAMES,
      })
      const session = new PayerSession(channelId, frames, this.init.wallet.channels, timeoutMs, this.log)
      try {
        await session.handshake(first, signal)
      } catch (err) {
        session.close(err as Error)
        throw err
      }
      this.sessions.get(key)?.close(new Error('replaced'))
      this.sessions.set(key, session)
      return session
    })()
    this.connecting.set(key, connecting)
    try {
      return await connecting
    } finally {
      this.connecting.delete(key)
    }
  }

  private onStream(stream: Stream, connection: Connection): void {
    const frames = new FrameStream(stream, this.codec, {
      maxFrameBytes: this.init.maxFrameBytes ?? DEFAULT_MAX_PAY_FRAME_BYTES,
      maxQueuedFrames: MAX_QUEUED_PAY_FRAMES,
    })
    void handlePayStream(
      {
        channels: this.init.wallet.channels,
        log: this.log,
        timeoutMs: this.init.timeoutMs ?? DEFAULT_PAY_TIMEOUT_MS,
        ackDelayMs: this.init.ackDelayMs ?? DEFAULT_ACK_DELAY_MS,
        onReceiving: (update) => this.locks.receiving(update),
        onAccepted: (peer, update, stateHash, previous) => this.onAccepted(peer, update, stateHash, previous),
        onChannel: (peer, channelId) =>
          this.log('channel %s with %p ready', hex(channelId).slice(0, 16), peer),
      },
      frames,
      connection.remotePeer,
    )
  }
}

/** libp2p service factory for payments; `createBazaarNode` composes it when given a wallet. */
export function payService(init: PayServiceInit): (components: PayServiceComponents) => PayService {
  return (components) => new PayService(components, init)
}
