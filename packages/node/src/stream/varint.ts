/** Unsigned LEB128 varints for frame length prefixes (at most 2^53 - 1, at most 8 bytes read). */

/** Longest prefix accepted: 8 bytes encode up to 2^56, far above any frame limit. */
export const MAX_VARINT_BYTES = 8

export function encodeUvarint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('varint out of range')
  const out: number[] = []
  let v = value
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80)
    v = Math.floor(v / 0x80)
  }
  out.push(v)
  return Uint8Array.from(out)
}

/**
 * Decodes a varint at the start of `bytes`. Returns `undefined` when more bytes are needed and
 * `null` when the prefix is invalid (too long).
 */
export function decodeUvarint(bytes: Uint8Array): { value: number; length: number } | undefined | null {
  let value = 0
  let scale = 1
  for (let i = 0; i < bytes.length; i++) {
    if (i >= MAX_VARINT_BYTES) return null
    const b = bytes[i]!
    value += (b & 0x7f) * scale
    if ((b & 0x80) === 0) return { value, length: i + 1 }
    scale *= 0x80
  }
  return bytes.length >= MAX_VARINT_BYTES ? null : undefined
}
