/**
 * Reputation attestations: a party to a paid job rates the other, signed under
 * `bazaar/attestation/v1`, resting on the job's dual-signed receipt, so nobody can rate a job
 * that did not happen and was not paid. Also the catch-up frames of `/bazaar/reputation-sync/1.0.0`.
 */
import {
  ATTESTATION_VERSION,
  ID_LENGTH,
  MAX_ATTESTATION_BYTES,
  MAX_RATING,
  MAX_RECEIPT_BYTES,
  MAX_SKILL_ID_BYTES,
  MAX_SYNC_ATTESTATIONS,
  MAX_SYNC_REQUEST_BYTES,
  MAX_SYNC_RESPONSE_BYTES,
  PEER_KEY_LENGTH,
} from './constants.js'
import { bytesEqual } from './crypto/secp256k1.js'
import { type Envelope, signedKind, type VerifyOptions } from './envelope.js'
import { MismatchError, TimeOutOfRangeError } from './errors.js'
import { decodeReceipt, decodeReceiptBody, verifyReceipt } from './job/receipt.js'
import type { ReceiptBody } from './pb/job.js'
import { Attestation, AttestationBody, SyncRequest, SyncResponse } from './pb/reputation.js'
import { AttestationBodySchema, EnvelopeSchema, SyncRequestSchema, SyncResponseSchema } from './schemas.js'
import { SigningDomain } from './signing.js'
import {
  clock,
  decodeChecked,
  notFuture,
  requireBlob,
  requireBytes,
  requireCount,
  requireRange,
  requireString,
  requireTime,
  requireVersion,
} from './validate.js'

/** Validates every field of an attestation body (also run before signing). */
export function checkAttestationBody(body: AttestationBody): void {
  requireVersion('attestation', body.version, ATTESTATION_VERSION)
  requireBytes('attestation.attesterKey', body.attesterKey, PEER_KEY_LENGTH)
  requireBytes('attestation.subjectKey', body.subjectKey, PEER_KEY_LENGTH)
  if (bytesEqual(body.attesterKey, body.subjectKey)) {
    throw new MismatchError('attestation.subjectKey', 'an agent cannot attest about itself')
  }
  requireBytes('attestation.jobId', body.jobId, ID_LENGTH)
  requireString('attestation.skill', body.skill, MAX_SKILL_ID_BYTES)
  requireBlob('attestation.receipt', body.receipt, MAX_RECEIPT_BYTES)
  requireRange('attestation.rating', body.rating, 0, MAX_RATING)
  requireTime('attestation.issuedAt', body.issuedAt)
}

/** The attestation must name the receipt's job and skill, and its parties the receipt's parties. */
export function checkAttestationMatchesReceipt(body: AttestationBody, receipt: ReceiptBody): void {
  const attesterIsClient = bytesEqual(body.attesterKey, receipt.clientKey)
  const attesterIsWorker = bytesEqual(body.attesterKey, receipt.workerKey)
  if (!attesterIsClient && !attesterIsWorker) {
    throw new MismatchError('attestation.attesterKey', 'the attester is not a party to the receipt')
  }
  const other = attesterIsClient ? receipt.workerKey : receipt.clientKey
  if (!bytesEqual(body.subjectKey, other)) {
    throw new MismatchError('attestation.subjectKey', 'the subject is not the other party to the receipt')
  }
  if (!bytesEqual(body.jobId, receipt.jobId))
    throw new MismatchError('attestation.jobId', 'not the receipt job')
  if (body.skill !== receipt.skill) throw new MismatchError('attestation.skill', 'not the receipt skill')
}

const kind = signedKind<AttestationBody>({
  kind: 'attestation',
  domain: SigningDomain.attestation,
  maxBytes: MAX_ATTESTATION_BYTES,
  bodySchema: AttestationBodySchema,
  envelopeSchema: EnvelopeSchema,
  encodeBody: (b) => AttestationBody.encode(b),
  decodeBody: (b) => AttestationBody.decode(b),
  check: checkAttestationBody,
  signer: (b) => b.attesterKey,
  times: (b, now, skew) => notFuture('attestation.issuedAt', b.issuedAt, now, skew),
})

