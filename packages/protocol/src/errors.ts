/**
 * Typed errors of @bazaar/protocol. Identify them by `.name` (instanceof breaks when two copies
 * of the package load). Every decoder and verifier throws only these; `errorCodeOf` maps each to
 * its wire `ErrorCode` (src/error-codes.ts).
 */

/** Base class of every protocol error. */
export class ProtocolError extends Error {
  override name = 'ProtocolError'
}

/** An encoded message is larger than its kind allows; checked before the body is decoded. */
export class MessageTooLargeError extends ProtocolError {
  override name = 'MessageTooLargeError'
  constructor(
    readonly kind: string,
    readonly maxBytes: number,
    readonly actualBytes: number,
  ) {
    super(`${kind} is ${actualBytes} bytes, more than the ${maxBytes} allowed`)
  }
}

/** The bytes are not a valid protobuf encoding of the expected message (or not exactly one of a oneof). */
export class MalformedMessageError extends ProtocolError {
  override name = 'MalformedMessageError'
  constructor(
    readonly kind: string,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`malformed ${kind}: ${detail}`, options)
  }
}

/** A required field is absent (or empty, which protobuf cannot tell apart). */
export class MissingFieldError extends ProtocolError {
  override name = 'MissingFieldError'
  constructor(readonly field: string) {
    super(`${field} is required`)
  }
}

/** A byte field has the wrong length (key, signature, hash, id, address). */
export class InvalidLengthError extends ProtocolError {
  override name = 'InvalidLengthError'
  constructor(
    readonly field: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${field} must be ${expected} bytes, got ${actual}`)
  }
}

/** A number (or a count, or a string's byte length) is outside the range its field allows. */
export class OutOfRangeError extends ProtocolError {
  override name = 'OutOfRangeError'
  constructor(
    readonly field: string,
    readonly value: bigint | number,
    readonly range: string,
  ) {
    super(`${field} = ${value} is out of range (${range})`)
  }
}

/** A time is expired, or further in the future than the tolerated clock skew. */
export class TimeOutOfRangeError extends ProtocolError {
  override name = 'TimeOutOfRangeError'
  constructor(
    readonly field: string,
    readonly value: bigint,
    readonly now: bigint,
    readonly reason: 'expired' | 'future',
  ) {
    super(`${field} = ${value} is ${reason === 'expired' ? 'expired' : 'too far in the future'} (now ${now})`)
  }
}

/** A message carries a version this implementation does not speak. */
export class UnsupportedVersionError extends ProtocolError {
  override name = 'UnsupportedVersionError'
  constructor(
    readonly kind: string,
    readonly version: number,
    readonly supported: number,
  ) {
    super(`${kind} version ${version} is not supported (this implementation speaks ${supported})`)
  }
}

/** A signature does not verify against the expected signer. */
export class BadSignatureError extends ProtocolError {
  override name = 'BadSignatureError'
  constructor(
    readonly kind: string,
    message = `bad ${kind} signature`,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** A string field is not well-formed UTF-8 (protons would silently decode it to other text). */
export class InvalidStringError extends ProtocolError {
  override name = 'InvalidStringError'
  constructor(readonly field: string) {
    super(`${field} is not well-formed UTF-8`)
  }
}

/**
 * A field disagrees with what the message's other fields determine: a channel id that is not
 * derived from the channel's parameters, a locks root or locked total that does not match the
 * locks, a signer who is not the party the message names.
 */
export class MismatchError extends ProtocolError {
  override name = 'MismatchError'
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`)
  }
}

/** Every `.name` a {@link ProtocolError} thrown by this package can have. */
export type ProtocolErrorName =
  | 'ProtocolError'
  | 'MessageTooLargeError'
  | 'MalformedMessageError'
  | 'MissingFieldError'
  | 'InvalidLengthError'
  | 'OutOfRangeError'
  | 'TimeOutOfRangeError'
  | 'UnsupportedVersionError'
  | 'BadSignatureError'
  | 'InvalidStringError'
  | 'MismatchError'
  | 'RemoteError'
