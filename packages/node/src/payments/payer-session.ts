/**
 * The payer's end of one channel's pay stream: sends updates in order and resolves each with
 * the payee's ack; re-establishes on (re)connect so a payee that missed updates gets them again.
 */
import { type ChannelUpdate, errorCodeFromValue, type PayFrame } from '@bazaar/protocol'
import type { Logger } from '@libp2p/interface'
import { ChannelRejectedError } from '../jobs/errors.js'
import type { FrameStream } from '../stream/frame-stream.js'
import { ACK_BATCH_MS } from './constants.js'
import { PayStreamError } from './errors.js'
import type { WalletAck, WalletChannels, WalletUpdate } from './wallet-api.js'

interface Pending {
  resolve(ack: WalletAck): void
  reject(err: Error): void
}

export class PayerSession {
  private readonly pending = new Map<bigint, Pending>()
  /** Acks received and not checked yet: checked together, the highest first (see `checkAcks`). */
  private acks: WalletAck[] = []
  private ackTimer: ReturnType<typeof setTimeout> | undefined
  private closedWith: Error | undefined
  /** Serialises update creation and sending on this channel. */
  private tail: Promise<unknown> = Promise.resolve()

  constructor(
    readonly channelId: Uint8Array,
    private readonly frames: FrameStream<PayFrame>,
    private readonly channels: WalletChannels,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  get open(): boolean {
    return this.closedWith === undefined && !this.frames.done
  }

  /**
   * Sends the first frame (open or reestablish), waits for the payee's reestablish, resends what
   * it missed, then keeps reading acks in the background.
   */
  async handshake(first: PayFrame, signal?: AbortSignal): Promise<void> {
    await this.frames.send(first, signal)
    const answer = await this.frames.next({ timeoutMs: this.timeoutMs, signal })
    if (answer.error !== undefined) {
      const code = errorCodeFromValue(answer.error.code)
      throw new ChannelRejectedError(code, answer.error.message || `payee refused the channel: ${code}`)
    }
    if (answer.reestablish === undefined) throw new PayStreamError('expected reestablish from the payee')
    const result = await this.channels.handleReestablish(answer.reestablish)
    void this.readLoop()
    if (result.status === 'resend') {
      for (const update of result.updates) {
        void this.send(update).catch((err: Error) => this.log('resend failed: %s', err.message))
      }
    }
  }

  /**
   * Creates an update at once (the wallet numbers it synchronously, so concurrent payments get
   * consecutive sequences and share one group commit) and writes it after every earlier one, in
   * sequence order. Resolves once it is written, with the promise of its ack.
   */
  submit(
    create: () => Promise<WalletUpdate>,
    signal?: AbortSignal,
  ): Promise<{ update: WalletUpdate; acked: Promise<WalletAck> }> {
    const created = create()
    const written = this.tail.then(async () => {
      const update = await created
      const { acked } = await this.write(update, signal)
      return { update, acked }
    })
    this.tail = written.catch(() => {})
    return written
  }

  /** Sends a signed update; resolves with the payee's ack (already checked by the wallet). */
  async send(update: WalletUpdate, signal?: AbortSignal): Promise<WalletAck> {
    const { acked } = await this.write(update, signal)
    return acked
  }

  /**
   * Writes a signed update and resolves as soon as it is on the stream, with the promise of its
   * ack: a payment need not wait for the payee's disk before the next message goes out.
   */
  async write(update: WalletUpdate, signal?: AbortSignal): Promise<{ acked: Promise<WalletAck> }> {
    if (this.closedWith !== undefined) throw this.closedWith
    const { promise, resolve, reject } = Promise.withResolvers<WalletAck>()
    const timer = setTimeout(
      () => reject(new PayStreamError(`no ack for sequence ${update.sequence} within ${this.timeoutMs} ms`)),
      this.timeoutMs,
    )
    this.pending.set(update.sequence, {
      resolve: (ack) => {
        clearTimeout(timer)
        resolve(ack)
      },
      reject: (err) => {
        clearTimeout(timer)
        reject(err)
      },
    })
    const settled = promise.finally(() => {
      clearTimeout(timer)
      this.pending.delete(update.sequence)
    })
    try {
      // The wallet's update has exactly the wire fields; only its byte arrays are typed more loosely.
      await this.frames.send({ update: update as ChannelUpdate }, signal)
    } catch (err) {
      this.pending.get(update.sequence)?.reject(err as Error)
      await settled.catch(() => {})
      throw err
    }
    return { acked: settled }
  }

  close(err: Error): void {
    if (this.closedWith !== undefined) return
    clearTimeout(this.ackTimer)
    this.acks = []
    this.closedWith = err
    for (const p of this.pending.values()) p.reject(err)
    this.pending.clear()
    this.frames.abort(err)
  }

  /**
   * Checks the acks received since the last check. Acks are cumulative (an ack of sequence N
   * acknowledges every update up to N: the payee accepted each only on top of the one before),
   * so a valid ack of the highest confirms the whole batch with one signature check. Should the
   * highest fail, each ack is checked on its own, in order.
   */
  private async checkAcks(): Promise<void> {
    clearTimeout(this.ackTimer)
    this.ackTimer = undefined
    const acks = this.acks
    this.acks = []
    if (acks.length === 0) return
    const highest = acks.reduce((a, b) => (b.sequence > a.sequence ? b : a))
    try {
      await this.channels.receiveAck(highest)
      this.confirmUpTo(highest)
      return
    } catch {
      // One by one below: the culprit is rejected with its own error.
    }
    for (const ack of acks.sort((a, b) => (a.sequence < b.sequence ? -1 : 1))) {
      try {
        await this.channels.receiveAck(ack)
        this.confirmUpTo(ack)
      } catch (err) {
        this.pending.get(ack.sequence)?.reject(err as Error)
      }
    }
  }

  /** A checked ack of sequence N confirms every update up to N (the payee acks cumulatively). */
  private confirmUpTo(ack: WalletAck): void {
    for (const [sequence, pending] of this.pending) if (sequence <= ack.sequence) pending.resolve(ack)
  }

  private async readLoop(): Promise<void> {
    try {
      for (;;) {
        const frame = await this.frames.next({ timeoutMs: 2 ** 31 - 1 })
        if (frame.ack !== undefined) {
          this.acks.push(frame.ack)
          this.ackTimer ??= setTimeout(() => void this.checkAcks(), ACK_BATCH_MS)
          continue
        }
        // Anything else is handled after the acks before it, in stream order.
        await this.checkAcks()
        if (frame.error !== undefined) {
          const code = errorCodeFromValue(frame.error.code)
          const pending = this.pending.get(frame.error.sequence)
          const error = new ChannelRejectedError(
            code,
            frame.error.message || `payee rejected the update: ${code}`,
          )
          if (pending === undefined) this.log('payee error %s on channel', code)
          pending?.reject(error)
        } else if (frame.reestablish !== undefined) {
          const result = await this.channels.handleReestablish(frame.reestablish)
          if (result.status === 'resend') for (const u of result.updates) void this.send(u).catch(() => {})
        } else {
          throw new PayStreamError('unexpected frame from the payee')
        }
      }
    } catch (err) {
      this.close(new PayStreamError('pay stream ended', { cause: err }))
    }
  }
}
