/**
 * The node's keys as the CLI needs them: loaded (or created on first use) through the wallet's
 * identity functions (`peer.key` and `settlement.key` in the data directory, mode 0600), and the
 * libp2p private key made from the peer key so that the peer id is that key.
 */
import { libp2pRawKey, loadWalletKeys, type WalletKeys } from '@bazaar/wallet'
import { privateKeyFromRaw } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'

export interface NodeIdentity {
  keys: WalletKeys
  privateKey: PrivateKey
  peerId: string
  /** 0x-prefixed settlement account. */
  settlementAddress: string
}

/** Loads or creates the identity of `dataDir`. The passphrase comes from BAZAAR_PASSPHRASE. */
export async function loadIdentity(
  dataDir: string,
  passphrase = process.env.BAZAAR_PASSPHRASE,
): Promise<NodeIdentity> {
  const keys = await loadWalletKeys({ dataDir, ...(passphrase === undefined ? {} : { passphrase }) })
  const privateKey = privateKeyFromRaw(libp2pRawKey(keys.peerKey))
  return {
    keys,
    privateKey,
    peerId: peerIdFromPrivateKey(privateKey).toString(),
    settlementAddress: `0x${Buffer.from(keys.settlementKey.address).toString('hex')}`,
  }
}
