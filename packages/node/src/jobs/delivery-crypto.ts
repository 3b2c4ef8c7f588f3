/**
 * Pay-for-delivery crypto: the worker encrypts the result under a fresh key and commits to
 * keccak256(key) as the payment's lock hash; revealing the key to get paid is what lets the client
 * decrypt. XChaCha20-Poly1305 with nonce = the first 24 bytes of the (unique) job id.
 */

import { randomBytes } from 'node:crypto'
import { keccak256 } from '@bazaar/protocol'
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { DELIVERY_KEY_BYTES, NONCE_BYTES } from './constants.js'

type Bytes = Uint8Array<ArrayBuffer>

export interface SealedResult {
  key: Bytes
  ciphertext: Bytes
  lockHash: Bytes
  resultHash: Bytes
  ciphertextHash: Bytes
}

export function sealResult(jobId: Uint8Array, result: Uint8Array): SealedResult {
  const key = new Uint8Array(randomBytes(DELIVERY_KEY_BYTES))
  const ciphertext = xchacha20poly1305(key, jobId.subarray(0, NONCE_BYTES)).encrypt(result)
  return {
    key,
    ciphertext: new Uint8Array(ciphertext),
    lockHash: new Uint8Array(keccak256(key)),
    resultHash: new Uint8Array(sha256(result)),
    ciphertextHash: new Uint8Array(sha256(ciphertext)),
  }
}

/** Decrypts a delivery; throws when the key or ciphertext was tampered with. */
export function openResult(jobId: Uint8Array, key: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return xchacha20poly1305(key, jobId.subarray(0, NONCE_BYTES)).decrypt(ciphertext)
}
