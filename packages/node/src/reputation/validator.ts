/**
 * Attestation validation: every check an attestation must pass before it is stored, counted in
 * trust or forwarded on the topic. Cheap checks run first (size before decoding, fields, time,
 * parties), the three Ed25519 verifications last. Each failure has its own typed error
 * (`errors.ts`); `toTopicResult` maps the outcome to gossipsub's Accept / Reject / Ignore.
 */
import { createHash } from 'node:crypto'
import { TopicValidatorResult } from '@libp2p/gossipsub'
import {
  type Attestation,
  type AttestationBody,
  type Receipt,
  type ReceiptBody,
  strict,
  toHex,
  verifyAttestationSignature,
  verifyReceiptSignature,
} from './codec.js'
import {
  DEFAULT_MAX_ATTESTATION_AGE_MS,
  DEFAULT_MAX_ATTESTATION_BYTES,
  DEFAULT_MAX_CLOCK_SKEW_MS,
  DEFAULT_SEEN_CACHE_SIZE,
} from './constants.js'
import {
  AttestationBeforeReceiptError,
  AttestationExpiredError,
  AttestationFromFutureError,
  type AttestationInvalidError,
  AttestationMalformedError,
  AttestationSignatureError,
  AttestationTooLargeError,
  AttesterNotPartyError,
  DuplicateAttestationError,
  JobIdMismatchError,
  ReceiptMalformedError,
  ReceiptSignatureError,
  SelfAttestationError,
  SkillMismatchError,
  SubjectMismatchError,
  UnpaidReceiptError,
} from './errors.js'
import { fromProtocolError } from './protocol-errors.js'
import { attestationId, type VerifiedAttestation } from './types.js'

export interface ValidatorOptions {
  /** Largest encoded attestation, bytes. Default {@link DEFAULT_MAX_ATTESTATION_BYTES}. */
  maxBytes?: number
  /** Oldest `issued_at` accepted, ms. Default {@link DEFAULT_MAX_ATTESTATION_AGE_MS}. */
  maxAgeMs?: number
  /** Future `issued_at` tolerated, ms. Default {@link DEFAULT_MAX_CLOCK_SKEW_MS}. */
  maxSkewMs?: number
  /** Clock (unix ms); injectable for tests. */
  now?: () => number
  /** Whether an attestation with this `jobId:attester` id is already known (the store). */
  known?: (id: string) => boolean
  /** Size of the in-memory filter of recently accepted ids and exact bytes. */
  seenCacheSize?: number
}

export type ValidationResult =
  | { ok: true; attestation: VerifiedAttestation }
  | { ok: false; error: AttestationInvalidError }

function bad(error: AttestationInvalidError): ValidationResult {
  return { ok: false, error }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0
}

/** A bounded insertion-ordered set (oldest dropped first). */
class SeenSet {
  private readonly set = new Set<string>()
  constructor(private readonly max: number) {}
  has(k: string): boolean {
    return this.set.has(k)
  }
  add(k: string): void {
    if (this.set.size >= this.max) {
      const first = this.set.values().next().value
      if (first !== undefined) this.set.delete(first)
    }
    this.set.add(k)
  }
}

export class AttestationValidator {
  private readonly maxBytes: number
  private readonly maxAgeMs: number
  private readonly maxSkewMs: number
  private readonly now: () => number
  private readonly known: (id: string) => boolean
  private readonly seenIds: SeenSet
  private readonly seenBytes: SeenSet

  constructor(options: ValidatorOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_ATTESTATION_BYTES
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_ATTESTATION_AGE_MS
    this.maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS
    this.now = options.now ?? Date.now
    this.known = options.known ?? (() => false)
    this.seenIds = new SeenSet(options.seenCacheSize ?? DEFAULT_SEEN_CACHE_SIZE)
    this.seenBytes = new SeenSet(options.seenCacheSize ?? DEFAULT_SEEN_CACHE_SIZE)
  }

