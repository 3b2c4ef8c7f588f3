import { TopicValidatorResult } from '@libp2p/gossipsub'
import { beforeAll, describe, expect, it } from 'vitest'
import { Attestation, AttestationBody, Receipt, ReceiptBody } from '../../src/reputation/codec.js'
import { AttestationValidator, toTopicResult } from '../../src/reputation/validator.js'
import { attestation, type Identity, identity, receipt } from './fixtures.js'

const DAY = 24 * 3600 * 1000
let client: Identity
let worker: Identity
let mallory: Identity

beforeAll(async () => {
  ;[client, worker, mallory] = await Promise.all([identity(), identity(), identity()])
})

function check(bytes: Uint8Array, validator = new AttestationValidator()) {
  const result = validator.validate(bytes)
  return {
    result,
    topic: toTopicResult(result),
    reason: result.ok ? 'ok' : result.error.reason,
    name: result.ok ? '' : result.error.name,
  }
}

describe('AttestationValidator', () => {
  it('accepts a valid attestation from either party and reports what it says', () => {
    const r = receipt({ client, worker, price: 250_000n })
    const byClient = check(attestation({ attester: client, subject: worker, receipt: r, rating: 95 }))
    expect(byClient.topic).toBe(TopicValidatorResult.Accept)
    expect(byClient.result.ok && byClient.result.attestation).toMatchObject({
      attester: client.hex,
      subject: worker.hex,
      rating: 95,
      price: 250_000n,
      role: 'client',
      skill: 'summarize',
    })
    const byWorker = check(attestation({ attester: worker, subject: client, receipt: r, rating: 70 }))
    expect(byWorker.result.ok && byWorker.result.attestation.role).toBe('worker')
  })

  it('ignores (does not reject) a replay, byte-identical or re-signed, by the same attester', () => {
    const validator = new AttestationValidator()
    const r = receipt({ client, worker })
    const first = attestation({ attester: client, subject: worker, receipt: r, rating: 90 })
    expect(check(first, validator).topic).toBe(TopicValidatorResult.Accept)
    const replay = check(first, validator)
    expect([replay.topic, replay.name]).toEqual([TopicValidatorResult.Ignore, 'DuplicateAttestationError'])
    const changedMind = attestation({
      attester: client,
      subject: worker,
      receipt: r,
      rating: 10,
      issuedAt: Date.now() + 5,
    })
    expect(check(changedMind, validator).reason).toBe('duplicate')
    // The other party still has its own say on the same receipt.
    expect(check(attestation({ attester: worker, subject: client, receipt: r }), validator).topic).toBe(
      'accept',
    )
  })

  it('ignores an attestation the store already holds (after a restart)', () => {
    const r = receipt({ client, worker })
    const bytes = attestation({ attester: client, subject: worker, receipt: r })
    const jobId = Buffer.from(ReceiptBody.decode(Receipt.decode(r).body).jobId).toString('hex')
    const validator = new AttestationValidator({ known: (id) => id === `${jobId}:${client.hex}` })
    expect(check(bytes, validator).reason).toBe('duplicate')
  })

  const now = Date.now()
  const cases: Array<[string, () => Uint8Array, string, string]> = [
    [
      'forged: signed by someone else',
      () =>
        attestation({
          attester: client,
          subject: worker,
          receipt: receipt({ client, worker }),
          signer: mallory,
        }),
      'AttestationSignatureError',
      'bad-attester-signature',
    ],
    [
      'mutated: rating changed after signing',
      () => {
        const signed = Attestation.decode(
          attestation({
            attester: client,
            subject: worker,
            receipt: receipt({ client, worker }),
            rating: 10,
          }),
        )
        const body = AttestationBody.decode(signed.body)
        return Attestation.encode({
          body: AttestationBody.encode({ ...body, rating: 100 }),
          signature: signed.signature,
        })
      },
      'AttestationSignatureError',
      'bad-attester-signature',
    ],
    [
      'mutated receipt: price raised inside a re-signed attestation',
      () => {
        const r = Receipt.decode(receipt({ client, worker, price: 1n }))
        const body = ReceiptBody.decode(r.body)
        const raised = Receipt.encode({ ...r, body: ReceiptBody.encode({ ...body, price: 10n ** 12n }) })
        return attestation({ attester: client, subject: worker, receipt: raised })
      },
      'ReceiptSignatureError',
      'bad-receipt-signature',
    ],
    [
      'forged receipt: the worker never countersigned',
      () =>
        attestation({
          attester: client,
          subject: worker,
          receipt: receipt({ client, worker, workerSigner: client }),
        }),
      'ReceiptSignatureError',
      'bad-receipt-signature',
    ],
    [
      'unpaid: the receipt records a price of 0',
      () =>
        attestation({ attester: client, subject: worker, receipt: receipt({ client, worker, price: 0n }) }),
      'UnpaidReceiptError',
      'unpaid',
    ],
    [
      'self-issued: a key hiring and rating itself',
      () =>
        attestation({
          attester: mallory,
          subject: mallory,
          receipt: receipt({ client: mallory, worker: mallory }),
        }),
      'SelfAttestationError',
      'self-issued',
    ],
    [
      'attester not a party to the receipt',
      () => attestation({ attester: mallory, subject: worker, receipt: receipt({ client, worker }) }),
      'AttesterNotPartyError',
      'attester-not-party',
    ],
    [
      'subject is not the other party',
      () => attestation({ attester: client, subject: mallory, receipt: receipt({ client, worker }) }),
      'SubjectMismatchError',
      'subject-mismatch',
    ],
    [
      'job id differs from the receipt',
      () =>
        attestation({
          attester: client,
          subject: worker,
          receipt: receipt({ client, worker }),
          jobId: new Uint8Array(32),
        }),
      'JobIdMismatchError',
      'job-id-mismatch',
    ],
    [
      'skill differs from the receipt',
      () =>
        attestation({
          attester: client,
          subject: worker,
          receipt: receipt({ client, worker }),
          skill: 'translate',
        }),
      'SkillMismatchError',
      'skill-mismatch',
    ],
    [
      'rating above 100',
      () =>
        attestation({ attester: client, subject: worker, receipt: receipt({ client, worker }), rating: 101 }),
      'RatingOutOfRangeError',
      'rating-out-of-range',
    ],
    [
      'expired: issued 31 days ago',
      () =>
        attestation({
          attester: client,
          subject: worker,
          receipt: receipt({ client, worker, completedAt: now - 32 * DAY }),
          issuedAt: now - 31 * DAY,
        }),
      'AttestationExpiredError',
      'expired',
    ],
    [
      'from the future beyond the clock skew',
      () =>
        attestation({
          attester: client,
          subject: worker,
          receipt: receipt({ client, worker }),
          issuedAt: now + 10 * 60_000,
        }),
      'AttestationFromFutureError',
      'from-future',
    ],
    [
      'issued before the job was completed',
      () =>
        attestation({
          attester: client,
          subject: worker,
          receipt: receipt({ client, worker, completedAt: now }),
          issuedAt: now - 60_000,
        }),
      'AttestationBeforeReceiptError',
      'before-receipt',
    ],
    [
      'oversized: rejected before decoding',
      () =>
        attestation({
          attester: client,
          subject: worker,
          receipt: receipt({ client, worker }),
          padding: 4096,
        }),
      'AttestationTooLargeError',
      'too-large',
    ],
    [
      'garbage bytes',
      () => new Uint8Array([0xff, 0xff, 0xff, 0x0f, 1, 2, 3]),
      'AttestationMalformedError',
      'malformed',
    ],
    [
      'unknown attestation version',
      () =>
        attestation({ attester: client, subject: worker, receipt: receipt({ client, worker }), version: 2 }),
      'AttestationVersionError',
      'unsupported-version',
    ],
  ]

  it.each(cases)('%s => Reject with its own reason', (_label, make, name, reason) => {
    const out = check(make())
    expect(out.name).toBe(name)
    expect(out.reason).toBe(reason)
    expect(out.topic).toBe(TopicValidatorResult.Reject)
  })

  it('rejects a receipt field that is not a receipt', () => {
    const garbageReceipt = new Uint8Array([0x0a, 0xff, 0x01])
    const body = AttestationBody.encode({
      version: 1,
      attesterKey: client.key,
      subjectKey: worker.key,
      jobId: new Uint8Array(32),
      skill: 'summarize',
      receipt: garbageReceipt,
      rating: 50,
      issuedAt: BigInt(Date.now()),
    })
    const out = check(Attestation.encode({ body, signature: new Uint8Array(64) }))
    expect([out.name, out.topic]).toEqual(['ReceiptMalformedError', TopicValidatorResult.Reject])
  })

  it('gives every failure a distinct reason code', () => {
    const reasons = cases.map(([, , , r]) => r)
    expect(new Set(reasons).size).toBeGreaterThanOrEqual(15)
  })
})
