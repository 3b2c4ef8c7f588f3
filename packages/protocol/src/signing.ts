/**
 * Canonical signed bytes for Ed25519-signed messages: a domain per message kind, then the body
 * exactly as it travels, each length-prefixed (the shape of libp2p's signed envelopes), so no
 * signature of one kind can be taken for another.
 */
import { ed25519Sign, ed25519Verify } from './crypto/ed25519.js'

/** Signing domains, one per Ed25519-signed message kind (docs/PROTOCOL.md "Signing domains"). */
export const SigningDomain = {
  card: 'bazaar/card/v1',
  jobRequest: 'bazaar/job-request/v1',
  quote: 'bazaar/job-quote/v1',
  delivery: 'bazaar/job-delivery/v1',
  receipt: 'bazaar/receipt/v1',
  channelOpen: 'bazaar/channel-open/v1',
  channelAck: 'bazaar/channel-ack/v1',
  attestation: 'bazaar/attestation/v1',
} as const

export type SigningDomainName = keyof typeof SigningDomain

function uvarintLength(n: number): number {
  let len = 1
  for (let v = n; v >= 0x80; v = Math.floor(v / 128)) len++
  return len
}

function writeUvarint(out: Uint8Array, offset: number, n: number): number {
  let v = n
  let o = offset
  while (v >= 0x80) {
    out[o++] = (v & 0x7f) | 0x80
    v = Math.floor(v / 128)
  }
  out[o++] = v
  return o
}

const domainBytes = new Map<string, Uint8Array>()

/** `uvarint(len(domain)) || domain || uvarint(len(body)) || body`. */
export function signingInput(domain: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  let d = domainBytes.get(domain)
  if (d === undefined) {
    d = new TextEncoder().encode(domain)
    domainBytes.set(domain, d)
  }
  const out = new Uint8Array(
    uvarintLength(d.byteLength) + d.byteLength + uvarintLength(body.byteLength) + body.byteLength,
  )
  let o = writeUvarint(out, 0, d.byteLength)
  out.set(d, o)
  o = writeUvarint(out, o + d.byteLength, body.byteLength)
  out.set(body, o)
  return out
}

/** Signs `body` under `domain` with an Ed25519 peer key. */
export function signBody(domain: string, body: Uint8Array, privateKey: Uint8Array): Uint8Array<ArrayBuffer> {
  return ed25519Sign(privateKey, signingInput(domain, body))
}

/** Verifies an Ed25519 signature of `body` under `domain`. */
export function verifyBody(
  domain: string,
  body: Uint8Array,
  publicKey: Uint8Array,
  signature: Uint8Array,
): boolean {
  return ed25519Verify(publicKey, signingInput(domain, body), signature)
}
