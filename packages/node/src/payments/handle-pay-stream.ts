/**
 * The payee's end of a pay stream: accepts the channel open (or re-establishes an existing
 * channel), then verifies, persists and acknowledges each update in order through the wallet.
 * A rejected update is answered with the channel rule's code and leaves the channel unchanged.
 */
import {
  bytesEqual,
  type ChannelAck,
  decodeChannelOpenBody,
  type ErrorCode,
  errorCodeOf,
  errorCodeValue,
  type PayFrame,
} from '@bazaar/protocol'
import type { Logger, PeerId } from '@libp2p/interface'
import { peerKeyOf } from '../identity.js'
import type { FrameStream } from '../stream/frame-stream.js'
import { PayStreamError } from './errors.js'
import { toWire } from './reestablish.js'
import type { WalletAck, WalletChannels, WalletUpdate } from './wallet-api.js'

export interface PayeeStreamDeps {
  channels: WalletChannels
  log: Logger
  timeoutMs: number
  /**
   * Called as soon as the wallet has taken an update in hand, before its commit: writes made now
   * share that commit.
   */
  onReceiving(update: WalletUpdate): void
  /** Called after each accepted update, once it is persisted and before its ack is sent. */
  onAccepted(
    peer: PeerId,
    update: WalletUpdate,
    stateHash: Uint8Array,
    previous: WalletUpdate | undefined,
  ): void
  /** Called once the channel is open or re-established on this stream. */
  onChannel(peer: PeerId, channelId: Uint8Array): void
  /** Milliseconds accepted updates wait for one cumulative ack (DEFAULT_ACK_DELAY_MS). */
  ackDelayMs: number
}

/**
 * Acks are cumulative: an ack of sequence N acknowledges every update up to N. The ack of the
 * latest accepted update goes out `delayMs` after the first one waiting (one signature and one
 * frame for a run of back-to-back updates), and before any other frame of the stream.
 */
class CumulativeAck {
  private latest: (() => WalletAck) | undefined
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly frames: FrameStream<PayFrame>,
    private readonly delayMs: number,
    private readonly log: Logger,
  ) {}

  add(ack: () => WalletAck): void {
    this.latest = ack
    this.timer ??= setTimeout(() => {
      this.flush().catch((err: Error) => this.log('ack not sent: %s', err.message))
    }, this.delayMs)
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    const ack = this.latest
    this.latest = undefined
    if (ack !== undefined) await this.frames.send({ ack: ack() as ChannelAck })
  }

  stop(): void {
    clearTimeout(this.timer)
    this.latest = undefined
  }
}

export async function handlePayStream(
  deps: PayeeStreamDeps,
  frames: FrameStream<PayFrame>,
  peer: PeerId,
): Promise<void> {
  const peerKey = peerKeyOf(peer)
  let channelId: Uint8Array | undefined
  const acks = new CumulativeAck(frames, deps.ackDelayMs, deps.log)
  try {
    if (peerKey === undefined) throw new PayStreamError('payer peer id has no Ed25519 key')
    const first = await frames.next({ timeoutMs: deps.timeoutMs })
    if (first.open !== undefined) {
      // Strict decoding (typed errors only); the wallet checks the signature and times on its clock.
      const body = decodeChannelOpenBody(first.open.body)
      if (!bytesEqual(body.payerKey, peerKey)) throw codeError('NOT_PARTY', 'open is not from its payer')
      await deps.channels.acceptOpen(first.open, peerKey)
      channelId = body.channelId
    } else if (first.reestablish !== undefined) {
      const record = deps.channels.get(first.reestablish.channelId)
      if (record === undefined) throw codeError('CHANNEL_UNKNOWN', 'unknown channel')
      if (record.role !== 'payee' || !bytesEqual(record.remotePeerKey, peerKey)) {
        throw codeError('NOT_PARTY', 'not a party to this channel')
      }
      channelId = record.channelId
      await deps.channels.handleReestablish(first.reestablish)
    } else {
      throw codeError('UNEXPECTED_MESSAGE', 'expected open or reestablish')
    }
    await frames.send({ reestablish: toWire(deps.channels.reestablishInfo(channelId)) })
    deps.onChannel(peer, channelId)

    for (;;) {
      const frame = await frames.next({ timeoutMs: 2 ** 31 - 1 })
      if (frame.update !== undefined) {
        const update = frame.update
        if (!bytesEqual(update.channelId, channelId)) {
          await acks.flush()
          await sendError(frames, channelId, update.sequence, 'NOT_PARTY', 'update for another channel')
          continue
        }
        const previous = deps.channels.get(channelId)?.latest
        try {
          const accepting = deps.channels.acceptUpdate(update)
          deps.onReceiving(update)
          const accepted = await accepting
          // Persisted: what waits on this update (the job's reveal) goes first; the cumulative
          // ack follows (the payer does not wait on acks: its Pay follows the update at once).
          deps.onAccepted(peer, update, accepted.stateHash, previous)
          acks.add(accepted.ack)
        } catch (err) {
          deps.log('update %d rejected: %s', update.sequence, (err as Error).message)
          await acks.flush()
          await sendError(frames, channelId, update.sequence, errorCodeOf(err), (err as Error).message)
        }
      } else if (frame.reestablish !== undefined) {
        await acks.flush()
        await deps.channels.handleReestablish(frame.reestablish)
        await frames.send({ reestablish: toWire(deps.channels.reestablishInfo(channelId)) })
      } else {
        throw codeError('UNEXPECTED_MESSAGE', 'unexpected pay frame')
      }
    }
  } catch (err) {
    acks.stop()
    const error = err as Error & { errorCode?: ErrorCode }
    if (error.name !== 'StreamEndedError') {
      deps.log('pay stream from %p ended: %s', peer, error.message)
      if (!frames.done) {
        await sendError(frames, channelId ?? new Uint8Array(0), 0n, errorCodeOf(error), error.message).catch(
          () => {},
        )
      }
    }
    frames.abort(error)
  }
}

function codeError(code: string, message: string): Error {
  return Object.assign(new PayStreamError(message), { errorCode: code as ErrorCode })
}

async function sendError(
  frames: FrameStream<PayFrame>,
  channelId: Uint8Array,
  sequence: bigint,
  code: ErrorCode | string,
  message: string,
): Promise<void> {
  await frames.send({
    error: {
      channelId: new Uint8Array(channelId),
      code: errorCodeValue(code as ErrorCode),
      message,
      sequence,
    },
  })
}
