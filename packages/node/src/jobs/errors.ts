/**
 * Errors of hiring and serving jobs. One class per condition, identified by `.name`, with
 * structured fields and `cause`. `codes.ts` maps them onto wire `ErrorCode`s and back.
 */
import type { ErrorCode } from '@bazaar/protocol'

/** Base of every job error. `remote` is true when the other side reported the condition. */
export class JobError extends Error {
  override name = 'JobError'
  /** Hex job id, when the job had one. */
  jobId?: string
  remote = false
}

/** The worker (or client) could not parse a frame, or a field was out of range. */
export class MalformedJobError extends JobError {
  override name = 'MalformedJobError'
}
/** A frame exceeded the protocol's size limit. */
export class JobFrameTooLargeError extends JobError {
  override name = 'JobFrameTooLargeError'
}
export class UnsupportedJobVersionError extends JobError {
  override name = 'UnsupportedJobVersionError'
}
/** A signed job message (request, quote, delivery, receipt) did not verify. */
export class JobSignatureError extends JobError {
  override name = 'JobSignatureError'
}
/** A frame arrived that the protocol does not allow at that point. */
export class UnexpectedJobMessageError extends JobError {
  override name = 'UnexpectedJobMessageError'
}
/** The other side did not answer in time. */
export class JobTimeoutError extends JobError {
  override name = 'JobTimeoutError'
}
export class RateLimitedError extends JobError {
  override name = 'RateLimitedError'
}
/** The skill is at its concurrency limit. */
export class WorkerBusyError extends JobError {
  override name = 'WorkerBusyError'
}
export class ShuttingDownError extends JobError {
  override name = 'ShuttingDownError'
}
export class InternalJobError extends JobError {
  override name = 'InternalJobError'
}
export class UnknownSkillJobError extends JobError {
  override name = 'UnknownSkillJobError'
}
/** The budget does not cover the worker's price (or the quote). */
export class BudgetTooLowError extends JobError {
  override name = 'BudgetTooLowError'
  price?: bigint
  budget?: bigint
}
export class DeadlineTooShortError extends JobError {
  override name = 'DeadlineTooShortError'
}
export class DeadlineExceededError extends JobError {
  override name = 'DeadlineExceededError'
}
/** The job was canceled (by the caller's signal, by the other side, or by a node stop). */
export class JobCanceledError extends JobError {
  override name = 'JobCanceledError'
}
/** The worker's handler threw or returned something unusable. */
export class HandlerFailedError extends JobError {
  override name = 'HandlerFailedError'
}
export class QuoteExpiredError extends JobError {
  override name = 'QuoteExpiredError'
}
export class InputTooLargeError extends JobError {
  override name = 'InputTooLargeError'
  size?: number
  limit?: number
}
export class PaymentRequiredError extends JobError {
  override name = 'PaymentRequiredError'
}
/** The payment did not match the delivery (amount, lock, receipt fields). */
export class PaymentInvalidError extends JobError {
  override name = 'PaymentInvalidError'
}
/** The payment channel refused an update; `code` names the channel rule. */
export class ChannelRejectedError extends JobError {
  override name = 'ChannelRejectedError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

// Local conditions, never sent on the wire.

/** A hire would exceed the spending policy; nothing was sent. */
export class SpendingLimitError extends JobError {
  override name = 'SpendingLimitError'
  constructor(
    readonly limit: 'per-job' | 'per-peer' | 'per-day',
    readonly amount: bigint,
    readonly allowed: bigint,
  ) {
    super(`spending ${amount} exceeds the ${limit} limit (${allowed} left)`)
  }
}
/** No worker offering the skill within budget was found. */
export class NoWorkerFoundError extends JobError {
  override name = 'NoWorkerFoundError'
}
/** The worker's stream ended before the job finished (the peer crashed or disconnected). */
export class WorkerUnreachableError extends JobError {
  override name = 'WorkerUnreachableError'
}
/** The revealed key or decrypted result does not match the signed delivery. */
export class DeliveryMismatchError extends JobError {
  override name = 'DeliveryMismatchError'
}
/** The hire needs payments but the node has no payment backend (no settlement configured). */
export class PaymentsUnavailableError extends JobError {
  override name = 'PaymentsUnavailableError'
}

/** Builds a job error with its job id set. */
export function jobError<E extends JobError>(error: E, jobId: string | undefined, remote = false): E {
  if (jobId !== undefined) error.jobId = jobId
  error.remote = remote
  return error
}
