/**
 * Re-establish messages between the wallet and the wire. Both name the same state: the hash of
 * the latest update, or before any update the channel id (the first update's previousStateHash,
 * DESIGN.md); the protocol's frame check requires exactly that, so this is a copy into the wire's
 * byte types, not a translation.
 */
import type { ChannelReestablish } from '@bazaar/protocol'
import type { WalletReestablish } from './wallet-api.js'

export function toWire(info: WalletReestablish): ChannelReestablish {
  return {
    channelId: new Uint8Array(info.channelId),
    lastSequence: info.lastSequence,
    lastStateHash: new Uint8Array(info.lastStateHash),
  }
}
