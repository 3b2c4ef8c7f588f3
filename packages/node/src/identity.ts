/**
 * The node's Ed25519 identity as Bazaar's signing code needs it: the raw 32-byte public key (what
 * wire `*_key` fields carry) and the 32-byte seed the protocol's `sign*` functions take. The
 * libp2p key stays the single source; the seed is copied once so the native key object is cached.
 */
import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import type { PeerId, PrivateKey } from '@libp2p/interface'
import { peerIdFromPublicKey } from '@libp2p/peer-id'

export interface PeerSigner {
  /** 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array<ArrayBuffer>
  /** 32-byte Ed25519 seed. Never log it. */
  readonly seed: Uint8Array<ArrayBuffer>
}

export function peerSigner(privateKey: PrivateKey): PeerSigner {
  if (privateKey.type !== 'Ed25519') throw new TypeError('Bazaar identities are Ed25519 keys')
  return {
    seed: new Uint8Array(privateKey.raw.subarray(0, 32)),
    publicKey: new Uint8Array(privateKey.publicKey.raw),
  }
}

/** The raw 32-byte Ed25519 key of a peer id, or undefined when the id does not embed one. */
export function peerKeyOf(peer: PeerId): Uint8Array<ArrayBuffer> | undefined {
  return peer.type === 'Ed25519' ? new Uint8Array(peer.publicKey.raw) : undefined
}

/** The peer id of a raw 32-byte Ed25519 key. */
export function peerIdOfKey(key: Uint8Array): PeerId {
  return peerIdFromPublicKey(publicKeyFromRaw(key))
}
