/**
 * Hash locks and their Merkle root. Leaves keep the order of the update's `locks` field; pairs
 * are hashed sorted (so a proof needs no left/right flags) and an odd node is promoted unchanged.
 */
import { bytesEqual } from '../crypto/secp256k1.js'
import { keccak256, WORD, writeBytes32, writeUint } from './abi.js'

/** A lock: `amount` is payable to the payee with the preimage of `hash` before `expiry`. */
export interface HashLock {
  /** keccak256(preimage), 32 bytes. */
  hash: Uint8Array
  amount: bigint
  /** Unix seconds. */
  expiry: bigint
  /** 32-byte job id the lock pays for. */
  jobId: Uint8Array
}

export const ZERO_ROOT: Uint8Array<ArrayBuffer> = new Uint8Array(32)

// Leaves by lock hash: a lock stays open across several updates, and both sides hash it each
// time. Keyed by the hash's first 6 bytes (no allocation); a hit is used only when every field
// matches. Bounded; cleared when full.
const MAX_CACHED_LEAVES = 4096
interface CachedLeaf {
  hash: Uint8Array
  amount: bigint
  expiry: bigint
  jobId: Uint8Array
  leaf: Uint8Array<ArrayBuffer>
}
const leaves = new Map<number, CachedLeaf>()

/** The first 6 bytes of a hash as a number: a cache key, not an identity. */
export function shortKey(bytes: Uint8Array, from = 0): number {
  return (
    bytes[from]! * 2 ** 40 +
    bytes[from + 1]! * 2 ** 32 +
    bytes[from + 2]! * 2 ** 24 +
    bytes[from + 3]! * 2 ** 16 +
    bytes[from + 4]! * 2 ** 8 +
    bytes[from + 5]!
  )
}

/** `keccak256(abi.encode(hash, amount, expiry, jobId))`. */
export function lockLeaf(lock: HashLock): Uint8Array<ArrayBuffer> {
  const key = lock.hash.byteLength === 32 ? shortKey(lock.hash) : -1
  const hit = leaves.get(key)
  if (
    hit !== undefined &&
    hit.amount === lock.amount &&
    hit.expiry === lock.expiry &&
    bytesEqual(hit.hash, lock.hash) &&
    bytesEqual(hit.jobId, lock.jobId)
  ) {
    return hit.leaf
  }
  const buf = new Uint8Array(4 * WORD)
  writeBytes32(buf, 0, lock.hash, 'lock.hash')
  writeUint(buf, WORD, lock.amount, 256, 'lock.amount')
  writeUint(buf, 2 * WORD, lock.expiry, 64, 'lock.expiry')
  writeBytes32(buf, 3 * WORD, lock.jobId, 'lock.jobId')
  const leaf = keccak256(buf)
  if (leaves.size >= MAX_CACHED_LEAVES) leaves.clear()
  leaves.set(key, {
    hash: Uint8Array.from(lock.hash),
    amount: lock.amount,
    expiry: lock.expiry,
    jobId: Uint8Array.from(lock.jobId),
    leaf,
  })
  return leaf
}

function hashPair(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const buf = new Uint8Array(2 * WORD)
  if (Buffer.compare(a, b) <= 0) {
    buf.set(a, 0)
    buf.set(b, WORD)
  } else {
    buf.set(b, 0)
    buf.set(a, WORD)
  }
  return keccak256(buf)
}

function nextLevel(level: Uint8Array<ArrayBuffer>[]): Uint8Array<ArrayBuffer>[] {
  const next: Uint8Array<ArrayBuffer>[] = []
  for (let i = 0; i < level.length; i += 2) {
    const right = level[i + 1]
    next.push(right === undefined ? level[i]! : hashPair(level[i]!, right))
  }
  return next
}

/** The Merkle root over the locks; 32 zero bytes for none. */
export function locksRoot(locks: readonly HashLock[]): Uint8Array<ArrayBuffer> {
  if (locks.length === 0) return ZERO_ROOT
  let level = locks.map(lockLeaf)
  while (level.length > 1) level = nextLevel(level)
  return level[0]!
}

/** The sibling path proving `locks[index]` against {@link locksRoot}. */
export function lockProof(locks: readonly HashLock[], index: number): Uint8Array<ArrayBuffer>[] {
  if (index < 0 || index >= locks.length) throw new RangeError(`lock index ${index} out of range`)
  const proof: Uint8Array<ArrayBuffer>[] = []
  let level = locks.map(lockLeaf)
  let i = index
  while (level.length > 1) {
    const sibling = i % 2 === 0 ? level[i + 1] : level[i - 1]
    if (sibling !== undefined) proof.push(sibling)
    level = nextLevel(level)
    i = Math.floor(i / 2)
  }
  return proof
}

/** Checks a proof the way the contract does. */
export function verifyLockProof(root: Uint8Array, lock: HashLock, proof: readonly Uint8Array[]): boolean {
  let node = lockLeaf(lock)
  for (const sibling of proof) node = hashPair(node, sibling)
  return bytesEqual(node, root)
}

/** True when `keccak256(preimage)` is the lock's hash. */
export function preimageMatches(lock: HashLock, preimage: Uint8Array): boolean {
  return preimage.byteLength === 32 && bytesEqual(keccak256(preimage), lock.hash)
}
