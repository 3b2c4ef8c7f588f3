/**
 * Receipts: one body naming the job, skill, price paid, result hash and the channel update that
 * paid (channel, sequence, state hash), signed by both the client and the worker under
 * `bazaar/receipt/v1`. The client signs first (in Pay), the worker second (in Reveal).
 */

import {
  ED25519_SIGNATURE_BYTES,
  HASH_LENGTH,
  ID_LENGTH,
  MAX_ASSET_BYTES,
  MAX_RECEIPT_BYTES,
  MAX_SKILL_ID_BYTES,
  MAX_SKILL_VERSION_BYTES,
  PEER_KEY_LENGTH,
  RECEIPT_VERSION,
} from '../constants.js'
import { ed25519PublicKey } from '../crypto/ed25519.js'
import { bytesEqual } from '../crypto/secp256k1.js'
import { BadSignatureError, MismatchError, MissingFieldError } from '../errors.js'
import { type DeliveryBody, type JobRequestBody, Receipt, ReceiptBody } from '../pb/job.js'
import { ReceiptBodySchema, ReceiptSchema } from '../schemas.js'
import { SigningDomain, signBody, verifyBody } from '../signing.js'
import {
  clock,
  decodeChecked,
  notFuture,
  requireBytes,
  requireString,
  requireTime,
  requireVersion,
  type TimeOptions,
} from '../validate.js'

/** Which party a receipt signature is from. */
export type ReceiptRole = 'client' | 'worker'

/** Validates every field of a receipt body (also run before signing). */
export function checkReceiptBody(body: ReceiptBody): void {
  requireVersion('receipt', body.version, RECEIPT_VERSION)
  requireBytes('receipt.jobId', body.jobId, ID_LENGTH)
  requireBytes('receipt.clientKey', body.clientKey, PEER_KEY_LENGTH)
  requireBytes('receipt.workerKey', body.workerKey, PEER_KEY_LENGTH)
  if (bytesEqual(body.clientKey, body.workerKey)) {
    throw new MismatchError('receipt.workerKey', 'client and worker are the same key')
  }
  requireString('receipt.skill', body.skill, MAX_SKILL_ID_BYTES)
  requireString('receipt.skillVersion', body.skillVersion, MAX_SKILL_VERSION_BYTES, false)
  requireString('receipt.asset', body.asset, MAX_ASSET_BYTES)
  requireBytes('receipt.resultHash', body.resultHash, HASH_LENGTH)
  requireBytes('receipt.channelId', body.channelId, ID_LENGTH)
  if (body.sequence === 0n) throw new MissingFieldError('receipt.sequence')
  requireBytes('receipt.stateHash', body.stateHash, HASH_LENGTH)
  requireTime('receipt.completedAt', body.completedAt)
}

/** The payment a receipt names: the channel update that carried the job's lock. */
export interface ReceiptPayment {
  channelId: Uint8Array
  sequence: bigint
  /** EIP-712 digest of that update. */
  stateHash: Uint8Array
}

/** Builds the receipt body of a job from its request, its delivery and the payment. */
export function receiptBody(
  request: JobRequestBody,
  delivery: DeliveryBody,
  payment: ReceiptPayment,
  completedAt: bigint,
): ReceiptBody {
  if (!bytesEqual(request.jobId, delivery.jobId))
    throw new MismatchError('delivery.jobId', 'not the request job')
  if (
    !bytesEqual(request.workerKey, delivery.workerKey) ||
    !bytesEqual(request.clientKey, delivery.clientKey)
  ) {
    throw new MismatchError('delivery parties', 'not the request parties')
  }
  const body: ReceiptBody = {
    version: RECEIPT_VERSION,
    jobId: request.jobId,
    clientKey: request.clientKey,
    workerKey: request.workerKey,
    skill: request.skill,
    skillVersion: request.skillVersion,
    price: delivery.price,
    asset: delivery.asset,
    resultHash: delivery.resultHash,
    channelId: payment.channelId as Uint8Array<ArrayBuffer>,
    sequence: payment.sequence,
    stateHash: payment.stateHash as Uint8Array<ArrayBuffer>,
    completedAt,
  }
  checkReceiptBody(body)
  return body
}

