/** Minimal ABI encoding of static words, enough for EIP-712 and `abi.encode` of fixed types. */
import { hash } from 'node:crypto'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { assertLength } from '../crypto/ed25519.js'
import { OutOfRangeError } from '../errors.js'

export const WORD = 32
const KECCAK_EMPTY = 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'
const MAX_UINT256 = (1n << 256n) - 1n

const MAX_UINT64 = (1n << 64n) - 1n
const MAX_BY_BITS = new Map<number, bigint>([
  [64, MAX_UINT64],
  [256, MAX_UINT256],
])

/** Writes an unsigned integer as a big-endian 32-byte word at `offset` (every byte of the word). */
export function writeUint(out: Uint8Array, offset: number, value: bigint, bits = 256, field = 'uint'): void {
  let max = MAX_BY_BITS.get(bits)
  if (max === undefined) {
    max = (1n << BigInt(bits)) - 1n
    MAX_BY_BITS.set(bits, max)
  }
  if (value < 0n || value > max) throw new OutOfRangeError(field, value, `uint${bits}`)
  if (value <= MAX_UINT64) {
    // Every amount, sequence and time on the wire is a uint64: one native store, no BigInt loop.
    out.fill(0, offset, offset + WORD - 8)
    new DataView(out.buffer, out.byteOffset + offset + WORD - 8, 8).setBigUint64(0, value)
    return
  }
  let v = value
  for (let i = offset + WORD - 1; i >= offset; i--) {
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
export function keccakText(text: string): Uint8Array<ArrayBuffer> {
  return keccak256(new TextEncoder().encode(text))
}

// Node's OpenSSL (3.2 and later) has Keccak-256: about five times faster than JS per hash, which
// matters because an update costs five hashes beside one sign and one recover.
const NATIVE_KECCAK = ((): boolean => {
  try {
    return hash('keccak-256', new Uint8Array(0), 'hex') === KECCAK_EMPTY
  } catch {
    return false
  }
})()

/** keccak256 (Ethereum's pre-standard SHA-3): native where Node has it, @noble/hashes otherwise. */
export function keccak256(data: Uint8Array): Uint8Array<ArrayBuffer> {
  if (!NATIVE_KECCAK) return keccak_256(data)
  const out = hash('keccak-256', data, 'buffer')
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
}

/** keccak256 through @noble/hashes only: the portable implementation, for cross-checks. */
export function nobleKeccak256(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return keccak_256(data)
}
