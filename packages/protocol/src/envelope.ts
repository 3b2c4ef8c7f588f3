/**
 * The shape every Ed25519-signed message shares: `{ body, signature }`, where `body` is the
 * encoded `*Body` message and the signature covers `signingInput(domain, body)` over the body
 * bytes exactly as received.
 */
import { ED25519_SIGNATURE_BYTES } from './constants.js'
import { ed25519PublicKey } from './crypto/ed25519.js'
import { bytesEqual } from './crypto/secp256k1.js'
import { BadSignatureError, MismatchError, MissingFieldError } from './errors.js'
import { signBody, verifyBody } from './signing.js'
import { clock, decodeChecked, requireBytes, type TimeOptions } from './validate.js'
import type { WireSchema } from './wire.js'

/** An encoded body and the signature over it. */
export interface Envelope {
  body: Uint8Array
  signature: Uint8Array
}

/** Structural checks of a decoded envelope: a body and a 64-byte signature. */
export function checkEnvelope(kind: string, envelope: Envelope): void {
  if (envelope.body.byteLength === 0) throw new MissingFieldError(`${kind}.body`)
  requireBytes(`${kind}.signature`, envelope.signature, ED25519_SIGNATURE_BYTES)
}

/** Signs already-encoded body bytes; refuses a key that is not the signer the body names. */
export function seal(
  kind: string,
  domain: string,
  body: Uint8Array,
  signer: Uint8Array,
  privateKey: Uint8Array,
): Uint8Array<ArrayBuffer> {
  if (!bytesEqual(ed25519PublicKey(privateKey), signer)) {
    throw new MismatchError(`${kind} signer`, 'the private key is not the key the body names')
  }
  return signBody(domain, body, privateKey)
}

/**
 * Verifies an envelope whose body was decoded (and validated) into `signer`'s claim: the
 * signature over the received body bytes, and, when `expected` is given, that the signer is it.
 */
export function verifySeal(
  kind: string,
  domain: string,
  envelope: Envelope,
  signer: Uint8Array,
  expected?: Uint8Array,
): void {
  requireBytes(`${kind}.signature`, envelope.signature, ED25519_SIGNATURE_BYTES)
  if (expected !== undefined && !bytesEqual(expected, signer)) {
    throw new MismatchError(`${kind} signer`, 'signed by another key than expected')
  }
  if (!verifyBody(domain, envelope.body, signer, envelope.signature)) throw new BadSignatureError(kind)
}

/** What {@link signedKind} needs to know about one Ed25519-signed message kind. */
export interface SignedKindSpec<B> {
  /** Short name used in errors, e.g. `job request`. */
  kind: string
  domain: string
  /** Largest encoded envelope (and body), in bytes. */
  maxBytes: number
  bodySchema: WireSchema
  envelopeSchema: WireSchema
  encodeBody: (body: B) => Uint8Array
  decodeBody: (bytes: Uint8Array) => B
  /** Field validation; also run before signing. */
  check: (body: B) => void
  /** The 32-byte key the body names as its signer. */
  signer: (body: B) => Uint8Array
  /** Time checks against now (ms) and the skew (ms). */
  times: (body: B, now: bigint, skew: bigint) => void
}

/** Options of every envelope verifier. */
export interface VerifyOptions extends TimeOptions {
  /** The key the message must be signed by (when the caller knows who should have sent it). */
  signer?: Uint8Array
}

/** The codec, signer and verifier of one signed kind, built once from its spec. */
export interface SignedKind<B> {
  encodeBody(body: B): Uint8Array
  decodeBody(bytes: Uint8Array, maxBytes?: number): B
  decodeEnvelope<E extends Envelope>(bytes: Uint8Array, decode: (b: Uint8Array) => E, maxBytes?: number): E
  sign(body: B, privateKey: Uint8Array): Envelope
  verify(envelope: Envelope, opts?: VerifyOptions): B
}

/** Builds encode/decode/sign/verify for a signed kind, so every kind is checked the same way. */
export function signedKind<B>(spec: SignedKindSpec<B>): SignedKind<B> {
  const decodeBody = (bytes: Uint8Array, maxBytes = spec.maxBytes): B => {
    const body = decodeChecked(`${spec.kind} body`, bytes, maxBytes, spec.bodySchema, spec.decodeBody)
    spec.check(body)
    return body
  }
  return {
    encodeBody: spec.encodeBody,
    decodeBody,
    decodeEnvelope(bytes, decode, maxBytes = spec.maxBytes) {
      const envelope = decodeChecked(spec.kind, bytes, maxBytes, spec.envelopeSchema, decode)
      checkEnvelope(spec.kind, envelope)
      return envelope
    },
    sign(body, privateKey) {
      spec.check(body)
      const bytes = spec.encodeBody(body)
      return { body: bytes, signature: seal(spec.kind, spec.domain, bytes, spec.signer(body), privateKey) }
    },
    verify(envelope, opts = {}) {
      const body = decodeBody(envelope.body)
      verifySeal(spec.kind, spec.domain, envelope, spec.signer(body), opts.signer)
      const { now, skew } = clock(opts)
      spec.times(body, now, skew)
      return body
    },
  }
}
