/**
 * FrameStream over an in-memory stream pair: frames round-trip, and every bound (size before
 * reading, unread frames, time, malformed bytes) ends in its typed error and a reset.
 */
import { streamPair } from '@libp2p/utils'
import { describe, expect, it } from 'vitest'
import { bytesCodec } from '../../src/stream/bytes-codec.js'
import { FrameStream } from '../../src/stream/frame-stream.js'
import { decodeUvarint, encodeUvarint } from '../../src/stream/varint.js'

async function pair(maxFrameBytes = 1024, maxQueuedFrames = 4) {
  const [a, b] = await streamPair()
  return {
    a: new FrameStream(a, bytesCodec, { maxFrameBytes }),
    b: new FrameStream(b, bytesCodec, { maxFrameBytes, maxQueuedFrames }),
    raw: a,
  }
}

describe('FrameStream', () => {
  it('carries frames both ways, in order, including empty ones', async () => {
    const { a, b } = await pair()
    await a.send(Uint8Array.of(1, 2, 3))
    await a.send(new Uint8Array(0))
    await a.send(new Uint8Array(1024).fill(9))
    expect(await b.next({ timeoutMs: 1_000 })).toEqual(Uint8Array.of(1, 2, 3))
    expect(await b.next({ timeoutMs: 1_000 })).toEqual(new Uint8Array(0))
    expect((await b.next({ timeoutMs: 1_000 })).byteLength).toBe(1024)
    await b.send(Uint8Array.of(7))
    expect(await a.next({ timeoutMs: 1_000 })).toEqual(Uint8Array.of(7))
  })

  it('refuses a frame on its length prefix alone, before the body arrives', async () => {
    const { b, raw } = await pair(1024)
    const read = b.next({ timeoutMs: 1_000 })
    raw.send(encodeUvarint(1025)) // no body is ever sent
    await expect(read).rejects.toMatchObject({ name: 'FrameTooLargeError', length: 1025, limit: 1024 })
  })

  it('rejects an over-long length prefix as malformed', async () => {
    const { b, raw } = await pair()
    const read = b.next({ timeoutMs: 1_000 })
    raw.send(new Uint8Array(9).fill(0x80))
    await expect(read).rejects.toMatchObject({ name: 'MalformedFrameError' })
  })

  it('rejects a body the codec cannot decode as malformed', async () => {
    const [x, y] = await streamPair()
    const strict = {
      encode: (v: Uint8Array) => v,
      decode: (v: Uint8Array) => {
        if (v[0] !== 1) throw new Error('bad')
        return v
      },
    }
    const reader = new FrameStream(y, strict, { maxFrameBytes: 16 })
    x.send(Uint8Array.of(1, 2))
    await expect(reader.next({ timeoutMs: 1_000 })).rejects.toMatchObject({ name: 'MalformedFrameError' })
  })

  it('resets a peer that floods unread frames', async () => {
    const { a, b } = await pair(1024, 4)
    for (let i = 0; i < 6; i++) await a.send(Uint8Array.of(i)).catch(() => {})
    await new Promise((resolve) => setImmediate(resolve))
    const reads = [0, 1, 2, 3, 4].map(() => b.next({ timeoutMs: 200 }).catch((e: Error) => e.name))
    expect(await Promise.all(reads)).toContain('TooManyFramesError')
  })

  it('times out a read and honours an abort signal', async () => {
    const { b } = await pair()
    await expect(b.next({ timeoutMs: 20 })).rejects.toMatchObject({
      name: 'FrameTimeoutError',
      timeoutMs: 20,
    })
    const controller = new AbortController()
    const read = b.next({ timeoutMs: 5_000, signal: controller.signal })
    controller.abort()
    await expect(read).rejects.toMatchObject({ name: 'StreamEndedError' })
  })

  it('ends reads when the remote closes', async () => {
    const { a, b } = await pair()
    await a.send(Uint8Array.of(5))
    await a.close()
    expect(await b.next({ timeoutMs: 1_000 })).toEqual(Uint8Array.of(5))
    await expect(b.next({ timeoutMs: 1_000 })).rejects.toMatchObject({ name: 'StreamEndedError' })
  })
})

describe('uvarint', () => {
  it.each([0, 1, 127, 128, 300, 2 ** 31, 2 ** 53 - 1])('round-trips %d', (n) => {
    const bytes = encodeUvarint(n)
    expect(decodeUvarint(bytes)).toEqual({ value: n, length: bytes.byteLength })
    expect(decodeUvarint(bytes.subarray(0, bytes.byteLength - 1))).toBeUndefined()
  })
})
