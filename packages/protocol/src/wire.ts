/**
 * A strict pre-pass over protobuf bytes, before protons decodes them. protons accepts a wrong
 * wire type on a known field, skips field number 0 and decodes invalid UTF-8 to other text
 * (STACK.md): this walk refuses all three, names the field, and never throws anything but the
 * package's typed errors.
 */
import { isUtf8 } from 'node:buffer'
import { InvalidStringError, MalformedMessageError } from './errors.js'

/** How a field travels: a varint (ints, bools, enums), raw bytes, UTF-8 text, or a nested message. */
export type FieldType = 'varint' | 'bytes' | 'string' | WireSchema

/**
 * Field number -> [name, type, repeated?]. Fields not listed are skipped (proto3 unknown fields).
 * A non-repeated field may appear once; in a `oneof` schema, one field at most.
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

/** Walks `bytes` as a `schema` message; throws MalformedMessageError or InvalidStringError. */
export function checkWire(schema: WireSchema, bytes: Uint8Array, kind = schema.name, depth = 0): void {
  if (depth > 8) throw new MalformedMessageError(kind, 'nesting too deep')
  let pos = 0
  const end = bytes.byteLength
  // Field numbers seen, to refuse a repeated singular field (or a second oneof member).
  let seen: number[] | undefined
  const varint = (): number => {
    let result = 0
    let shift = 0
    for (;;) {
      if (pos >= end) throw new MalformedMessageError(kind, 'truncated varint')
      const b = bytes[pos++]!
      // Past 2^53 the sum is inexact, which only matters for values no length or tag can have.
      result += (b & 0x7f) * 2 ** shift
      if (shift === 63 && b > 1) throw new MalformedMessageError(kind, 'varint longer than 64 bits')
      if ((b & 0x80) === 0) return result
      shift += 7
    }
  }
  while (pos < end) {
    const tag = varint()
    if (tag > 0xffffffff) throw new MalformedMessageError(kind, 'tag longer than 32 bits')
    const fieldNo = Math.floor(tag / 8)
    const wireType = tag % 8
    if (fieldNo === 0) throw new MalformedMessageError(kind, 'field number 0')
    const field = schema.fields[fieldNo]
    if (field !== undefined) {
      const [name, type, repeated] = field
      if (repeated === undefined) {
        seen ??= []
        if (seen.includes(fieldNo) || (schema.oneof === true && seen.length > 0)) {
          throw new MalformedMessageError(
            kind,
            `${schema.name}.${name} appears twice or beside another member`,
          )
        }
        seen.push(fieldNo)
      }
      const expected = type === 'varint' ? VARINT : LEN
      if (wireType !== expected) {
        throw new MalformedMessageError(kind, `${schema.name}.${name} has wire type ${wireType}`)
      }
    }
    switch (wireType) {
      case VARINT:
        varint()
        break
      case I64:
        pos += 8
        break
      case I32:
        pos += 4
        break
      case LEN: {
        const length = varint()
        const start = pos
        pos += length
        if (pos > end) break
        if (field === undefined) break
        const type = field[1]
        if (type === 'string') {
          if (!isUtf8(bytes.subarray(start, pos))) throw new InvalidStringError(`${schema.name}.${field[0]}`)
        } else if (typeof type === 'object') {
          checkWire(type, bytes.subarray(start, pos), kind, depth + 1)
        }
        break
      }
      default:
        throw new MalformedMessageError(kind, `unsupported wire type ${wireType}`)
    }
    if (pos > end) throw new MalformedMessageError(kind, 'field runs past the end')
  }
}
