// Hand-written (not generated): protons-runtime 7.1.2 encodes a uint64 in [2^31, 2^32) wrongly
// (LongBits keeps the low word signed, so the varint writer emits one byte and pads with zeros).
// scripts/patch-pb.mjs routes every generated `w.uint64(...)` through this function, which
// writes values up to 2^53 - 1 through the number path (correct) and larger ones as before
// (their high word is non-zero, which the buggy path handles). Remove once protons-runtime is fixed.
import type { Writer } from 'protons-runtime'

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

export function writeUint64(w: Writer, value: bigint): void {
  if (value >= 0n && value <= MAX_SAFE) w.uint64Number(Number(value))
  else w.uint64(value)
}
