/**
 * The two keys of a node, kept in its data directory: `peer.key` (Ed25519, the libp2p peer id)
 * and `settlement.key` (secp256k1, signs channel updates with EIP-712 and owns the settlement
 * account). Both use the same file format and protection (key-file.ts).
 */
import { join } from 'node:path'
import {
  ed25519PublicKey,
  generatePeerKeyPair,
  generateSettlementKeyPair,
  type PeerKeyPair,
  type SettlementKeyPair,
  settlementKeyFromPrivate,
} from '@bazaar/protocol'
import { CorruptKeyFileError } from './errors.js'
import { type KdfParams, loadOrCreateKeyFile } from './key-file.js'

export const PEER_KEY_FILE = 'peer.key'
export const SETTLEMENT_KEY_FILE = 'settlement.key'

export interface LoadKeysOptions {
  /** The node's data directory (created with mode 0700 if missing). */
  dataDir: string
  /** Encrypts new key files and decrypts existing ones. */
  passphrase?: string | undefined
  /** scrypt cost for new encrypted files. */
  kdf?: KdfParams | undefined
}

export interface WalletKeys {
  peerKey: PeerKeyPair
  settlementKey: SettlementKeyPair
}

/** Loads (or creates on first start) the node's Ed25519 peer key. */
export async function loadPeerKey(options: LoadKeysOptions): Promise<PeerKeyPair> {
  const path = join(options.dataDir, PEER_KEY_FILE)
  const { secret } = await loadOrCreateKeyFile(path, 'peer', () => generatePeerKeyPair().privateKey, options)
  const privateKey = new Uint8Array(secret)
  return { privateKey, publicKey: ed25519PublicKey(privateKey) }
}

/** Loads (or creates on first start) the node's secp256k1 settlement key. */
export async function loadSettlementKey(options: LoadKeysOptions): Promise<SettlementKeyPair> {
  const path = join(options.dataDir, SETTLEMENT_KEY_FILE)
  const { secret } = await loadOrCreateKeyFile(
    path,
    'settlement',
    () => generateSettlementKeyPair().privateKey,
    options,
  )
  try {
    return settlementKeyFromPrivate(new Uint8Array(secret))
  } catch (cause) {
    throw new CorruptKeyFileError(path, 'not a valid secp256k1 private key', { cause })
  }
}

/** Loads (or creates) both keys. */
export async function loadWalletKeys(options: LoadKeysOptions): Promise<WalletKeys> {
  const peerKey = await loadPeerKey(options)
  const settlementKey = await loadSettlementKey(options)
  return { peerKey, settlementKey }
}

/**
 * The 64-byte raw form libp2p takes for an Ed25519 private key (`seed || publicKey`): pass it to
 * `privateKeyFromRaw` of `@libp2p/crypto/keys` so the libp2p peer id is this key.
 */
export function libp2pRawKey(peerKey: PeerKeyPair): Uint8Array {
  const raw = new Uint8Array(64)
  raw.set(peerKey.privateKey, 0)
  raw.set(peerKey.publicKey, 32)
  return raw
}
