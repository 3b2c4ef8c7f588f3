/**
 * The part of `@bazaar/wallet` the pay service uses, named structurally so the node depends on
 * behaviour, not on the wallet's classes. `openWallet()` returns an object of this shape.
 */
import type { ChannelAck, ChannelOpen, ChannelReestablish, ChannelUpdate, HashLock } from '@bazaar/protocol'

export interface WalletChannelRecord {
  channelId: Uint8Array
  role: 'payer' | 'payee'
  remotePeerKey: Uint8Array
  chainId: bigint
  contract: Uint8Array
  capacity: bigint
  expiry: bigint
  status: 'open' | 'closing' | 'closed'
  latest: ChannelUpdate | undefined
  stateHash: Uint8Array
  acked: bigint
}

export interface WalletUpdateRecord {
  update: ChannelUpdate
  stateHash: Uint8Array
}

export interface WalletChannels {
  open(params: {
    peerKey: Uint8Array
    payeeAddress: Uint8Array
    deposit: bigint
    ttl: bigint
    disputeWindow: bigint
  }): Promise<{ channelId: Uint8Array; open: ChannelOpen }>
  createUpdate(
    channelId: Uint8Array,
    request: { pay?: bigint; lock?: HashLock; fold?: Uint8Array; unlock?: Uint8Array; jobId?: Uint8Array },
  ): Promise<ChannelUpdate>
  receiveAck(ack: ChannelAck): Promise<unknown>
  recordPreimage(channelId: Uint8Array, preimage: Uint8Array): unknown
  acceptOpen(open: ChannelOpen): Promise<unknown>
  receiveUpdate(update: ChannelUpdate): Promise<ChannelAck>
  revealPreimage(channelId: Uint8Array, preimage: Uint8Array): Promise<unknown>
  reestablishInfo(channelId: Uint8Array): ChannelReestablish
  handleReestablish(
    theirs: ChannelReestablish,
  ): Promise<
    { status: 'ok' } | { status: 'resend'; updates: ChannelUpdate[] } | { status: 'behind'; until: bigint }
  >
  get(channelId: Uint8Array): WalletChannelRecord | undefined
  byPeer(peerKey: Uint8Array): WalletChannelRecord[]
  history(channelId: Uint8Array): WalletUpdateRecord[]
  balance(channelId: Uint8Array): { capacity: bigint; paid: bigint; locked: bigint; available: bigint }
}

export interface WalletLike {
  channels: WalletChannels
  settlementKey: { address: Uint8Array }
  settlement: { chainId: bigint; contract: Uint8Array }
}
