/** Minimal ABI encoding of static words, enough for EIP-712 and `abi.encode` of fixed types. */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { assertLength } from '../crypto/ed25519.js'
import { OutOfRangeError } from '../errors.js'

export const WORD = 32
const MAX_UINT256 = (1n << 256n) - 1n

/** Writes an unsigned integer as a big-endian 32-byte word at `offset`. */
export function writeUint(out: Uint8Array, offset: number, value: bigint, bits = 256, field = 'uint'): void {
  if (value < 0n || value > (bits === 256 ? MAX_UINT256 : (1n << BigInt(bits)) - 1n)) {
    throw new OutOfRangeError(field, value, `uint${bits}`)
  }
  let v = value
  for (let i = offset + WORD - 1; i >= offset && v > 0n; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
}

/** Writes a 32-byte value as a word. */
export function writeBytes32(out: Uint8Array, offset: number, value: Uint8Array, field: string): void {
  assertLength(field, value, 32)
  out.set(value, offset)
}

/** Writes a 20-byte address right-aligned in a word. */
export function writeAddress(out: Uint8Array, offset: number, value: Uint8Array, field: string): void {
  assertLength(field, value, 20)
  out.set(value, offset + 12)
}

/** keccak256 of a UTF-8 string. */
export function keccakText(text: string): Uint8Array {
  return keccak_256(new TextEncoder().encode(text))
}

export { keccak_256 as keccak256 }
