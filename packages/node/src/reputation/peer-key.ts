/**
 * Converting the ways callers name a peer (a PeerId, its string form, a raw 32-byte key, or the
 * hex of that key) into the hex key that attestations and trust use.
 */
import type { PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { peerIdOfKey, peerKeyOf } from '../identity.js'
import { toHex } from './codec.js'
import type { PeerKeyHex } from './types.js'

/** A peer as callers may name it. */
export type PeerRef = PeerId | string | Uint8Array

const HEX_KEY = /^[0-9a-f]{64}$/

/** The hex of a peer's raw Ed25519 key, or undefined when the peer has no Ed25519 key. */
export function peerKeyHex(peer: PeerRef): PeerKeyHex | undefined {
  if (peer instanceof Uint8Array) return peer.byteLength === 32 ? toHex(peer) : undefined
  if (typeof peer === 'string') {
    if (HEX_KEY.test(peer)) return peer
    try {
      return peerKeyHex(peerIdFromString(peer))
    } catch {
      return undefined
    }
  }
  const raw = peerKeyOf(peer)
  return raw === undefined ? undefined : toHex(raw)
}

/** The peer id string of a hex Ed25519 key (for people: logs, `explain`, the CLI). */
export function peerIdStringOfKey(key: PeerKeyHex): string {
  return peerIdOfKey(Buffer.from(key, 'hex')).toString()
}
