/**
 * Table-driven error cases: every condition raises its own typed error (checked by `.name`),
 * from the decoders and verifiers of each message kind.
 */
import { describe, expect, it } from 'vitest'
import * as p from '../src/index.js'
import { NOW, peers, settlements } from './helpers/arbitraries.js'
import { thrownName } from './helpers/json.js'

const now = Number(NOW)
const [alice, bob, carol] = [peers[0]!, peers[1]!, peers[2]!]
const contract = new Uint8Array(20).fill(7)
const domain: p.SettlementDomain = { chainId: 31337n, contract }

const cardBody = (over: Partial<p.AgentCardBody> = {}): p.AgentCardBody => ({
  version: p.CARD_VERSION,
  peerKey: alice.publicKey,
  name: 'alice',
  description: '',
  skills: [],
  addresses: [],
  issuedAt: NOW - 1000n,
  expiresAt: NOW + 1000n,
  sequence: 1n,
  payment: [],
  ...over,
})
const encodeBody = (over: Partial<p.AgentCardBody>) => p.AgentCardBody.encode({ ...cardBody(), ...over })
/** A card body whose one payment term carries a token of `length` bytes. */
const tokenCard = (length: number) =>
  encodeBody({
    payment: [
      {
        chainId: 1n,
        contract: new Uint8Array(20),
        payeeAddress: new Uint8Array(20),
        token: new Uint8Array(length),
      },
    ],
  })
/** A card whose body is `body` bytes, signed by alice over exactly those bytes. */
const rawCard = (body: Uint8Array) =>
  p.encodeCard({ body, signature: p.signBody(p.SigningDomain.card, body, alice.privateKey) } as p.AgentCard)
const verifyRawCard = (bytes: Uint8Array, at = now) => p.verifyCard(p.decodeCard(bytes), { now: at })

const skill = {
  id: 's',
  version: '1',
  description: '',
  inputSchema: '',
  outputSchema: '',
  price: 1n,
  asset: 'a',
}

const openBody = p.channelOpenBody({
  chainId: 31337n,
  contract,
  payerKey: alice.publicKey,
  payeeKey: bob.publicKey,
  payerAddress: settlements[0]!.address,
  payeeAddress: settlements[1]!.address,
  token: new Uint8Array(20),
  capacity: 1000n,
  expiry: NOW / 1000n + 100n,
  nonce: 1n,
  disputeWindow: 60,
  issuedAt: NOW,
})
const lock: p.HashLock = {
  hash: new Uint8Array(32).fill(1),
  amount: 5n,
  expiry: NOW / 1000n + 60n,
  jobId: new Uint8Array(32).fill(2),
}
const signed = p.createUpdate(
  domain,
  {
    channelId: openBody.channelId,
    sequence: 1n,
    previousStateHash: openBody.channelId,
    cumulativePaid: 10n,
    locks: [lock],
  },
  settlements[0]!.privateKey,
)
const receiptFields: p.ReceiptBody = {
  version: 1,
  jobId: new Uint8Array(32).fill(3),
  clientKey: alice.publicKey,
  workerKey: bob.publicKey,
  skill: 'summarize',
  skillVersion: '',
  price: 5n,
  asset: 'a',
  resultHash: new Uint8Array(32),
  channelId: openBody.channelId,
  sequence: 1n,
  stateHash: signed.stateHash as Uint8Array<ArrayBuffer>,
  completedAt: NOW,
}
const receiptBytes = p.encodeReceiptBody(receiptFields)
const receipt = p.encodeReceipt({
  body: receiptBytes,
  clientSignature: p.signReceipt(receiptBytes, 'client', alice.privateKey),
  workerSignature: p.signReceipt(receiptBytes, 'worker', bob.privateKey),
} as p.Receipt)
const attestationBody = (over: Partial<p.AttestationBody> = {}): p.AttestationBody => ({
  version: 1,
  attesterKey: alice.publicKey,
  subjectKey: bob.publicKey,
  jobId: receiptFields.jobId,
  skill: 'summarize',
  receipt: receipt as Uint8Array<ArrayBuffer>,
  rating: 80,
  issuedAt: NOW,
  ...over,
})

