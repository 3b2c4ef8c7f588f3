/**
 * Row encoding: JSON with tagged bigints (`{"$n":"12"}`) and bytes (`{"$x":"hex"}`), plus a
 * 16-byte checksum per row over (table, key, text), verified on every read: a torn or edited
 * row is reported as StoreCorruptError, never read as a different state.
 */
import { createHash } from 'node:crypto'

/** Serialises a record (plain objects, arrays, strings, numbers, booleans, bigints, bytes). */
export function encodeRecord(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    const raw = (this as Record<string, unknown>)[key]
    if (typeof raw === 'bigint') return { $n: raw.toString() }
    if (raw instanceof Uint8Array)
      return { $x: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('hex') }
    return v
  })
}

/** Parses what {@link encodeRecord} wrote. */
export function decodeRecord<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>
      if (typeof o.$n === 'string') return BigInt(o.$n)
      if (typeof o.$x === 'string') return new Uint8Array(Buffer.from(o.$x, 'hex'))
    }
    return v
  }) as T
}

/** The row checksum. */
export function rowChecksum(table: string, key: Uint8Array | string, text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(table).update(key).update(text).digest().subarray(0, 16))
}

/** Hex of bytes (map keys). */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}