/** Encodes a receipt body (its canonical bytes, which both parties sign). */
export function encodeReceiptBody(body: ReceiptBody): Uint8Array<ArrayBuffer> {
  return ReceiptBody.encode(body)
}

/** Decodes and validates a receipt body. */
export function decodeReceiptBody(bytes: Uint8Array, maxBytes = MAX_RECEIPT_BYTES): ReceiptBody {
  const body = decodeChecked('receipt body', bytes, maxBytes, ReceiptBodySchema, (b) => ReceiptBody.decode(b))
  checkReceiptBody(body)
  return body
}

/** Encodes a dual-signed receipt. */
export function encodeReceipt(receipt: Receipt): Uint8Array<ArrayBuffer> {
  return Receipt.encode(receipt)
}

/** Decodes a receipt's envelope (body and both 64-byte signatures); {@link verifyReceipt} opens it. */
export function decodeReceipt(bytes: Uint8Array, maxBytes = MAX_RECEIPT_BYTES): Receipt {
  const receipt = decodeChecked('receipt', bytes, maxBytes, ReceiptSchema, (b) => Receipt.decode(b))
  if (receipt.body.byteLength === 0) throw new MissingFieldError('receipt.body')
  requireBytes('receipt.clientSignature', receipt.clientSignature, ED25519_SIGNATURE_BYTES)
  requireBytes('receipt.workerSignature', receipt.workerSignature, ED25519_SIGNATURE_BYTES)
  return receipt
}

/**
 * Signs a receipt body (encoded or not) as one of its parties; returns the 64-byte signature.
 * Refuses a key that is not the party's key named in the body.
 */
export function signReceipt(
  body: ReceiptBody | Uint8Array,
  role: ReceiptRole,
  privateKey: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const decoded = body instanceof Uint8Array ? decodeReceiptBody(body) : body
  if (!(body instanceof Uint8Array)) checkReceiptBody(decoded)
  const bytes = body instanceof Uint8Array ? body : ReceiptBody.encode(body)
  const party = role === 'client' ? decoded.clientKey : decoded.workerKey
  if (!bytesEqual(ed25519PublicKey(privateKey), party)) {
    throw new MismatchError(`receipt ${role}`, `the private key is not the ${role} key of the receipt`)
  }
  return signBody(SigningDomain.receipt, bytes, privateKey)
}

/** Verifies one party's signature over receipt body bytes as received (the half-signed phase). */
export function verifyReceiptSignature(
  bodyBytes: Uint8Array,
  signature: Uint8Array,
  role: ReceiptRole,
): ReceiptBody {
  const body = decodeReceiptBody(bodyBytes)
  checkPartySignature(body, bodyBytes, signature, role)
  return body
}

function checkPartySignature(
  body: ReceiptBody,
  bytes: Uint8Array,
  signature: Uint8Array,
  role: ReceiptRole,
): void {
  requireBytes(`receipt.${role}Signature`, signature, ED25519_SIGNATURE_BYTES)
  const key = role === 'client' ? body.clientKey : body.workerKey
  if (!verifyBody(SigningDomain.receipt, bytes, key, signature))
    throw new BadSignatureError(`receipt (${role})`)
}

/** Verifies a dual-signed receipt: body valid, both signatures, completed no later than now + skew. */
export function verifyReceipt(receipt: Receipt, opts?: TimeOptions): ReceiptBody {
  const body = decodeReceiptBody(receipt.body)
  checkPartySignature(body, receipt.body, receipt.clientSignature, 'client')
  checkPartySignature(body, receipt.body, receipt.workerSignature, 'worker')
  const { now, skew } = clock(opts)
  notFuture('receipt.completedAt', body.completedAt, now, skew)
  return body
}