  /**
   * Runs every check. A success is remembered, so the same (receipt, attester) arriving again,
   * byte-identical or re-signed, is a duplicate (Ignore). Exact copies are recognised by hash
   * before any signature is verified.
   */
  validate(bytes: Uint8Array): ValidationResult {
    if (bytes.byteLength > this.maxBytes)
      return bad(new AttestationTooLargeError(bytes.byteLength, this.maxBytes))
    const digest = createHash('sha256').update(bytes).digest('base64')
    if (this.seenBytes.has(digest)) return bad(new DuplicateAttestationError())

    let envelope: Attestation
    let body: AttestationBody
    try {
      envelope = strict.attestation(bytes, this.maxBytes)
      body = strict.attestationBody(envelope.body)
    } catch (err) {
      return bad(fromProtocolError(err, 'attestation'))
    }
    if (body.issuedAt > BigInt(Number.MAX_SAFE_INTEGER))
      return bad(new AttestationMalformedError('issued_at', 'too large'))
    const issuedAt = Number(body.issuedAt)
    const now = this.now()
    if (issuedAt > now + this.maxSkewMs)
      return bad(new AttestationFromFutureError(issuedAt, now, this.maxSkewMs))
    if (issuedAt < now - this.maxAgeMs) return bad(new AttestationExpiredError(issuedAt, now, this.maxAgeMs))

    let receipt: Receipt
    let rb: ReceiptBody
    try {
      receipt = strict.receipt(body.receipt)
      rb = strict.receiptBody(receipt.body)
    } catch (err) {
      return bad(fromProtocolError(err, 'receipt'))
    }
    if (rb.completedAt > BigInt(Number.MAX_SAFE_INTEGER))
      return bad(new ReceiptMalformedError('completed_at', 'too large'))

    if (bytesEqual(body.attesterKey, body.subjectKey) || bytesEqual(rb.clientKey, rb.workerKey)) {
      return bad(new SelfAttestationError())
    }
    const asClient = bytesEqual(body.attesterKey, rb.clientKey)
    if (!asClient && !bytesEqual(body.attesterKey, rb.workerKey)) return bad(new AttesterNotPartyError())
    if (!bytesEqual(body.subjectKey, asClient ? rb.workerKey : rb.clientKey))
      return bad(new SubjectMismatchError())
    if (!bytesEqual(body.jobId, rb.jobId)) return bad(new JobIdMismatchError())
    if (body.skill !== rb.skill) return bad(new SkillMismatchError(body.skill, rb.skill))
    if (rb.price === 0n) return bad(new UnpaidReceiptError())
    const completedAt = Number(rb.completedAt)
    if (issuedAt < completedAt) return bad(new AttestationBeforeReceiptError(issuedAt, completedAt))

    if (!verifyAttestationSignature(envelope.body, body.attesterKey, envelope.signature)) {
      return bad(new AttestationSignatureError())
    }
    if (!verifyReceiptSignature(receipt.body, rb.clientKey, receipt.clientSignature)) {
      return bad(new ReceiptSignatureError('client'))
    }
    if (!verifyReceiptSignature(receipt.body, rb.workerKey, receipt.workerSignature)) {
      return bad(new ReceiptSignatureError('worker'))
    }

    const attester = toHex(body.attesterKey)
    const jobId = toHex(body.jobId)
    const id = attestationId(jobId, attester)
    if (this.seenIds.has(id) || this.known(id)) return bad(new DuplicateAttestationError())
    this.seenIds.add(id)
    this.seenBytes.add(digest)
    return {
      ok: true,
      attestation: {
        id,
        bytes,
        attester,
        subject: toHex(body.subjectKey),
        jobId,
        skill: body.skill,
        rating: body.rating,
        issuedAt,
        price: rb.price,
        asset: rb.asset,
        role: asClient ? 'client' : 'worker',
      },
    }
  }
}

/** Maps a validation outcome to gossipsub: valid => Accept, duplicate => Ignore, else Reject. */
export function toTopicResult(result: ValidationResult): TopicValidatorResult {
  if (result.ok) return TopicValidatorResult.Accept
  return result.error.action === 'ignore' ? TopicValidatorResult.Ignore : TopicValidatorResult.Reject
}
