/**
 * Deliveries: the worker's signed commitment to a result (price, result hash, ciphertext hash,
 * lock hash, lock expiry) under `bazaar/job-delivery/v1`, with the ciphertext beside the body.
 * The worker reveals the key (the lock's preimage) only once the locked payment is acked; a
 * signed delivery plus a key that does not decrypt to `result_hash` is the fraud proof.
 * Encryption itself is the node's; the commitments are defined here.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { keccak256 } from '../channel/abi.js'
import {
  DELIVERY_VERSION,
  HASH_LENGTH,
  ID_LENGTH,
  MAX_ASSET_BYTES,
  MAX_CONTENT_TYPE_BYTES,
  MAX_JOB_FRAME_BYTES,
  PEER_KEY_LENGTH,
  PREIMAGE_LENGTH,
} from '../constants.js'
import { bytesEqual } from '../crypto/secp256k1.js'
import { type Envelope, signedKind, type VerifyOptions } from '../envelope.js'
import { MismatchError } from '../errors.js'
import { Delivery, DeliveryBody } from '../pb/job.js'
import { DeliveryBodySchema, DeliverySchema } from '../schemas.js'
import { SigningDomain } from '../signing.js'
import {
  notExpired,
  notFuture,
  requireBytes,
  requireString,
  requireTime,
  requireVersion,
} from '../validate.js'

/** Validates every field of a delivery body (also run before signing). */
export function checkDeliveryBody(body: DeliveryBody): void {
  requireVersion('delivery', body.version, DELIVERY_VERSION)
  requireBytes('delivery.jobId', body.jobId, ID_LENGTH)
  requireBytes('delivery.workerKey', body.workerKey, PEER_KEY_LENGTH)
  requireBytes('delivery.clientKey', body.clientKey, PEER_KEY_LENGTH)
  requireString('delivery.asset', body.asset, MAX_ASSET_BYTES)
  requireBytes('delivery.resultHash', body.resultHash, HASH_LENGTH)
  requireBytes('delivery.ciphertextHash', body.ciphertextHash, HASH_LENGTH)
  requireBytes('delivery.lockHash', body.lockHash, HASH_LENGTH)
  requireString('delivery.contentType', body.contentType, MAX_CONTENT_TYPE_BYTES, false)
  requireTime('delivery.lockExpiry', body.lockExpiry)
  requireTime('delivery.issuedAt', body.issuedAt)
}

const kind = signedKind<DeliveryBody>({
  kind: 'delivery',
  domain: SigningDomain.delivery,
  maxBytes: MAX_JOB_FRAME_BYTES,
  bodySchema: DeliveryBodySchema,
  envelopeSchema: DeliverySchema,
  encodeBody: (b) => DeliveryBody.encode(b),
  decodeBody: (b) => DeliveryBody.decode(b),
  check: checkDeliveryBody,
  signer: (b) => b.workerKey,
  times: (b, now, skew) => {
    notFuture('delivery.issuedAt', b.issuedAt, now, skew)
    // lock_expiry is in unix seconds: a lock that would already have expired cannot pay.
    notExpired('delivery.lockExpiry', b.lockExpiry * 1000n, now)
  },
})

/** Encodes a delivery body (its canonical bytes). */
export const encodeDeliveryBody: (body: DeliveryBody) => Uint8Array = kind.encodeBody
/** Decodes and validates a delivery body. */
export const decodeDeliveryBody: (bytes: Uint8Array, maxBytes?: number) => DeliveryBody = kind.decodeBody

/** Encodes a signed delivery with its ciphertext. */
export function encodeDelivery(delivery: Delivery): Uint8Array<ArrayBuffer> {
  return Delivery.encode(delivery)
}

/** Decodes a delivery's envelope (with the ciphertext); {@link verifyDelivery} opens the body. */
export function decodeDelivery(bytes: Uint8Array, maxBytes?: number): Delivery {
  return kind.decodeEnvelope(bytes, (b) => Delivery.decode(b), maxBytes)
}

/** Signs a delivery body with the worker's peer key and attaches the ciphertext. */
export function signDelivery(body: DeliveryBody, ciphertext: Uint8Array, privateKey: Uint8Array): Delivery {
  if (!bytesEqual(ciphertextHashOf(ciphertext), body.ciphertextHash)) {
    throw new MismatchError('delivery.ciphertextHash', 'is not sha256 of the ciphertext')
  }
  return { ...(kind.sign(body, privateKey) as Envelope), ciphertext } as Delivery
}

/**
 * Verifies a delivery: body valid, signed by `workerKey`, issued no later than now + skew, lock
 * expiry ahead, and the attached ciphertext is the one committed to.
 */
export function verifyDelivery(delivery: Delivery, opts?: VerifyOptions): DeliveryBody {
  const body = kind.verify(delivery, opts)
  if (!bytesEqual(ciphertextHashOf(delivery.ciphertext), body.ciphertextHash)) {
    throw new MismatchError('delivery.ciphertextHash', 'is not sha256 of the attached ciphertext')
  }
  return body
}

/** `result_hash`: sha256 of the plaintext result. */
export function resultHashOf(plaintext: Uint8Array): Uint8Array<ArrayBuffer> {
  return sha256(plaintext)
}

/** `ciphertext_hash`: sha256 of the ciphertext. */
export function ciphertextHashOf(ciphertext: Uint8Array): Uint8Array<ArrayBuffer> {
  return sha256(ciphertext)
}

/** `lock_hash`: keccak256 of the 32-byte content key (what the contract checks a preimage with). */
export function lockHashOf(key: Uint8Array): Uint8Array<ArrayBuffer> {
  requireBytes('key', key, PREIMAGE_LENGTH)
  return keccak256(key)
}

/** Checks a revealed key against the delivery's lock hash. */
export function checkRevealedKey(body: DeliveryBody, key: Uint8Array): void {
  if (!bytesEqual(lockHashOf(key), body.lockHash)) {
    throw new MismatchError('reveal.key', 'keccak256(key) is not the delivery lock hash')
  }
}

/** Checks a decrypted result against the delivery's result hash. */
export function checkResult(body: DeliveryBody, plaintext: Uint8Array): void {
  if (!bytesEqual(resultHashOf(plaintext), body.resultHash)) {
    throw new MismatchError('delivery.resultHash', 'the decrypted result does not match the commitment')
  }
}
