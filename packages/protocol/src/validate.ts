/**
 * Field checks shared by every message module. Each throws the one typed error of its condition.
 * Empty bytes and zero numbers are "absent" in proto3, so a required field that is empty is a
 * MissingFieldError, and a present one of the wrong size an InvalidLengthError.
 */
import { DEFAULT_CLOCK_SKEW_MS, MAX_TIME } from './constants.js'
import {
  InvalidLengthError,
  InvalidStringError,
  MalformedMessageError,
  MessageTooLargeError,
  MissingFieldError,
  OutOfRangeError,
  TimeOutOfRangeError,
  UnsupportedVersionError,
} from './errors.js'
import { checkWire, type WireSchema } from './wire.js'

/** A fixed-size byte field that must be present. */
export function requireBytes(field: string, value: Uint8Array, length: number): void {
  if (value.byteLength === length) return
  if (value.byteLength === 0) throw new MissingFieldError(field)
  throw new InvalidLengthError(field, length, value.byteLength)
}

/** A fixed-size byte field that may be absent (empty). */
export function optionalBytes(field: string, value: Uint8Array, length: number): void {
  if (value.byteLength !== 0 && value.byteLength !== length) {
    throw new InvalidLengthError(field, length, value.byteLength)
  }
}

/** A variable-size byte field: present when `required`, at most `maxBytes`. */
export function requireBlob(field: string, value: Uint8Array, maxBytes: number, required = true): void {
  if (required && value.byteLength === 0) throw new MissingFieldError(field)
  if (value.byteLength > maxBytes)
    throw new OutOfRangeError(`${field} bytes`, value.byteLength, `0..${maxBytes}`)
}

/** A text field: well-formed, at most `maxBytes` of UTF-8, present when `required`. */
export function requireString(field: string, value: string, maxBytes: number, required = true): void {
  if (!value.isWellFormed()) throw new InvalidStringError(field)
  if (value.length === 0) {
    if (required) throw new MissingFieldError(field)
    return
  }
  // UTF-8 needs at most 3 bytes per UTF-16 unit: count only when it could matter.
  if (value.length * 3 > maxBytes) {
    const bytes = Buffer.byteLength(value, 'utf8')
    if (bytes > maxBytes) throw new OutOfRangeError(`${field} bytes`, bytes, `0..${maxBytes}`)
  }
}

/** The body's version must be the one this implementation speaks. */
export function requireVersion(kind: string, version: number, supported: number): void {
  if (version === supported) return
  if (version === 0) throw new MissingFieldError(`${kind}.version`)
  throw new UnsupportedVersionError(kind, version, supported)
}

/** A number within `[min, max]`. */
export function requireRange(
  field: string,
  value: bigint | number,
  min: bigint | number,
  max: bigint | number,
): void {
  if (value < min || value > max) throw new OutOfRangeError(field, value, `${min}..${max}`)
}

/** A required time (ms or s): non-zero and at most 2^53 - 1. */
export function requireTime(field: string, value: bigint): void {
  if (value === 0n) throw new MissingFieldError(field)
  if (value > MAX_TIME) throw new OutOfRangeError(field, value, `1..${MAX_TIME}`)
}

/** A count of repeated items at most `max`. */
export function requireCount(field: string, count: number, max: number): void {
  if (count > max) throw new OutOfRangeError(`${field} count`, count, `0..${max}`)
}

/** What every verifier takes: the time to judge against and the tolerated clock skew. */
export interface TimeOptions {
  /** Unix milliseconds; defaults to `Date.now()`. */
  now?: number
  /** Milliseconds an `issued_at` may lie in the future; defaults to {@link DEFAULT_CLOCK_SKEW_MS}. */
  clockSkewMs?: number
}

/** Resolved `now` and skew, in ms as bigint. */
export function clock(opts: TimeOptions | undefined): { now: bigint; skew: bigint } {
  return {
    now: BigInt(Math.floor(opts?.now ?? Date.now())),
    skew: BigInt(Math.floor(opts?.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS)),
  }
}

/** `issuedAt` (ms) must not be later than now + skew. */
export function notFuture(field: string, issuedAt: bigint, now: bigint, skew: bigint): void {
  if (issuedAt > now + skew) throw new TimeOutOfRangeError(field, issuedAt, now, 'future')
}

/** `expiresAt` (ms) must be later than now. */
export function notExpired(field: string, expiresAt: bigint, now: bigint): void {
  if (expiresAt <= now) throw new TimeOutOfRangeError(field, expiresAt, now, 'expired')
}

/**
 * Decodes untrusted bytes: the size first (before anything is parsed), then the strict wire
 * walk, then protons; any protons failure becomes a MalformedMessageError.
 */
export function decodeChecked<T>(
  kind: string,
  bytes: Uint8Array,
  maxBytes: number,
  schema: WireSchema | undefined,
  decode: (bytes: Uint8Array) => T,
): T {
  if (!(bytes instanceof Uint8Array)) throw new MalformedMessageError(kind, 'not a byte array')
  if (bytes.byteLength > maxBytes) throw new MessageTooLargeError(kind, maxBytes, bytes.byteLength)
  if (schema !== undefined) checkWire(schema, bytes, kind)
  try {
    return decode(bytes)
  } catch (cause) {
    // protons enforces repeated-field limits while decoding, before our own count checks run.
    if (cause instanceof Error && cause.name === 'MaxLengthError') {
      throw new OutOfRangeError(`${kind} repeated field count`, Number.NaN, cause.message)
    }
    throw new MalformedMessageError(kind, cause instanceof Error ? cause.message : 'does not decode', {
      cause,
    })
  }
}