/** Encodes an attestation body (its canonical bytes). */
export const encodeAttestationBody: (body: AttestationBody) => Uint8Array = kind.encodeBody
/** Decodes and validates an attestation body. */
export const decodeAttestationBody: (bytes: Uint8Array, maxBytes?: number) => AttestationBody =
  kind.decodeBody

/** Encodes a signed attestation. */
export function encodeAttestation(attestation: Attestation): Uint8Array<ArrayBuffer> {
  return Attestation.encode(attestation)
}

/** Decodes a signed attestation's envelope; {@link verifyAttestation} opens it. */
export function decodeAttestation(bytes: Uint8Array, maxBytes?: number): Attestation {
  return kind.decodeEnvelope(bytes, (b) => Attestation.decode(b), maxBytes)
}

/** Signs an attestation body with the attester's peer key, after checking it against its receipt. */
export function signAttestation(body: AttestationBody, privateKey: Uint8Array): Attestation {
  checkAttestationBody(body)
  checkAttestationMatchesReceipt(body, decodeReceiptBody(decodeReceipt(body.receipt).body))
  return kind.sign(body, privateKey) as Attestation
}

/** Options of {@link verifyAttestation}. */
export interface VerifyAttestationOptions extends VerifyOptions {
  /** Oldest `issued_at` accepted, as an age in ms; no limit when absent. */
  maxAgeMs?: number
}

/** A verified attestation and the receipt it rests on. */
export interface VerifiedAttestation {
  body: AttestationBody
  receipt: ReceiptBody
}

/**
 * Verifies an attestation: body valid, signed by the attester, not from the future (nor older
 * than `maxAgeMs`), its receipt dual-signed and naming the attester and subject as its parties,
 * the same job and skill.
 */
export function verifyAttestation(
  attestation: Envelope,
  opts: VerifyAttestationOptions = {},
): VerifiedAttestation {
  const body = kind.verify(attestation, opts)
  if (opts.maxAgeMs !== undefined) {
    const { now } = clock(opts)
    const oldest = now - BigInt(Math.floor(opts.maxAgeMs))
    if (body.issuedAt < oldest)
      throw new TimeOutOfRangeError('attestation.issuedAt', body.issuedAt, now, 'expired')
  }
  const receipt = verifyReceipt(decodeReceipt(body.receipt), opts)
  checkAttestationMatchesReceipt(body, receipt)
  return { body, receipt }
}

/** Encodes a catch-up request. */
export function encodeSyncRequest(request: SyncRequest): Uint8Array<ArrayBuffer> {
  return SyncRequest.encode(request)
}

/** Decodes a catch-up request; `limit` must be 1..{@link MAX_SYNC_ATTESTATIONS}. */
export function decodeSyncRequest(bytes: Uint8Array, maxBytes = MAX_SYNC_REQUEST_BYTES): SyncRequest {
  const request = decodeChecked('sync request', bytes, maxBytes, SyncRequestSchema, (b) =>
    SyncRequest.decode(b),
  )
  requireRange('sync.limit', request.limit, 1, MAX_SYNC_ATTESTATIONS)
  return request
}

/** Decoding limits of a catch-up response. */
export interface SyncResponseLimits {
  /** Largest response, in bytes ({@link MAX_SYNC_RESPONSE_BYTES}). */
  maxBytes?: number
  /** Most attestations ({@link MAX_SYNC_ATTESTATIONS}). */
  maxAttestations?: number
}

/** Encodes a catch-up response. */
export function encodeSyncResponse(response: SyncResponse): Uint8Array<ArrayBuffer> {
  return SyncResponse.encode(response)
}

/** Decodes a catch-up response: size, count and per-attestation size; each is verified on its own. */
export function decodeSyncResponse(bytes: Uint8Array, limits: SyncResponseLimits = {}): SyncResponse {
  const max = limits.maxAttestations ?? MAX_SYNC_ATTESTATIONS
  const response = decodeChecked(
    'sync response',
    bytes,
    limits.maxBytes ?? MAX_SYNC_RESPONSE_BYTES,
    SyncResponseSchema,
    (b) => SyncResponse.decode(b, { limits: { attestations: max } }),
  )
  requireCount('sync.attestations', response.attestations.length, max)
  response.attestations.forEach((a, i) => {
    requireBlob(`sync.attestations[${i}]`, a, MAX_ATTESTATION_BYTES)
  })
  return response
}
