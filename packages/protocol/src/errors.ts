/**
 * Typed errors of @bazaar/protocol. Identify them by `.name` (instanceof breaks when two copies
 * of the package load). Every decoder and verifier throws only these.
 */

/** Base class of every protocol error. */
export class ProtocolError extends Error {
  override name = 'ProtocolError'
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

/** A number is outside the range its field allows. */
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
