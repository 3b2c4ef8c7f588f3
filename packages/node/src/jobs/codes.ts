/**
 * The two exhaustive mappings between local exceptions and wire `ErrorCode`s. A new wire code
 * fails to compile in `errorFromCode` until it is given a class.
 */
import { ErrorCode } from '@bazaar/protocol'
import {
  BudgetTooLowError,
  ChannelRejectedError,
  DeadlineExceededError,
  DeadlineTooShortError,
  HandlerFailedError,
  InputTooLargeError,
  InternalJobError,
  JobCanceledError,
  type JobError,
  JobFrameTooLargeError,
  JobSignatureError,
  JobTimeoutError,
  MalformedJobError,
  PaymentInvalidError,
  PaymentRequiredError,
  QuoteExpiredError,
  RateLimitedError,
  ShuttingDownError,
  UnexpectedJobMessageError,
  UnknownSkillJobError,
  UnsupportedJobVersionError,
  WorkerBusyError,
} from './errors.js'

/** The local exception for a code the other side reported. */
export function errorFromCode(code: ErrorCode, message: string): JobError {
  const text = message === '' ? `remote reported ${code}` : message
  switch (code) {
    case ErrorCode.MALFORMED:
      return new MalformedJobError(text)
    case ErrorCode.TOO_LARGE:
      return new JobFrameTooLargeError(text)
    case ErrorCode.UNSUPPORTED_VERSION:
      return new UnsupportedJobVersionError(text)
    case ErrorCode.BAD_SIGNATURE:
      return new JobSignatureError(text)
    case ErrorCode.UNEXPECTED_MESSAGE:
      return new UnexpectedJobMessageError(text)
    case ErrorCode.TIMEOUT:
      return new JobTimeoutError(text)
    case ErrorCode.RATE_LIMITED:
      return new RateLimitedError(text)
    case ErrorCode.BUSY:
      return new WorkerBusyError(text)
    case ErrorCode.SHUTTING_DOWN:
      return new ShuttingDownError(text)
    case ErrorCode.UNKNOWN_SKILL:
      return new UnknownSkillJobError(text)
    case ErrorCode.BUDGET_TOO_LOW:
      return new BudgetTooLowError(text)
    case ErrorCode.DEADLINE_TOO_SHORT:
      return new DeadlineTooShortError(text)
    case ErrorCode.DEADLINE_EXCEEDED:
      return new DeadlineExceededError(text)
    case ErrorCode.CANCELED:
      return new JobCanceledError(text)
    case ErrorCode.HANDLER_FAILED:
      return new HandlerFailedError(text)
    case ErrorCode.QUOTE_EXPIRED:
      return new QuoteExpiredError(text)
    case ErrorCode.INPUT_TOO_LARGE:
      return new InputTooLargeError(text)
    case ErrorCode.PAYMENT_REQUIRED:
      return new PaymentRequiredError(text)
    case ErrorCode.PAYMENT_INVALID:
      return new PaymentInvalidError(text)
    case ErrorCode.CHANNEL_UNKNOWN:
    case ErrorCode.CHANNEL_CLOSED:
    case ErrorCode.CHANNEL_EXPIRED:
    case ErrorCode.STALE_SEQUENCE:
    case ErrorCode.SEQUENCE_GAP:
    case ErrorCode.PREVIOUS_HASH_MISMATCH:
    case ErrorCode.AMOUNT_DECREASED:
    case ErrorCode.INSUFFICIENT_CAPACITY:
    case ErrorCode.LOCK_INVALID:
    case ErrorCode.WRONG_NETWORK:
    case ErrorCode.NOT_PARTY:
    case ErrorCode.TIME_OUT_OF_RANGE:
    case ErrorCode.ASSET_NOT_ACCEPTED:
      return new ChannelRejectedError(code, text)
    case ErrorCode.INTERNAL:
    case ErrorCode.ERROR_CODE_UNSPECIFIED:
      return new InternalJobError(text)
    default: {
      const unknown: never = code
      return new InternalJobError(`unknown error code ${String(unknown)}`)
    }
  }
}

/** The wire code for a local exception (anything unrecognised is INTERNAL). */
export function codeOf(err: unknown): ErrorCode {
  if (!(err instanceof Error)) return ErrorCode.INTERNAL
  if (err.name === 'ChannelRejectedError') return (err as ChannelRejectedError).code
  return CODE_BY_NAME[err.name] ?? ErrorCode.INTERNAL
}

const CODE_BY_NAME: Record<string, ErrorCode> = {
  MalformedJobError: ErrorCode.MALFORMED,
  MalformedFrameError: ErrorCode.MALFORMED,
  JobFrameTooLargeError: ErrorCode.TOO_LARGE,
  FrameTooLargeError: ErrorCode.TOO_LARGE,
  TooManyFramesError: ErrorCode.RATE_LIMITED,
  UnsupportedJobVersionError: ErrorCode.UNSUPPORTED_VERSION,
  JobSignatureError: ErrorCode.BAD_SIGNATURE,
  UnexpectedJobMessageError: ErrorCode.UNEXPECTED_MESSAGE,
  JobTimeoutError: ErrorCode.TIMEOUT,
  FrameTimeoutError: ErrorCode.TIMEOUT,
  RateLimitedError: ErrorCode.RATE_LIMITED,
  WorkerBusyError: ErrorCode.BUSY,
  ShuttingDownError: ErrorCode.SHUTTING_DOWN,
  InternalJobError: ErrorCode.INTERNAL,
  UnknownSkillJobError: ErrorCode.UNKNOWN_SKILL,
  UnknownSkillError: ErrorCode.UNKNOWN_SKILL,
  BudgetTooLowError: ErrorCode.BUDGET_TOO_LOW,
  DeadlineTooShortError: ErrorCode.DEADLINE_TOO_SHORT,
  DeadlineExceededError: ErrorCode.DEADLINE_EXCEEDED,
  JobCanceledError: ErrorCode.CANCELED,
  HandlerFailedError: ErrorCode.HANDLER_FAILED,
  QuoteExpiredError: ErrorCode.QUOTE_EXPIRED,
  InputTooLargeError: ErrorCode.INPUT_TOO_LARGE,
  PaymentRequiredError: ErrorCode.PAYMENT_REQUIRED,
  PaymentInvalidError: ErrorCode.PAYMENT_INVALID,
}
