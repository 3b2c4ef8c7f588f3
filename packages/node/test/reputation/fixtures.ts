/**
 * Real identities, real dual-signed receipts and real signed attestations for the reputation
 * tests (the paid-job flow that normally produces receipts is tested elsewhere).
 */
import { randomBytes } from 'node:crypto'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PeerId, PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import {
  Attestation,
  AttestationBody,
  Receipt,
  ReceiptBody,
  signAttestationBody,
  signReceiptBody,
} from '../../src/reputation/codec.js'

export interface Identity {
  privateKey: PrivateKey
  peerId: PeerId
  /** 32-byte seed. */
  seed: Uint8Array<ArrayBuffer>
  /** 32-byte public key. */
  key: Uint8Array<ArrayBuffer>
  hex: string
}

export async function identity(): Promise<Identity> {
  const privateKey = await generateKeyPair('Ed25519')
  const key = new Uint8Array(privateKey.publicKey.raw)
  return {
    privateKey,
    peerId: peerIdFromPrivateKey(privateKey),
    seed: new Uint8Array(privateKey.raw.slice(0, 32)),
    key,
    hex: Buffer.from(key).toString('hex'),
  }
}

export interface ReceiptOptions {
  client: Identity
  worker: Identity
  price?: bigint
  skill?: string
  jobId?: Uint8Array<ArrayBuffer>
  completedAt?: number
  version?: number
  /** Sign with these instead of the parties (forgeries). */
  clientSigner?: Identity
  workerSigner?: Identity
}

/** An encoded, dual-signed Receipt. */
export function receipt(o: ReceiptOptions): Uint8Array<ArrayBuffer> {
  const body = ReceiptBody.encode({
    version: o.version ?? 1,
    jobId: o.jobId ?? new Uint8Array(randomBytes(32)),
    clientKey: o.client.key,
    workerKey: o.worker.key,
    skill: o.skill ?? 'summarize',
    skillVersion: '1.0.0',
    price: o.price ?? 250_000n,
    asset: 'USDC',
    resultHash: new Uint8Array(32).fill(7),
    channelId: new Uint8Array(32).fill(9),
    sequence: 1n,
    stateHash: new Uint8Array(32).fill(3),
    completedAt: BigInt(o.completedAt ?? Date.now() - 1_000),
  })
  return Receipt.encode({
    body,
    clientSignature: new Uint8Array(signReceiptBody(body, (o.clientSigner ?? o.client).seed)),
    workerSignature: new Uint8Array(signReceiptBody(body, (o.workerSigner ?? o.worker).seed)),
  })
}

export interface AttestationOptions {
  attester: Identity
  subject: Identity
  receipt: Uint8Array<ArrayBuffer>
  rating?: number
  issuedAt?: number
  skill?: string
  jobId?: Uint8Array<ArrayBuffer>
  version?: number
  /** Sign with this identity instead of the attester (forgery). */
  signer?: Identity
  /** Pad the skill to make the message large. */
  padding?: number
}

/** The encoded AttestationBody (unsigned). */
export function attestationBody(o: AttestationOptions): Uint8Array<ArrayBuffer> {
  const rb = ReceiptBody.decode(Receipt.decode(o.receipt).body)
  return AttestationBody.encode({
    version: o.version ?? 1,
    attesterKey: o.attester.key,
    subjectKey: o.subject.key,
    jobId: o.jobId ?? rb.jobId,
    skill: (o.skill ?? rb.skill) + 'x'.repeat(o.padding ?? 0),
    receipt: o.receipt,
    rating: o.rating ?? 90,
    issuedAt: BigInt(o.issuedAt ?? Date.now()),
  })
}

/** An encoded, signed Attestation. */
export function attestation(o: AttestationOptions): Uint8Array {
  const body = attestationBody(o)
  return Attestation.encode({
    body,
    signature: new Uint8Array(signAttestationBody(body, (o.signer ?? o.attester).seed)),
  })
}
