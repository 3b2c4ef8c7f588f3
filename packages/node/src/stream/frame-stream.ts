/**
 * Length-prefixed protobuf frames over a libp2p 3 stream, bounded on every axis: the prefix is
 * checked against `maxFrameBytes` before any body byte is buffered, at most `maxQueuedFrames`
 * decoded frames wait unread, and every read has a timeout. Any violation resets the stream.
 *
 * Reading runs from the stream's `message` events into a queue, so a protocol can await the next
 * frame while it is also writing (cancellation from either side needs both at once).
 */
import type { Stream } from '@libp2p/interface'
import {
  FrameTimeoutError,
  FrameTooLargeError,
  MalformedFrameError,
  StreamEndedError,
  TooManyFramesError,
} from './errors.js'
import { decodeUvarint, encodeUvarint, MAX_VARINT_BYTES } from './varint.js'

/** Encodes and decodes one message type (a protons codec fits). */
export interface FrameCodec<T> {
  encode(frame: T): Uint8Array
  decode(bytes: Uint8Array): T
}

export interface FrameStreamOptions {
  /** Largest frame body accepted, in bytes. */
  maxFrameBytes: number
  /** Decoded frames allowed to wait unread before the stream is reset. */
  maxQueuedFrames?: number
}

export interface NextFrameOptions {
  /** Milliseconds to wait for the frame. */
  timeoutMs: number
  signal?: AbortSignal | undefined
}

const DEFAULT_MAX_QUEUED_FRAMES = 16

interface Waiter<T> {
  resolve(frame: T): void
  reject(err: Error): void
}

export class FrameStream<T> {
  private readonly chunks: Uint8Array[] = []
  private buffered = 0
  /** Body length of the frame being read; -1 while the prefix is still being read. */
  private expected = -1
  private readonly queue: T[] = []
  private waiter: Waiter<T> | undefined
  private failure: Error | undefined
  private ended = false
  private readonly maxQueued: number

  constructor(
    readonly stream: Stream,
    private readonly codec: FrameCodec<T>,
    private readonly options: FrameStreamOptions,
  ) {
    this.maxQueued = options.maxQueuedFrames ?? DEFAULT_MAX_QUEUED_FRAMES
    stream.addEventListener('message', (evt) => {
      const data = evt.data
      this.onBytes(data instanceof Uint8Array ? data : data.subarray())
    })
    stream.addEventListener('remoteCloseWrite', () => this.end())
    stream.addEventListener('close', (evt) => {
      if (evt.error !== undefined && this.failure === undefined) {
        this.failure = new StreamEndedError(`stream closed: ${evt.error.message}`, { cause: evt.error })
      }
      this.end()
    })
  }

  /** True once the stream can deliver no more frames. */
  get done(): boolean {
    return this.queue.length === 0 && (this.ended || this.failure !== undefined)
  }

  /** Encodes, prefixes and writes one frame, waiting for the stream to drain if needed. */
  async send(frame: T, signal?: AbortSignal): Promise<void> {
    const body = this.codec.encode(frame)
    const prefix = encodeUvarint(body.byteLength)
    const bytes = new Uint8Array(prefix.byteLength + body.byteLength)
    bytes.set(prefix)
    bytes.set(body, prefix.byteLength)
    if (this.stream.writeStatus !== 'writable') throw new StreamEndedError('stream is not writable')
    try {
      if (!this.stream.send(bytes)) await this.stream.onDrain(signal === undefined ? {} : { signal })
    } catch (err) {
      throw new StreamEndedError('write failed', { cause: err })
    }
  }

  /** Resolves with the next frame, or rejects with a typed error (timeout, end, violation). */
  next(options: NextFrameOptions): Promise<T> {
    const queued = this.queue.shift()
    if (queued !== undefined) return Promise.resolve(queued)
    if (this.failure !== undefined) return Promise.reject(this.failure)
    if (this.ended) return Promise.reject(new StreamEndedError('stream ended'))
    if (this.waiter !== undefined) return Promise.reject(new Error('concurrent reads on one FrameStream'))
    const { promise, resolve, reject } = Promise.withResolvers<T>()
    const onAbort = (): void =>
      finish(() => reject(new StreamEndedError('aborted', { cause: signal?.reason })))
    const timer = setTimeout(
      () => finish(() => reject(new FrameTimeoutError(options.timeoutMs))),
      options.timeoutMs,
    )
    const signal = options.signal
    const finish = (settle: () => void): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      this.waiter = undefined
      settle()
    }
    if (signal?.aborted === true) {
      finish(() => reject(new StreamEndedError('aborted', { cause: signal.reason })))
      return promise
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    this.waiter = {
      resolve: (frame) => finish(() => resolve(frame)),
      reject: (err) => finish(() => reject(err)),
    }
    return promise
  }

