/**
 * Typed errors of the reputation feature. One class per condition, identified by `.name` (not
 * `instanceof`, which breaks when two copies of the package load). Every validation failure also
 * carries a stable `reason` code (used in logs and metrics) and the gossipsub action it maps to.
 */

/** What gossipsub should do with a message that failed validation. */
export type InvalidAction = 'reject' | 'ignore'

/** Base class of every reputation error. */
export class ReputationError extends Error {
  override name = 'ReputationError'
}

/** Base class of attestation validation failures. */
export abstract class AttestationInvalidError extends ReputationError {
  override name = 'AttestationInvalidError'
  /** Stable machine-readable code of the failure. */
  abstract readonly reason: string
  /** Reject penalises the sender in gossipsub (P4); ignore drops the message without penalty. */
  readonly action: InvalidAction = 'reject'
}

/** The encoded attestation is larger than the limit; it was not decoded. */
export class AttestationTooLargeError extends AttestationInvalidError {
  override name = 'AttestationTooLargeError'
  readonly reason = 'too-large'
  constructor(
    readonly size: number,
    readonly max: number,
  ) {
    super(`attestation is ${size} bytes, limit ${max}`)
  }
}

/** The bytes are not a well-formed Attestation (decode error, bad field length, bad UTF-8). */
export class AttestationMalformedError extends AttestationInvalidError {
  override name = 'AttestationMalformedError'
  readonly reason = 'malformed'
  constructor(
    readonly field: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`malformed attestation (${field}): ${message}`, options)
  }
}

/** The attestation or its receipt carries a version this node does not understand. */
export class AttestationVersionError extends AttestationInvalidError {
  override name = 'AttestationVersionError'
  readonly reason = 'unsupported-version'
  constructor(
    readonly kind: 'attestation' | 'receipt',
    readonly version: number,
  ) {
    super(`unsupported ${kind} version ${version}`)
  }
}

/** The attester's signature over the body does not verify (forged or mutated). */
export class AttestationSignatureError extends AttestationInvalidError {
  override name = 'AttestationSignatureError'
  readonly reason = 'bad-attester-signature'
  constructor() {
    super('attester signature does not verify')
  }
}

/** The embedded receipt is not a well-formed Receipt. */
export class ReceiptMalformedError extends AttestationInvalidError {
  override name = 'ReceiptMalformedError'
  readonly reason = 'receipt-malformed'
  constructor(
    readonly field: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`malformed receipt (${field}): ${message}`, options)
  }
}

/** One of the receipt's two signatures does not verify: the job was not countersigned. */
export class ReceiptSignatureError extends AttestationInvalidError {
  override name = 'ReceiptSignatureError'
  readonly reason = 'bad-receipt-signature'
  constructor(readonly party: 'client' | 'worker') {
    super(`receipt ${party} signature does not verify`)
  }
}

/** The attester names itself as the subject, or the receipt pays itself. */
export class SelfAttestationError extends AttestationInvalidError {
  override name = 'SelfAttestationError'
  readonly reason = 'self-issued'
  constructor() {
    super('an attestation about oneself, or on a receipt between a key and itself')
  }
}

/** The attester is neither the client nor the worker of the receipt. */
export class AttesterNotPartyError extends AttestationInvalidError {
  override name = 'AttesterNotPartyError'
  readonly reason = 'attester-not-party'
  constructor() {
    super('attester is not a party to the receipt')
  }
}

/** The subject is not the receipt's other party. */
export class SubjectMismatchError extends AttestationInvalidError {
  override name = 'SubjectMismatchError'
  readonly reason = 'subject-mismatch'
  constructor() {
    super('subject is not the other party of the receipt')
  }
}

/** The attestation's job id differs from the receipt's. */
export class JobIdMismatchError extends AttestationInvalidError {
  override name = 'JobIdMismatchError'
  readonly reason = 'job-id-mismatch'
  constructor() {
    super('job id does not match the receipt')
  }
}

/** The attestation's skill differs from the receipt's. */
export class SkillMismatchError extends AttestationInvalidError {
  override name = 'SkillMismatchError'
  readonly reason = 'skill-mismatch'
  constructor(
    readonly attested: string,
    readonly receipt: string,
  ) {
    super('skill does not match the receipt')
  }
}

/** Rating outside 0..100. */
export class RatingOutOfRangeError extends AttestationInvalidError {
  override name = 'RatingOutOfRangeError'
  readonly reason = 'rating-out-of-range'
  constructor(
    readonly rating: number,
    readonly max: number,
  ) {
    super(`rating ${rating} is outside 0..${max}`)
  }
}

/** Issued longer ago than the maximum age. */
export class AttestationExpiredError extends AttestationInvalidError {
  override name = 'AttestationExpiredError'
  readonly reason = 'expired'
  constructor(
    readonly issuedAt: number,
    readonly now: number,
    readonly maxAgeMs: number,
  ) {
    super(`attestation issued ${now - issuedAt} ms ago, max age ${maxAgeMs} ms`)
  }
}

/** Issued in the future beyond the allowed clock skew. */
export class AttestationFromFutureError extends AttestationInvalidError {
  override name = 'AttestationFromFutureError'
  readonly reason = 'from-future'
  constructor(
    readonly issuedAt: number,
    readonly now: number,
    readonly maxSkewMs: number,
  ) {
    super(`attestation issued ${issuedAt - now} ms in the future, max skew ${maxSkewMs} ms`)
  }
}

/** Issued before the job it rates was completed. */
export class AttestationBeforeReceiptError extends AttestationInvalidError {
  override name = 'AttestationBeforeReceiptError'
  readonly reason = 'before-receipt'
  constructor(
    readonly issuedAt: number,
    readonly completedAt: number,
  ) {
    super('attestation issued before the receipt was completed')
  }
}

/** The receipt records no payment: an unpaid job earns no say in anyone's reputation. */
export class UnpaidReceiptError extends AttestationInvalidError {
  override name = 'UnpaidReceiptError'
  readonly reason = 'unpaid'
  constructor() {
    super('receipt price is 0')
  }
}

/**
 * This attester already attested this receipt. Ignored, not rejected: an honest peer forwards the
 * same message it got from two neighbours, and that must not cost it score.
 */
export class DuplicateAttestationError extends AttestationInvalidError {
  override name = 'DuplicateAttestationError'
  readonly reason = 'duplicate'
  override readonly action: InvalidAction = 'ignore'
  constructor() {
    super('an attestation by this attester on this receipt is already known')
  }
}

/** `publish` was given a receipt this node is not a party to. */
export class NotReceiptPartyError extends ReputationError {
  override name = 'NotReceiptPartyError'
  constructor() {
    super('this node is not a party to the receipt and cannot attest it')
  }
}

/** A catch-up exchange with a peer failed (timeout, reset, oversized or malformed response). */
export class SyncFailedError extends ReputationError {
  override name = 'SyncFailedError'
  constructor(
    readonly peer: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`reputation sync with ${peer} failed: ${message}`, options)
  }
}

/** The attestation store could not be opened or written. */
export class ReputationStoreError extends ReputationError {
  override name = 'ReputationStoreError'
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
  }
}

/** `attest(jobId)` names a job this node holds no receipt for (not a paid job of its, or evicted). */
export class UnknownReceiptError extends ReputationError {
  override name = 'UnknownReceiptError'
  constructor(readonly jobId: string) {
    super(`no receipt for job ${jobId}`)
  }
}
