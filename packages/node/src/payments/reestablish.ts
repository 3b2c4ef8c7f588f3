/**
 * Re-establish messages between the wallet and the wire. The protocol sends no state hash at
 * sequence 0 (there is no state yet) while the wallet names the channel id there (the first
 * update's previous-state hash): this is the one translation between the two.
 */
import type { ChannelReestablish } from '@bazaar/protocol'
import type { WalletReestablish } from './wallet-api.js'

export function toWire(info: WalletReestablish): ChannelReestablish {
  return {
    channelId: new Uint8Array(info.channelId),
    lastSequence: info.lastSequence,
    lastStateHash: info.lastSequence === 0n ? new Uint8Array(0) : new Uint8Array(info.lastStateHash),
  }
}

export function fromWire(message: ChannelReestablish): WalletReestablish {
  return message.lastSequence === 0n && message.lastStateHash.byteLength === 0
    ? { ...message, lastStateHash: message.channelId }
    : message
}
