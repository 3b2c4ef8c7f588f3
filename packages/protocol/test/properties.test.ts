/**
 * Property tests (fast-check): encode/decode round trips of every message; any single-bit flip of
 * a signed message fails verification with a typed error; no decoder throws anything but the
 * package's typed errors on random or mutated bytes.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as p from '../src/index.js'
import * as a from './helpers/arbitraries.js'

const opts = { now: Number(a.NOW) }
const TYPED = new Set([
  'MessageTooLargeError',
  'MalformedMessageError',
  'MissingFieldError',
  'InvalidLengthError',
  'OutOfRangeError',
  'TimeOutOfRangeError',
  'UnsupportedVersionError',
  'BadSignatureError',
  'InvalidStringError',
  'MismatchError',
])

/** Runs `fn`; fails the property if it throws anything but a typed protocol error. */
function typedOrOk(fn: () => unknown): string | null {
  try {
    fn()
    return null
  } catch (err) {
    const name = (err as Error).name
    if (!TYPED.has(name)) throw new Error(`untyped error ${name}: ${(err as Error).message}`, { cause: err })
    return name
  }
}

interface SignedCase {
  name: string
  /** Produces a valid signed message, encoded, and the function that decodes + verifies it. */
  make: fc.Arbitrary<{ bytes: Uint8Array; check: (bytes: Uint8Array) => unknown }>
}

const signed: SignedCase[] = [
  {
    name: 'card',
    make: a.card.map(({ body, key }) => ({
      bytes: p.encodeCard(p.signCard(body, key)),
      check: (b) => p.verifyCard(p.decodeCard(b), opts),
    })),
  },
  {
    name: 'job request',
    make: a.jobRequest.map(({ body, key }) => ({
      bytes: p.encodeJobRequest(p.signJobRequest(body, key)),
      check: (b) => p.verifyJobRequest(p.decodeJobRequest(b), opts),
    })),
  },
  {
    name: 'quote',
    make: a.quote.map(({ body, key }) => ({
      bytes: p.encodeQuote(p.signQuote(body, key)),
      check: (b) => p.verifyQuote(p.decodeQuote(b), opts),
    })),
  },
  {
    name: 'delivery',
    make: a.delivery.map(({ body, key, ciphertext }) => ({
      bytes: p.encodeDelivery(p.signDelivery(body, ciphertext, key)),
      check: (b) => p.verifyDelivery(p.decodeDelivery(b), opts),
    })),
  },
  {
    name: 'receipt',
    make: a.signedReceipt.map(({ message }) => ({
      bytes: p.encodeReceipt(message),
      check: (b) => p.verifyReceipt(p.decodeReceipt(b), opts),
    })),
  },
  {
    name: 'channel open',
    make: a.channelOpen.map(({ body, key }) => ({
      bytes: p.encodeChannelOpen(p.signChannelOpen(body, key)),
      check: (b) => p.verifyChannelOpen(p.decodeChannelOpen(b), opts),
    })),
  },
  {
    name: 'attestation',
    make: a.attestation.map(({ body, key }) => ({
      bytes: p.encodeAttestation(p.signAttestation(body, key)),
      check: (b) => p.verifyAttestation(p.decodeAttestation(b), opts),
    })),
  },
  {
    name: 'channel update',
    make: a.update.map(({ domain, payer, params }) => ({
      bytes: p.encodeUpdate(p.signUpdate(domain, params, payer.privateKey)),
      check: (b) => p.verifyUpdate(domain, p.decodeUpdate(b), payer.address),
    })),
  },
  {
    name: 'channel ack',
    make: fc
      .record({
        channelId: a.bytes(32),
        sequence: a.u64nz,
        stateHash: a.bytes(32),
        payee: fc.constantFrom(...a.peers),
      })
      .map(({ payee, ...state }) => ({
        bytes: p.encodePayFrame({ ack: p.signAck(state, payee.privateKey) }),
        check: (b) =>
          p.verifyAck(p.decodePayFrame(b).ack ?? p.ChannelAck.decode(new Uint8Array(0)), payee.publicKey),
      })),
  },
  {
    name: 'cooperative close',
    make: fc
      .record({ domain: a.domain, channelId: a.bytes(32), sequence: a.u64nz, payeeAmount: a.u64 })
      .map(({ domain, ...terms }) => {
        const [payer, payee] = [a.settlements[0]!, a.settlements[1]!]
        const close = {
          ...terms,
          payerSignature: p.signCooperativeClose(domain, terms, payer.privateKey),
          payeeSignature: p.signCooperativeClose(domain, terms, payee.privateKey),
        } as p.ChannelClose
        return {
          bytes: p.encodePayFrame({ close }),
          check: (b: Uint8Array) => {
            const frame = p.decodePayFrame(b)
            if (frame.close === undefined) throw new p.MalformedMessageError('pay frame', 'not a close')
            return p.verifyCooperativeClose(domain, frame.close, payer.address, payee.address)
          },
        }
      }),
  },
]

