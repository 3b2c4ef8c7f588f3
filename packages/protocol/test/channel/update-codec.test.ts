/**
 * The hand-written ChannelUpdate codec must agree with the generated protons codec behind the
 * strict walk: the same bytes out, the same update in, and the same verdict on mangled bytes.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeUpdateBytes, encodeUpdateBytes, encodeUpdateFrame } from '../../src/channel/update-codec.js'
import * as p from '../../src/index.js'
import { ChannelUpdateSchema } from '../../src/schemas.js'
import { decodeChecked } from '../../src/validate.js'
import * as a from '../helpers/arbitraries.js'

const anyUpdate = fc.record({
  version: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  channelId: fc.uint8Array({ maxLength: 40 }),
  sequence: a.u64,
  previousStateHash: fc.uint8Array({ maxLength: 40 }),
  cumulativePaid: a.u64,
  lockedTotal: a.u64,
  locksRoot: fc.uint8Array({ maxLength: 40 }),
  jobId: fc.uint8Array({ maxLength: 40 }),
  locks: fc.array(
    fc.record({
      hash: fc.uint8Array({ maxLength: 40 }),
      amount: a.u64,
      expiry: a.u64,
      jobId: fc.uint8Array({ maxLength: 40 }),
    }),
    { maxLength: 4 },
  ),
  signature: fc.uint8Array({ maxLength: 70 }),
}) as fc.Arbitrary<p.ChannelUpdate>

const reference = (bytes: Uint8Array, maxLocks = 256) =>
  decodeChecked('channel update', bytes, Number.POSITIVE_INFINITY, ChannelUpdateSchema, (b) =>
    p.ChannelUpdate.decode(b, { limits: { locks: maxLocks } }),
  )

function verdict(fn: () => p.ChannelUpdate): p.ChannelUpdate | 'error' {
  try {
    return fn()
  } catch (err) {
    expect((err as Error).name).toMatch(/MalformedMessageError|OutOfRangeError|InvalidStringError/)
    return 'error'
  }
}

describe('hand-written ChannelUpdate codec', () => {
  it('encodes exactly the bytes protons encodes, and decodes them back', () => {
    fc.assert(
      fc.property(anyUpdate, (update) => {
        const bytes = encodeUpdateBytes(update)
        expect(bytes).toEqual(p.ChannelUpdate.encode(update))
        expect(decodeUpdateBytes(bytes, 256)).toEqual(p.ChannelUpdate.decode(bytes))
        expect(encodeUpdateFrame(update)).toEqual(p.PayFrame.encode({ update }))
      }),
      { numRuns: 500 },
    )
  })

  it('agrees with the strict walk + protons on mangled bytes', () => {
    fc.assert(
      fc.property(
        anyUpdate,
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 6 }),
        fc.nat(2),
        (update, at, junk, op) => {
          const bytes = p.ChannelUpdate.encode(update)
          const i = bytes.byteLength === 0 ? 0 : at % bytes.byteLength
          const mangled =
            op === 0
              ? Uint8Array.from([...bytes.subarray(0, i), ...junk, ...bytes.subarray(i + junk.length)])
              : op === 1
                ? bytes.subarray(0, i)
                : Uint8Array.from([...bytes.subarray(0, i), ...junk, ...bytes.subarray(i)])
          const ours = verdict(() => decodeUpdateBytes(mangled, 3))
          const theirs = verdict(() => reference(mangled, 3))
          expect(ours).toEqual(theirs)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('refuses a uint32 version above 2^32 - 1 (protons would truncate it)', () => {
    const bytes = Uint8Array.from([0x08, 0x81, 0x80, 0x80, 0x80, 0x10])
    expect(() => decodeUpdateBytes(bytes, 1)).toThrow(expect.objectContaining({ name: 'OutOfRangeError' }))
  })

  it('decodePayFrame takes the fast path and the general path to the same frame', () => {
    fc.assert(
      fc.property(a.update, ({ domain, payer, params }) => {
        const update = p.signUpdate(domain, params, payer.privateKey)
        const fast = p.decodePayFrame(p.encodePayFrame({ update }))
        // Same frame with an unknown field appended: not exactly `{ update }`, so protons decodes it.
        const slow = p.decodePayFrame(Uint8Array.from([...p.PayFrame.encode({ update }), 0x38, 0x01]))
        expect(fast).toEqual(slow)
      }),
      { numRuns: 100 },
    )
  })
})