const cases: [string, string, () => unknown][] = [
  // size, checked before anything is parsed
  [
    'card over the limit (garbage bytes)',
    'MessageTooLargeError',
    () => p.decodeCard(new Uint8Array(p.MAX_CARD_BYTES + 1).fill(0xff)),
  ],
  [
    'job frame over a caller limit',
    'MessageTooLargeError',
    () => p.decodeJobFrame(new Uint8Array(11), { maxBytes: 10 }),
  ],
  [
    'pay frame over the limit',
    'MessageTooLargeError',
    () => p.decodePayFrame(new Uint8Array(p.MAX_PAY_FRAME_BYTES + 1)),
  ],
  // structure
  [
    'truncated card',
    'MalformedMessageError',
    () => p.decodeCard(p.encodeCard(p.signCard(cardBody(), alice.privateKey)).subarray(0, 20)),
  ],
  [
    'wrong wire type on a known field',
    'MalformedMessageError',
    () => p.decodeCardBody(Uint8Array.from([0x09, 1, 0, 0, 0, 0, 0, 0, 0])),
  ],
  ['field number 0', 'MalformedMessageError', () => p.decodeCardBody(Uint8Array.from([0x00, 1]))],
  ['group wire type', 'MalformedMessageError', () => p.decodeCardBody(Uint8Array.from([0x0b]))],
  [
    'a singular field twice',
    'MalformedMessageError',
    () => p.decodeCardBody(Uint8Array.from([...encodeBody({}), 0x08, 0x01])),
  ],
  [
    'a 10th varint byte above 1',
    'MalformedMessageError',
    () => p.decodeCardBody(Uint8Array.from([0x48, ...Array(9).fill(0x80), 0x02])),
  ],
  [
    'uint32 version above 2^32 - 1',
    'OutOfRangeError',
    () => p.decodeCardBody(Uint8Array.from([0x08, 0x81, 0x80, 0x80, 0x80, 0x10])),
  ],
  ['job frame with no member', 'MalformedMessageError', () => p.decodeJobFrame(new Uint8Array(0))],
  [
    'job frame with two members',
    'MalformedMessageError',
    () => {
      const accept = { jobId: new Uint8Array(32), quoteHash: new Uint8Array(32) }
      const a = p.JobFrame.encode({ accept })
      const b = p.JobFrame.encode({
        reveal: { jobId: new Uint8Array(32), key: new Uint8Array(32), workerSignature: new Uint8Array(64) },
      })
      return p.decodeJobFrame(Uint8Array.from([...a, ...b]))
    },
  ],
  [
    'unknown enum value in a job frame',
    'MalformedMessageError',
    () =>
      p.decodeJobFrame(
        p.JobFrame.encode({ reject: { jobId: new Uint8Array(32), code: p.ErrorCode.BUSY, message: '' } }).map(
          (x, i, all) => (i === all.length - 1 ? 99 : x),
        ),
      ),
  ],
  // required fields and lengths
  ['card without a name', 'MissingFieldError', () => p.signCard(cardBody({ name: '' }), alice.privateKey)],
  ['card version 0', 'MissingFieldError', () => p.decodeCardBody(encodeBody({ version: 0 }))],
  ['update without a sequence', 'MissingFieldError', () => p.checkUpdate({ ...signed.update, sequence: 0n })],
  [
    'card key of 31 bytes',
    'InvalidLengthError',
    () =>
      p.signCard(
        cardBody({ peerKey: alice.publicKey.subarray(1) as Uint8Array<ArrayBuffer> }),
        alice.privateKey,
      ),
  ],
  [
    'card signature of 63 bytes',
    'InvalidLengthError',
    () => p.decodeCard(p.encodeCard({ body: encodeBody({}), signature: new Uint8Array(63) })),
  ],
  [
    'update signature of 64 bytes',
    'InvalidLengthError',
    () => p.decodeUpdate(p.encodeUpdate({ ...signed.update, signature: new Uint8Array(64) })),
  ],
  [
    'payment contract of 19 bytes',
    'InvalidLengthError',
    () =>
      p.decodeCardBody(
        encodeBody({
          payment: [{ chainId: 1n, contract: new Uint8Array(19), payeeAddress: new Uint8Array(20) }],
        }),
      ),
  ],
  ['payment token of 19 bytes', 'InvalidLengthError', () => p.decodeCardBody(tokenCard(19))],
  ['payment token present but empty', 'InvalidLengthError', () => p.decodeCardBody(tokenCard(0))],
  [
    'reveal key of 16 bytes',
    'InvalidLengthError',
    () =>
      p.encodeJobFrame({
        reveal: { jobId: new Uint8Array(32), key: new Uint8Array(16), workerSignature: new Uint8Array(64) },
      }),
  ],
  // ranges
  [
    'name longer than the limit',
    'OutOfRangeError',
    () => p.decodeCardBody(encodeBody({ name: 'é'.repeat(p.MAX_NAME_BYTES) })),
  ],
  [
    'too many skills (protons limit)',
    'OutOfRangeError',
    () => p.decodeCardBody(encodeBody({ skills: Array(3).fill(skill) }), { maxSkills: 2 }),
  ],
  ['too many locks', 'OutOfRangeError', () => p.decodeUpdate(p.encodeUpdate(signed.update), { maxLocks: 0 })],
  [
    'rating above 100',
    'OutOfRangeError',
    () => p.decodeAttestationBody(p.AttestationBody.encode(attestationBody({ rating: 101 }))),
  ],
  [
    'progress above 1000 permille',
    'OutOfRangeError',
    () =>
      p.encodeJobFrame({
        progress: { jobId: new Uint8Array(32), state: p.JobState.WORKING, permille: 1001, message: '' },
      }),
  ],
  [
    'card that expires before it is issued',
    'OutOfRangeError',
    () => p.decodeCardBody(encodeBody({ expiresAt: NOW - 2000n })),
  ],
  ['time beyond 2^53', 'OutOfRangeError', () => p.decodeCardBody(encodeBody({ expiresAt: 1n << 60n }))],
  [
    'sync limit 0',
    'OutOfRangeError',
    () => p.decodeSyncRequest(p.encodeSyncRequest({ since: 0n, limit: 0 })),
  ],
  // times
  ['expired card', 'TimeOutOfRangeError', () => verifyRawCard(rawCard(encodeBody({})), now + 2000)],
  [
    'card issued beyond the clock skew',
    'TimeOutOfRangeError',
    () => verifyRawCard(rawCard(encodeBody({})), now - 1000 - p.DEFAULT_CLOCK_SKEW_MS - 1),
  ],
  [
    'expired lock, when verifying at a time',
    'TimeOutOfRangeError',
    () => p.verifyUpdate(domain, signed.update, settlements[0]!.address, { now: now + 61_000 }),
  ],
  [
    'attestation older than maxAgeMs',
    'TimeOutOfRangeError',
    () =>
      p.verifyAttestation(p.signAttestation(attestationBody(), alice.privateKey), {
        now: now + 10_000,
        maxAgeMs: 5_000,
      }),
  ],
  // versions
  ['card version 2', 'UnsupportedVersionError', () => p.decodeCardBody(encodeBody({ version: 2 }))],
  [
    'update version 2',
    'UnsupportedVersionError',
    () => p.decodeUpdate(p.encodeUpdate({ ...signed.update, version: 2 })),
  ],
  // signatures
  [
    'card signed by another key',
    'BadSignatureError',
    () =>
      verifyRawCard(
        p.encodeCard({
          body: encodeBody({}),
          signature: p.signBody(p.SigningDomain.card, encodeBody({}), bob.privateKey),
        }),
      ),
  ],
  [
    'card signature under another domain',
    'BadSignatureError',
    () =>
      verifyRawCard(
        p.encodeCard({
          body: encodeBody({}),
          signature: p.signBody(p.SigningDomain.quote, encodeBody({}), alice.privateKey),
        }),
      ),
  ],
  [
    'update signed by another payer',
    'BadSignatureError',
    () => p.verifyUpdate(domain, signed.update, settlements[1]!.address),
  ],
  [
    'update replayed on another chain',
    'BadSignatureError',
    () => p.verifyUpdate({ ...domain, chainId: 1n }, signed.update, settlements[0]!.address),
  ],
  [
    'update replayed on another contract',
    'BadSignatureError',
    () => p.verifyUpdate({ ...domain, contract: new Uint8Array(20) }, signed.update, settlements[0]!.address),
  ],
  [
    'ack by the payer instead of the payee',
    'BadSignatureError',
    () =>
      p.verifyAck(
        p.signAck(
          { channelId: openBody.channelId, sequence: 1n, stateHash: signed.stateHash },
          alice.privateKey,
        ),
        bob.publicKey,
      ),
  ],
  // strings
  [
    'card name with invalid UTF-8',
    'InvalidStringError',
    () =>
      verifyRawCard(
        rawCard(
          encodeBody({ name: 'ab' }).map((b, i, all) => (all[i - 2] === 0x1a && all[i - 1] === 2 ? 0xff : b)),
        ),
      ),
  ],
  [
    'card name with a lone surrogate',
    'InvalidStringError',
    () => p.signCard(cardBody({ name: '\ud800' }), alice.privateKey),
  ],
  // consistency
  [
    'channel id not derived from the parameters',
    'MismatchError',
    () => p.signChannelOpen({ ...openBody, nonce: 2n }, alice.privateKey),
  ],
  [
    'locked total not the sum of the locks',
    'MismatchError',
    () => p.verifyUpdate(domain, { ...signed.update, lockedTotal: 4n }, settlements[0]!.address),
  ],
  [
    'locks root not the root of the locks',
    'MismatchError',
    () =>
      p.verifyUpdate(domain, { ...signed.update, locksRoot: new Uint8Array(32) }, settlements[0]!.address),
  ],
  [
    'signing a card with a key it does not name',
    'MismatchError',
    () => p.signCard(cardBody(), bob.privateKey),
  ],
  [
    'card from another peer than expected',
    'MismatchError',
    () => p.verifyCard(p.signCard(cardBody(), alice.privateKey), { now, peerKey: bob.publicKey }),
  ],
  [
    'attestation by someone not party to the receipt',
    'MismatchError',
    () => p.signAttestation(attestationBody({ attesterKey: carol.publicKey }), carol.privateKey),
  ],
  [
    'attestation naming another job',
    'MismatchError',
    () => p.signAttestation(attestationBody({ jobId: new Uint8Array(32) }), alice.privateKey),
  ],
  [
    'self-attestation',
    'MismatchError',
    () => p.signAttestation(attestationBody({ subjectKey: alice.publicKey }), alice.privateKey),
  ],
]