describe.each(signed)('$name', ({ make }) => {
  it('verifies as signed', () => {
    fc.assert(
      fc.property(make, ({ bytes, check }) => void check(bytes)),
      { numRuns: 50 },
    )
  })

  it('any single-bit flip fails verification with a typed error', () => {
    fc.assert(
      fc.property(make, fc.nat(), ({ bytes, check }, at) => {
        const bit = at % (bytes.byteLength * 8)
        const flipped = Uint8Array.from(bytes)
        flipped[bit >> 3]! ^= 1 << (bit & 7)
        expect(typedOrOk(() => check(flipped))).not.toBeNull()
      }),
      { numRuns: 300 },
    )
  })

  it('random overwrites, truncations and extensions never throw an untyped error', () => {
    fc.assert(
      fc.property(
        make,
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 8 }),
        fc.nat(2),
        ({ bytes, check }, at, junk, op) => {
          const i = at % bytes.byteLength
          const mutated =
            op === 0
              ? Uint8Array.from([...bytes.subarray(0, i), ...junk, ...bytes.subarray(i + junk.length)])
              : op === 1
                ? bytes.subarray(0, i)
                : Uint8Array.from([...bytes.subarray(0, i), ...junk, ...bytes.subarray(i)])
          typedOrOk(() => check(mutated))
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('round trips', () => {
  const bodies: [
    string,
    fc.Arbitrary<{ body: unknown }>,
    (b: never) => Uint8Array,
    (b: Uint8Array) => unknown,
  ][] = [
    ['card', a.card, p.encodeCardBody, p.decodeCardBody],
    ['job request', a.jobRequest, p.encodeJobRequestBody, p.decodeJobRequestBody],
    ['quote', a.quote, p.encodeQuoteBody, p.decodeQuoteBody],
    ['delivery', a.delivery, p.encodeDeliveryBody, p.decodeDeliveryBody],
    ['receipt', a.receipt, p.encodeReceiptBody, p.decodeReceiptBody],
    ['channel open', a.channelOpen, p.encodeChannelOpenBody, p.decodeChannelOpenBody],
    ['attestation', a.attestation, p.encodeAttestationBody, p.decodeAttestationBody],
  ]
  it.each(bodies)('%s bodies encode and decode to themselves', (_, arb, encode, decode) => {
    fc.assert(
      fc.property(arb, ({ body }) => {
        expect(decode(encode(body as never))).toEqual(body)
      }),
      { numRuns: 100 },
    )
  })

  it('signed messages decode and verify to their bodies', () => {
    fc.assert(
      fc.property(a.card, ({ body, key }) => {
        expect(p.verifyCard(p.decodeCard(p.encodeCard(p.signCard(body, key))), opts)).toEqual(body)
      }),
      { numRuns: 50 },
    )
    fc.assert(
      fc.property(a.attestation, ({ body, key }) => {
        const encoded = p.encodeAttestation(p.signAttestation(body, key))
        expect(p.verifyAttestation(p.decodeAttestation(encoded), opts).body).toEqual(body)
      }),
      { numRuns: 50 },
    )
  })

  it('updates round-trip through the pay frame and verify to their state', () => {
    fc.assert(
      fc.property(a.update, ({ domain, payer, params }) => {
        const signed = p.createUpdate(domain, params, payer.privateKey)
        const frame = p.decodePayFrame(p.encodePayFrame({ update: signed.update }))
        expect(frame.update).toEqual(signed.update)
        const verified = p.verifyUpdate(domain, frame.update!, payer.address)
        expect(verified.stateHash).toEqual(signed.stateHash)
        expect(verified.state).toEqual({ ...signed.state, jobId: params.jobId })
      }),
      { numRuns: 100 },
    )
  })

  it('uint64 values of every magnitude survive encoding (protons-runtime 7.1.2 bug is worked around)', () => {
    fc.assert(
      fc.property(a.u64, a.u32, (since, limit) => {
        const request = { since, limit: (limit % p.MAX_SYNC_ATTESTATIONS) + 1 }
        expect(p.decodeSyncRequest(p.encodeSyncRequest(request))).toEqual(request)
      }),
    )
    for (const since of [2n ** 31n, 3_000_000_000n, 2n ** 32n - 1n]) {
      expect(p.decodeSyncRequest(p.encodeSyncRequest({ since, limit: 1 })).since).toBe(since)
    }
  })
})

describe('decoders on random bytes', () => {
  const decoders: [string, (b: Uint8Array) => unknown][] = [
    ['card', (b) => p.verifyCard(p.decodeCard(b), opts)],
    ['card body', p.decodeCardBody],
    ['job request', (b) => p.verifyJobRequest(p.decodeJobRequest(b), opts)],
    ['job request body', p.decodeJobRequestBody],
    ['quote', (b) => p.verifyQuote(p.decodeQuote(b), opts)],
    ['delivery', (b) => p.verifyDelivery(p.decodeDelivery(b), opts)],
    ['delivery body', p.decodeDeliveryBody],
    ['receipt', (b) => p.verifyReceipt(p.decodeReceipt(b), opts)],
    ['receipt body', p.decodeReceiptBody],
    ['channel open', (b) => p.verifyChannelOpen(p.decodeChannelOpen(b), opts)],
    ['channel open body', p.decodeChannelOpenBody],
    [
      'channel update',
      (b) =>
        p.verifyUpdate({ chainId: 1n, contract: new Uint8Array(20) }, p.decodeUpdate(b), new Uint8Array(20)),
    ],
    ['pay frame', p.decodePayFrame],
    ['job frame', p.decodeJobFrame],
    ['attestation', (b) => p.verifyAttestation(p.decodeAttestation(b), opts)],
    ['attestation body', p.decodeAttestationBody],
    ['sync request', p.decodeSyncRequest],
    ['sync response', p.decodeSyncResponse],
  ]
  it.each(decoders)('%s throws only typed errors', (_, decode) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => void typedOrOk(() => decode(bytes))),
      { numRuns: 1000 },
    )
  })
})