  /**
   * Ends the exchange: flushes and closes our writing side. A peer that never closes its own side
   * cannot keep the stream (and its buffers) alive: it is reset `timeoutMs` later. A close that
   * stalls resets the stream at once.
   */
  async close(timeoutMs = 2_000): Promise<void> {
    try {
      await this.stream.close({ signal: AbortSignal.timeout(timeoutMs) })
      if (this.stream.status === 'open') {
        const timer = setTimeout(
          () => this.stream.abort(new StreamEndedError('peer kept the stream open')),
          timeoutMs,
        )
        timer.unref?.()
        this.stream.addEventListener('close', () => clearTimeout(timer), { once: true })
      }
    } catch (err) {
      this.stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }

  /** Resets the stream with `err` (the remote sees a reset, local readers see `err`). */
  abort(err: Error): void {
    this.fail(err)
  }

  private onBytes(bytes: Uint8Array): void {
    if (this.failure !== undefined || bytes.byteLength === 0) return
    this.chunks.push(bytes)
    this.buffered += bytes.byteLength
    this.parse()
  }

  private parse(): void {
    for (;;) {
      if (this.expected < 0) {
        const head = this.peek(Math.min(this.buffered, MAX_VARINT_BYTES))
        const prefix = decodeUvarint(head)
        if (prefix === undefined) return
        if (prefix === null) {
          this.fail(new MalformedFrameError('invalid length prefix'))
          return
        }
        if (prefix.value > this.options.maxFrameBytes) {
          this.fail(new FrameTooLargeError(prefix.value, this.options.maxFrameBytes))
          return
        }
        this.take(prefix.length)
        this.expected = prefix.value
      }
      if (this.buffered < this.expected) return
      const body = this.take(this.expected)
      this.expected = -1
      let frame: T
      try {
        frame = this.codec.decode(body)
      } catch (err) {
        this.fail(new MalformedFrameError('frame does not decode', { cause: err }))
        return
      }
      if (this.waiter !== undefined) this.waiter.resolve(frame)
      else if (this.queue.length < this.maxQueued) this.queue.push(frame)
      else {
        this.fail(new TooManyFramesError(this.maxQueued))
        return
      }
    }
  }

  /** Copies the first `n` buffered bytes without consuming them. */
  private peek(n: number): Uint8Array {
    const first = this.chunks[0]
    if (first !== undefined && first.byteLength >= n) return first.subarray(0, n)
    return this.copy(n, false)
  }

  /** Removes and returns the first `n` buffered bytes. */
  private take(n: number): Uint8Array {
    return this.copy(n, true)
  }

  private copy(n: number, consume: boolean): Uint8Array {
    const first = this.chunks[0]
    if (consume && first !== undefined && first.byteLength >= n) {
      const out = first.subarray(0, n)
      if (first.byteLength === n) this.chunks.shift()
      else this.chunks[0] = first.subarray(n)
      this.buffered -= n
      return out
    }
    const out = new Uint8Array(n)
    let offset = 0
    let index = 0
    while (offset < n) {
      const chunk = this.chunks[index]!
      const part = Math.min(chunk.byteLength, n - offset)
      out.set(chunk.subarray(0, part), offset)
      offset += part
      if (consume) {
        if (part === chunk.byteLength) this.chunks.shift()
        else this.chunks[0] = chunk.subarray(part)
      } else {
        index++
      }
    }
    if (consume) this.buffered -= n
    return out
  }

  private fail(err: Error): void {
    if (this.failure !== undefined) return
    this.failure = err
    this.chunks.length = 0
    this.buffered = 0
    this.stream.abort(err)
    this.waiter?.reject(err)
  }

  private end(): void {
    this.ended = true
    if (this.queue.length === 0) this.waiter?.reject(this.failure ?? new StreamEndedError('stream ended'))
  }
}
