/**
 * The wire `ErrorCode` (job.proto) mapped both ways, exhaustively: `errorCodeOf` turns a local
 * exception into the code a peer is told, `errorFromCode` turns a code a peer sent into a local
 * error. Wire codes and local exceptions are distinct on purpose: a peer learns the condition,
 * never a stack or an internal message.
 */
import { ProtocolError, type ProtocolErrorName } from './errors.js'
import { ErrorCode } from './pb/job.js'

/** Numeric wire value of each code (ChannelError carries it as a uint32). */
const VALUES: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.ERROR_CODE_UNSPECIFIED]: 0,
  [ErrorCode.MALFORMED]: 1,
  [ErrorCode.TOO_LARGE]: 2,
  [ErrorCode.UNSUPPORTED_VERSION]: 3,
  [ErrorCode.BAD_SIGNATURE]: 4,
  [ErrorCode.UNEXPECTED_MESSAGE]: 5,
  [ErrorCode.TIMEOUT]: 6,
  [ErrorCode.RATE_LIMITED]: 7,
  [ErrorCode.BUSY]: 8,
  [ErrorCode.SHUTTING_DOWN]: 9,
  [ErrorCode.INTERNAL]: 10,
  [ErrorCode.UNKNOWN_SKILL]: 11,
  [ErrorCode.BUDGET_TOO_LOW]: 12,
  [ErrorCode.DEADLINE_TOO_SHORT]: 13,
  [ErrorCode.DEADLINE_EXCEEDED]: 14,
  [ErrorCode.CANCELED]: 15,
  [ErrorCode.HANDLER_FAILED]: 16,
  [ErrorCode.QUOTE_EXPIRED]: 17,
  [ErrorCode.INPUT_TOO_LARGE]: 18,
  [ErrorCode.PAYMENT_REQUIRED]: 19,
  [ErrorCode.PAYMENT_INVALID]: 20,
  [ErrorCode.CHANNEL_UNKNOWN]: 21,
  [ErrorCode.CHANNEL_CLOSED]: 22,
  [ErrorCode.CHANNEL_EXPIRED]: 23,
  [ErrorCode.STALE_SEQUENCE]: 24,
  [ErrorCode.SEQUENCE_GAP]: 25,
  [ErrorCode.PREVIOUS_HASH_MISMATCH]: 26,
  [ErrorCode.AMOUNT_DECREASED]: 27,
  [ErrorCode.INSUFFICIENT_CAPACITY]: 28,
  [ErrorCode.LOCK_INVALID]: 29,
  [ErrorCode.WRONG_NETWORK]: 30,
  [ErrorCode.NOT_PARTY]: 31,
  [ErrorCode.TIME_OUT_OF_RANGE]: 32,
  [ErrorCode.ASSET_NOT_ACCEPTED]: 33,
}

const BY_VALUE = new Map<number, ErrorCode>(Object.entries(VALUES).map(([k, v]) => [v, k as ErrorCode]))

/** The numeric wire value of a code. */
export function errorCodeValue(code: ErrorCode): number {
  return VALUES[code]
}

/** The code of a numeric wire value; unknown values (a newer peer) become ERROR_CODE_UNSPECIFIED. */
export function errorCodeFromValue(value: number): ErrorCode {
  return BY_VALUE.get(value) ?? ErrorCode.ERROR_CODE_UNSPECIFIED
}

/** An error a peer reported with a wire code (a Reject, Cancel, JobError or ChannelError). */
export class RemoteError extends ProtocolError {
  override name = 'RemoteError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Whether trying again later may succeed. */
    readonly retryable: boolean,
  ) {
    super(message === '' ? `peer answered ${code}` : `peer answered ${code}: ${message}`)
  }
}

/**
 * Wire to local: the error to raise when a peer answers `code`. Exhaustive over the codes; an
 * unknown value (a newer peer) is ERROR_CODE_UNSPECIFIED.
 */
export function errorFromCode(code: ErrorCode, message = ''): RemoteError {
  switch (code) {
    case ErrorCode.TIMEOUT:
    case ErrorCode.RATE_LIMITED:
    case ErrorCode.BUSY:
    case ErrorCode.SHUTTING_DOWN:
    case ErrorCode.INTERNAL:
    case ErrorCode.TIME_OUT_OF_RANGE:
      return new RemoteError(code, message, true)
    case ErrorCode.ERROR_CODE_UNSPECIFIED:
    case ErrorCode.MALFORMED:
    case ErrorCode.TOO_LARGE:
    case ErrorCode.UNSUPPORTED_VERSION:
    case ErrorCode.BAD_SIGNATURE:
    case ErrorCode.UNEXPECTED_MESSAGE:
    case ErrorCode.UNKNOWN_SKILL:
    case ErrorCode.BUDGET_TOO_LOW:
    case ErrorCode.DEADLINE_TOO_SHORT:
    case ErrorCode.DEADLINE_EXCEEDED:
    case ErrorCode.CANCELED:
    case ErrorCode.HANDLER_FAILED:
    case ErrorCode.QUOTE_EXPIRED:
    case ErrorCode.INPUT_TOO_LARGE:
    case ErrorCode.PAYMENT_REQUIRED:
    case ErrorCode.PAYMENT_INVALID:
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
    case ErrorCode.ASSET_NOT_ACCEPTED:
      return new RemoteError(code, message, false)
    default: {
      const unknown: never = code
      return new RemoteError(ErrorCode.ERROR_CODE_UNSPECIFIED, `${String(unknown)} ${message}`.trim(), false)
    }
  }
}

/** Whether the condition a code names may pass if the same request is tried again later. */
export function isRetryable(code: ErrorCode): boolean {
  return errorFromCode(code).retryable
}

/** Local to wire for this package's own errors, exhaustive over their names. */
export function errorCodeOfName(name: ProtocolErrorName): ErrorCode {
  switch (name) {
    case 'MessageTooLargeError':
      return ErrorCode.TOO_LARGE
    case 'MalformedMessageError':
    case 'MissingFieldError':
    case 'InvalidLengthError':
    case 'OutOfRangeError':
    case 'InvalidStringError':
    case 'MismatchError':
      return ErrorCode.MALFORMED
    case 'TimeOutOfRangeError':
      return ErrorCode.TIME_OUT_OF_RANGE
    case 'UnsupportedVersionError':
      return ErrorCode.UNSUPPORTED_VERSION
    case 'BadSignatureError':
      return ErrorCode.BAD_SIGNATURE
    case 'ProtocolError':
    case 'RemoteError':
      return ErrorCode.INTERNAL
    default:
      return unreachable(name)
  }
}

const NAMES = new Set<string>([
  'ProtocolError',
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
  'RemoteError',
] satisfies ProtocolErrorName[])

/**
 * Local to wire: the code to send a peer for `err`. Other packages' errors opt in by carrying an
 * `errorCode` property holding an {@link ErrorCode}; anything else is INTERNAL (its message is
 * not for the peer).
 */
export function errorCodeOf(err: unknown): ErrorCode {
  if (typeof err !== 'object' || err === null) return ErrorCode.INTERNAL
  const own = (err as { errorCode?: unknown }).errorCode
  if (typeof own === 'string' && own in VALUES) return own as ErrorCode
  const name = (err as { name?: unknown }).name
  if (typeof name === 'string' && NAMES.has(name)) return errorCodeOfName(name as ProtocolErrorName)
  return ErrorCode.INTERNAL
}

function unreachable(value: never): never {
  throw new TypeError(`unhandled value ${String(value)}`)
}