describe('each condition raises its own typed error', () => {
  it.each(cases)('%s -> %s', (_, name, fn) => {
    expect(thrownName(fn)).toBe(name)
  })

  it('the valid fixtures verify (the cases above fail for their stated reason only)', () => {
    expect(verifyRawCard(rawCard(encodeBody({}))).name).toBe('alice')
    expect(
      p.verifyUpdate(domain, p.decodeUpdate(p.encodeUpdate(signed.update)), settlements[0]!.address, { now })
        .stateHash,
    ).toEqual(signed.stateHash)
    expect(
      p.verifyAttestation(p.signAttestation(attestationBody(), alice.privateKey), { now }).receipt,
    ).toEqual(receiptFields)
    expect(p.verifyChannelOpen(p.signChannelOpen(openBody, alice.privateKey), { now })).toEqual(openBody)
    expect(
      p.verifyCard(p.signCard(cardBody({ name: 'é'.repeat(p.MAX_NAME_BYTES / 2) }), alice.privateKey), {
        now,
      }).name,
    ).toHaveLength(64)
  })

  it('errors carry structured fields', () => {
    try {
      p.decodeCard(new Uint8Array(p.MAX_CARD_BYTES + 5))
    } catch (err) {
      expect(err).toMatchObject({
        name: 'MessageTooLargeError',
        kind: 'card',
        maxBytes: p.MAX_CARD_BYTES,
        actualBytes: p.MAX_CARD_BYTES + 5,
      })
    }
    try {
      verifyRawCard(rawCard(encodeBody({})), now + 5000)
    } catch (err) {
      expect(err).toMatchObject({ name: 'TimeOutOfRangeError', field: 'card.expiresAt', reason: 'expired' })
    }
  })
})
