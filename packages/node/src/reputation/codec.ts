/**
 * The one place the reputation feature touches @bazaar/protocol's codecs and signatures. Decoding
 * goes through the protocol's strict decoders (size limit first, a wire pre-pass that refuses wrong
 * wire types, field 0 and invalid UTF-8, then the field checks), and signatures are checked over
 * the bytes exactly as received, never a re-encoding.
 */
import {
  Attestation,
  AttestationBody,
  decodeAttestation,
  decodeAttestationBody,
  decodeReceipt,
  decodeReceiptBody,
  decodeSyncRequest,
  decodeSyncResponse,
  encodeSyncRequest,
  encodeSyncResponse,
  Receipt,
  ReceiptBody,
  SigningDomain,
  SyncRequest,
  SyncResponse,
  signBody,
  signingInput,
  verifyBody,
} from '@bazaar/protocol'
import type { PrivateKey } from '@libp2p/interface'

export { Attestation, AttestationBody, Receipt, ReceiptBody, SyncRequest, SyncResponse }

/** Strict decoders; each throws only @bazaar/protocol's typed errors. */
export const strict = {
  attestation: (bytes: Uint8Array, maxBytes: number): Attestation => decodeAttestation(bytes, maxBytes),
  attestationBody: (bytes: Uint8Array): AttestationBody => decodeAttestationBody(bytes),
  receipt: (bytes: Uint8Array): Receipt => decodeReceipt(bytes),
  receiptBody: (bytes: Uint8Array): ReceiptBody => decodeReceiptBody(bytes),
}

/** Bytes as one contiguous array (stream helpers may hand over a list of chunks). */
function flat(data: Uint8Array | { subarray(): Uint8Array }): Uint8Array {
  return data instanceof Uint8Array ? data : data.subarray()
}

/** The catch-up request as a stream codec: strict decoding (typed errors only). */
export const syncRequestCodec = {
  encode: (request: SyncRequest): Uint8Array => encodeSyncRequest(request),
  decode: (data: Uint8Array | { subarray(): Uint8Array }, maxBytes?: number): SyncRequest =>
    decodeSyncRequest(flat(data), maxBytes),
}

/** The catch-up response as a stream codec, strict and bounded in bytes and count. */
export function syncResponseCodec(limits: { maxBytes: number; maxAttestations: number }): {
  encode: (response: SyncResponse) => Uint8Array
  decode: (data: Uint8Array | { subarray(): Uint8Array }) => SyncResponse
} {
  return {
    encode: (response) => encodeSyncResponse(response),
    decode: (data) => decodeSyncResponse(flat(data), limits),
  }
}

/** Verifies an attester's signature over an AttestationBody's received bytes. */
export function verifyAttestationSignature(
  body: Uint8Array,
  key: Uint8Array,
  signature: Uint8Array,
): boolean {
  return verifyBody(SigningDomain.attestation, body, key, signature)
}

/** Verifies one party's signature over a ReceiptBody's received bytes. */
export function verifyReceiptSignature(body: Uint8Array, key: Uint8Array, signature: Uint8Array): boolean {
  return verifyBody(SigningDomain.receipt, body, key, signature)
}

/** Signs an AttestationBody with a raw 32-byte Ed25519 seed. */
export function signAttestationBody(body: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return signBody(SigningDomain.attestation, body, privateKey)
}

/** Signs an AttestationBody with the node's libp2p key (native Ed25519 inside @libp2p/crypto). */
export async function signAttestationWithKey(privateKey: PrivateKey, body: Uint8Array): Promise<Uint8Array> {
  return await privateKey.sign(signingInput(SigningDomain.attestation, body))
}

/** The `issued_at` of an encoded attestation (ms), or undefined if it does not decode. */
export function issuedAtOf(bytes: Uint8Array): number | undefined {
  try {
    return Number(decodeAttestationBody(decodeAttestation(bytes).body).issuedAt)
  } catch {
    return undefined
  }
}

/** Signs a ReceiptBody with a raw 32-byte Ed25519 seed (tests and tools). */
export function signReceiptBody(body: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return signBody(SigningDomain.receipt, body, privateKey)
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}
