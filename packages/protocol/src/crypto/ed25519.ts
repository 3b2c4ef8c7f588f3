/**
 * Ed25519 over Node's native crypto (the hot path), with @noble/ed25519 as the portable
 * implementation used to cross-check in tests. Keys are raw: a 32-byte seed (private) and a
 * 32-byte public key, the same key that backs the agent's libp2p peer id.
 */
import { createPrivateKey, createPublicKey, type KeyObject, randomBytes, sign, verify } from 'node:crypto'
import * as noble from '@noble/ed25519'
import { sha512 } from '@noble/hashes/sha2.js'
import { InvalidLengthError } from '../errors.js'

noble.hashes.sha512 = sha512

export const ED25519_PUBLIC_KEY_LENGTH = 32
export const ED25519_PRIVATE_KEY_LENGTH = 32
export const ED25519_SIGNATURE_LENGTH = 64

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

/** A raw Ed25519 key pair. */
export interface PeerKeyPair {
  /** 32-byte public key. */
  publicKey: Uint8Array
  /** 32-byte private seed. Never log it. */
  privateKey: Uint8Array
}

/** Checks a byte length at a public boundary (like noble's `abytes`). */
export function assertLength(field: string, value: Uint8Array, length: number): void {
  if (!(value instanceof Uint8Array) || value.byteLength !== length) {
    throw new InvalidLengthError(field, length, value instanceof Uint8Array ? value.byteLength : -1)
  }
}

// KeyObject construction costs more than a verify's hashing: keep a bounded cache per key.
const MAX_CACHED_KEYS = 4096
const publicKeys = new Map<string, KeyObject>()
const privateKeys = new WeakMap<Uint8Array, KeyObject>()
// Signing checks the seed against the signer a body names: deriving the public key is a key
// export each time (about 40 µs here), as much as half a signature, so remember it per seed.
const derivedPublicKeys = new WeakMap<Uint8Array, Uint8Array<ArrayBuffer>>()

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('base64')
  let key = publicKeys.get(id)
  if (key === undefined) {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })
    if (publicKeys.size >= MAX_CACHED_KEYS) {
      const oldest = publicKeys.keys().next().value
      if (oldest !== undefined) publicKeys.delete(oldest)
    }
    publicKeys.set(id, key)
  }
  return key
}

function privateKeyObject(privateKey: Uint8Array): KeyObject {
  let key = privateKeys.get(privateKey)
  if (key === undefined) {
    key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, privateKey]), format: 'der', type: 'pkcs8' })
    privateKeys.set(privateKey, key)
  }
  return key
}

/** Creates a fresh key pair from the OS's randomness. */
export function generatePeerKeyPair(): PeerKeyPair & {
  publicKey: Uint8Array<ArrayBuffer>
  privateKey: Uint8Array<ArrayBuffer>
} {
  const privateKey = new Uint8Array(randomBytes(ED25519_PRIVATE_KEY_LENGTH))
  return { privateKey, publicKey: ed25519PublicKey(privateKey) }
}

/** Derives the 32-byte public key of a 32-byte seed. */
export function ed25519PublicKey(privateKey: Uint8Array): Uint8Array<ArrayBuffer> {
  assertLength('privateKey', privateKey, ED25519_PRIVATE_KEY_LENGTH)
  let publicKey = derivedPublicKeys.get(privateKey)
  if (publicKey === undefined) {
    const der = createPublicKey(privateKeyObject(privateKey)).export({ format: 'der', type: 'spki' })
    publicKey = new Uint8Array(der.subarray(SPKI_PREFIX.byteLength))
    derivedPublicKeys.set(privateKey, publicKey)
  }
  // A copy: callers own what they get, and the cached key must stay as derived.
  return new Uint8Array(publicKey)
}

/** Signs with node:crypto. */
export function ed25519Sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array<ArrayBuffer> {
  assertLength('privateKey', privateKey, ED25519_PRIVATE_KEY_LENGTH)
  return new Uint8Array(sign(null, message, privateKeyObject(privateKey)))
}

/** Verifies with node:crypto. Wrong lengths are a verification failure, not an exception. */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (
    publicKey.byteLength !== ED25519_PUBLIC_KEY_LENGTH ||
    signature.byteLength !== ED25519_SIGNATURE_LENGTH
  ) {
    return false
  }
  try {
    return verify(null, message, publicKeyObject(publicKey), signature)
  } catch {
    return false
  }
}

/** Portable signing (@noble/ed25519), byte-identical to {@link ed25519Sign}. */
export function nobleEd25519Sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array<ArrayBuffer> {
  assertLength('privateKey', privateKey, ED25519_PRIVATE_KEY_LENGTH)
  return noble.sign(message, privateKey)
}

/** Portable verification (@noble/ed25519, ZIP-215 off: RFC 8032 strict like node:crypto). */
export function nobleEd25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (
    publicKey.byteLength !== ED25519_PUBLIC_KEY_LENGTH ||
    signature.byteLength !== ED25519_SIGNATURE_LENGTH
  ) {
    return false
  }
  try {
    return noble.verify(signature, message, publicKey, { zip215: false })
  } catch {
    return false
  }
}
