/**
 * Shapes shared by the validator, the store, the trust computation and the service. Peers are
 * named by the hex of their raw 32-byte Ed25519 public key (the key inside their peer id), so
 * that an attestation's fields map to peers without parsing peer ids on the hot path.
 */

/** Hex of a raw 32-byte Ed25519 public key. */
export type PeerKeyHex = string

/** An attestation that passed every check of the validator. */
export interface VerifiedAttestation {
  /** Store key: `jobId:attester` (one attestation per receipt per attester). */
  id: string
  /** The encoded Attestation exactly as received (re-gossiped and served by sync as is). */
  bytes: Uint8Array
  attester: PeerKeyHex
  subject: PeerKeyHex
  /** Hex of the receipt's 32-byte job id. */
  jobId: string
  skill: string
  /** 0..100, 50 neutral. */
  rating: number
  /** Unix ms. */
  issuedAt: number
  /** Amount the receipt says was paid, in asset base units (> 0). */
  price: bigint
  asset: string
  /** The attester's side of the job. */
  role: 'client' | 'worker'
}

/** Identifies the duplicate filter's entry of an attestation. */
export function attestationId(jobIdHex: string, attester: PeerKeyHex): string {
  return `${jobIdHex}:${attester}`
}
