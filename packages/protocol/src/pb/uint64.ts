// Hand-written (not generated): uint64 fast and correct paths for the protons codecs.
// - protons-runtime 7.1.2 encodes a uint64 in [2^31, 2^32) wrongly (LongBits keeps the low word
//   signed, so the varint writer emits one byte and pads with zeros). `writeUint64` writes values
//   up to 2^53 - 1 through the number path (correct) and larger ones as before (their high word
//   is non-zero, which the buggy path handles).
// - Its reader turns every uint64 into a BigInt through three BigInt operations; `readUint64`
//   reads varints of up to 7 bytes (49 bits, exact in a double) directly, and defers to protons
//   for longer ones. Decoding is the payment hot path.
// scripts/patch-pb.mjs routes every generated `w.uint64(...)` and `reader.uint64()` through here.
// Remove once protons-runtime is fixed.
import type { Reader, Writer } from 'protons-runtime'

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

export function writeUint64(w: Writer, value: bigint): void {
  if (value >= 0n && value <= MAX_SAFE) w.uint64Number(Number(value))
  else w.uint64(value)
}

export function readUint64(reader: Reader): bigint {
  const { buf, len } = reader
  let pos = reader.pos
  let value = 0
  for (let shift = 0; shift < 49; shift += 7) {
    if (pos >= len) throw new RangeError(`index out of range: ${pos} + 1 > ${len}`)
    const byte = buf[pos++]!
    value += (byte & 0x7f) * 2 ** shift
    if (byte < 0x80) {
      reader.pos = pos
      return BigInt(value)
    }
  }
  return reader.uint64()
}
