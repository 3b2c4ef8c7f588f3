/**
 * A hostile peer: garbage frames, a frame announcing more than the limit, hundreds of streams at
 * once. Each stream is reset or refused with RATE_LIMITED; the worker keeps serving others.
 */
import { decodeJobFrame, ErrorCode, encodeJobFrame } from '@bazaar/protocol'
import type { Stream } from '@libp2p/interface'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BazaarNode, JOB_PROTOCOL } from '../../src/index.js'
import { startLine, stopAll, waitForRoutingTables } from '../helpers/nodes.js'

/** Resolves when the stream closes: with the reason when it was reset or aborted. */
function closed(stream: Stream): Promise<string> {
  if (stream.status !== 'open') return Promise.resolve(stream.status)
  return new Promise((resolve) =>
    stream.addEventListener('close', () => resolve(stream.status), { once: true }),
  )
}

/** Collects what the remote writes until it stops writing (or the stream ends). */
async function received(stream: Stream): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  try {
    for await (const chunk of stream) chunks.push(chunk instanceof Uint8Array ? chunk : chunk.subarray())
  } catch {
    // A reset ends the stream too: what arrived before it counts.
  }
  return Buffer.concat(chunks)
}

describe('a hostile peer', () => {
  let nodes: BazaarNode[] = []
  let worker: BazaarNode
  let attacker: BazaarNode

  beforeAll(async () => {
    nodes = await startLine(6, () => ({
      limits: { jobs: { rateBurst: 20, ratePerSecond: 0.1, frameTimeoutMs: 3_000 } },
    }))
    worker = nodes[5]!
    attacker = nodes[4]!
    await worker.skills.advertise({ id: 'upper', price: 0n }, ({ input }) =>
      new TextDecoder().decode(input).toUpperCase(),
    )
    await waitForRoutingTables(nodes)
  })

  afterAll(async () => {
    await stopAll(nodes)
  })

  it('resets a stream that sends garbage', async () => {
    const stream = await attacker.libp2p.dialProtocol(worker.peerId, JOB_PROTOCOL)
    const done = closed(stream)
    stream.send(Uint8Array.from([5, 0xff, 0xfe, 0xfd, 0xfc, 0xfb]))
    expect(await done).not.toBe('open')
  })

  it('resets a stream whose length prefix exceeds the limit, before reading the body', async () => {
    const stream = await attacker.libp2p.dialProtocol(worker.peerId, JOB_PROTOCOL)
    const done = closed(stream)
    // uvarint(100 MiB): the worker must refuse on the prefix alone.
    stream.send(Uint8Array.from([0x80, 0x80, 0x80, 0x32]))
    expect(await done).not.toBe('open')
  })

  it('answers RATE_LIMITED to a flood of streams and keeps serving an honest client', async () => {
    const attempts = 300
    // The attacker's own hire at the end must reach the job protocol: its card of the worker is
    // fetched now (cached), not under the flood, where the card fetch itself may time out.
    await attacker.card.get(worker.peerId)
    // Each stream sends one well-formed frame that is not a request (writing forces libp2p's
    // protocol negotiation to finish, so the worker really sees every stream).
    const notARequest = encodeJobFrame({
      cancel: { jobId: new Uint8Array(32), code: ErrorCode.CANCELED, message: '' },
    })
    const framed = Uint8Array.from([notARequest.byteLength, ...notARequest])
    const outcomes = await Promise.all(
      Array.from({ length: attempts }, async () => {
        try {
          const signal = AbortSignal.timeout(10_000)
          const stream = await attacker.libp2p.dialProtocol(worker.peerId, JOB_PROTOCOL, { signal })
          stream.send(framed)
          const onAbort = () => stream.abort(new Error('hung'))
          signal.addEventListener('abort', onAbort, { once: true })
          const bytes = await received(stream)
          signal.removeEventListener('abort', onAbort)
          if (signal.aborted) return 'hung'
          if (bytes.byteLength === 0) return 'reset'
          const frame = decodeJobFrame(bytes.subarray(1))
          return frame.reject?.code ?? 'other'
        } catch {
          return 'refused'
        }
      }),
    )
    const count = (kind: string) => outcomes.filter((o) => o === kind).length
    // Within the burst a stream without a request is answered UNEXPECTED_MESSAGE; past it,
    // RATE_LIMITED; past the per-connection stream limit, libp2p resets the stream.
    expect(count(ErrorCode.RATE_LIMITED)).toBeGreaterThanOrEqual(50)
    expect(count(ErrorCode.UNEXPECTED_MESSAGE)).toBeLessThanOrEqual(20)
    const refused = [ErrorCode.RATE_LIMITED, ErrorCode.UNEXPECTED_MESSAGE, 'reset', 'refused', 'hung']
    expect(outcomes.filter((o) => !refused.includes(o))).toEqual([])

    // An honest client is still served, and the attacker's own hires are refused with a typed error.
    const result = await nodes[0]!.jobs.hire({
      skill: 'upper',
      input: 'still here',
      budget: 0n,
      peer: worker.peerId,
    })
    expect(result.text()).toBe('STILL HERE')
    await expect(
      attacker.jobs.hire({ skill: 'upper', input: 'me too', budget: 0n, peer: worker.peerId }),
    ).rejects.toMatchObject({ name: 'RateLimitedError', remote: true })
  })
})
