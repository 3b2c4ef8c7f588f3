/**
 * A strict pre-pass over protobuf bytes, before protons decodes them. protons accepts a wrong
 * wire type on a known field, skips field number 0 and decodes invalid UTF-8 to other text
 * (STACK.md): this walk refuses all three, names the field, and never throws anything but the
 * package's typed errors.
 */
import { isUtf8 } from 'node:buffer'
import { InvalidStringError, MalformedMessageError, OutOfRangeError } from './errors.js'

/**
 * How a field travels: a varint (uint64, bool), a varint that must fit 32 bits (uint32 and enums,
 * which protons would silently truncate), raw bytes, UTF-8 text, or a nested message.
 */
export type FieldType = 'varint' | 'u32' | 'bytes' | 'string' | WireSchema

/**
 * Field number -> [name, type, repeated?]. Fields not listed are skipped (proto3 unknown fields).
 * A non-repeated field may appear once; in a `oneof` schema, one field at most. Field numbers
 * of singular fields must be below 31.
 */
export interface WireSchema {
  readonly name: string
  readonly fields: Readonly<Record<number, readonly [string, FieldType, 'repeated'?]>>
  readonly oneof?: boolean
}

const VARINT = 0
const I64 = 1
const LEN = 2
const I32 = 5

// Read position of the walk: module state instead of a closure, so the hot path allocates nothing.
let cursor = 0

function varint(bytes: Uint8Array, end: number, kind: string): number {
  let result = 0
  for (let shift = 0; ; shift += 7) {
    if (cursor >= end) throw new MalformedMessageError(kind, 'truncated varint')
    const b = bytes[cursor++]!
    // The 10th byte holds bit 63 only: anything more is a value protons would silently truncate.
    if (shift === 63 && b > 1) throw new MalformedMessageError(kind, 'varint longer than 64 bits')
    // Past 2^53 the sum is inexact, which only matters for values no length or tag can have.
    result += (b & 0x7f) * 2 ** shift
    if (b < 0x80) return result
  }
}

/** Walks `bytes` as a `schema` message; throws MalformedMessageError or InvalidStringError. */
export function checkWire(schema: WireSchema, bytes: Uint8Array, kind = schema.name): void {
  cursor = 0
  walk(schema, bytes, bytes.byteLength, kind, 0)
}

function walk(schema: WireSchema, bytes: Uint8Array, end: number, kind: string, depth: number): void {
  if (depth > 8) throw new MalformedMessageError(kind, 'nesting too deep')
  // Singular fields seen so far, as a bit set (every Bazaar message numbers its fields below 31).
  let seen = 0
  while (cursor < end) {
    const tag = varint(bytes, end, kind)
    if (tag > 0xffffffff) throw new MalformedMessageError(kind, 'tag longer than 32 bits')
    const fieldNo = Math.floor(tag / 8)
    const wireType = tag % 8
    if (fieldNo === 0) throw new MalformedMessageError(kind, 'field number 0')
    const field = schema.fields[fieldNo]
    if (field !== undefined) {
      const [name, type, repeated] = field
      if (wireType !== (type === 'varint' || type === 'u32' ? VARINT : LEN)) {
        throw new MalformedMessageError(kind, `${schema.name}.${name} has wire type ${wireType}`)
      }
      if (repeated === undefined && fieldNo < 31) {
        const bit = 1 << fieldNo
        if ((seen & bit) !== 0 || (schema.oneof === true && seen !== 0)) {
          throw new MalformedMessageError(
            kind,
            `${schema.name}.${name} appears twice or beside another member`,
          )
        }
        seen |= bit
      }
    }
    switch (wireType) {
      case VARINT: {
        const value = varint(bytes, end, kind)
        if (value > 0xffffffff && field !== undefined && field[1] === 'u32') {
          throw new OutOfRangeError(`${schema.name}.${field[0]}`, value, 'uint32')
        }
        break
      }
      case I64:
        cursor += 8
        break
      case I32:
        cursor += 4
        break
      case LEN: {
        const length = varint(bytes, end, kind)
        const start = cursor
        if (length > end - start) throw new MalformedMessageError(kind, 'field runs past the end')
        if (field !== undefined) {
          const type = field[1]
          if (type === 'string') {
            if (!isUtf8(bytes.subarray(start, start + length))) {
              throw new InvalidStringError(`${schema.name}.${field[0]}`)
            }
          } else if (typeof type === 'object') {
            walk(type, bytes, start + length, kind, depth + 1)
          }
        }
        cursor = start + length
        break
      }
      default:
        throw new MalformedMessageError(kind, `unsupported wire type ${wireType}`)
    }
    if (cursor > end) throw new MalformedMessageError(kind, 'field runs past the end')
  }
}
