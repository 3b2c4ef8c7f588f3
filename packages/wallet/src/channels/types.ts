/**
 * Channel messages and records. Message shapes match the protocol's generated wire types
 * (`ChannelUpdate`, `ChannelAck`, `ChannelOpen`, `ChannelReestablish` in channel.proto), so a
 * decoded frame can be handed to the wallet as is.
 */
import type { ChannelState, HashLock } from '@bazaar/protocol'

/** A payer-signed channel update (wire `ChannelUpdate`): the EIP-712 signed fields plus the locks. */
export interface SignedUpdate extends ChannelState {
  version: number
  locks: HashLock[]
  /** 65 bytes r || s || v by the payer's settlement key over the EIP-712 digest. */
  signature: Uint8Array
}

/** The payee's Ed25519 acknowledgement of an update it persisted (wire `ChannelAck`). */
export interface ChannelAck {
  channelId: Uint8Array
  sequence: bigint
  /** EIP-712 digest of the acknowledged update. */
  stateHash: Uint8Array
  signature: Uint8Array
}

/** The payer's signed channel open (wire `ChannelOpen`): `body` is a `ChannelOpenBody`. */
export interface ChannelOpen {
  body: Uint8Array
  signature: Uint8Array
}

/** What each side reports when a pay stream (re)opens (wire `ChannelReestablish`). */
export interface ChannelReestablish {
  channelId: Uint8Array
  /** Payer: highest sequence it signed. Payee: highest sequence it accepted. */
  lastSequence: bigint
  /** State hash at `lastSequence` (the channel id when it is 0). */
  lastStateHash: Uint8Array
}

export type ChannelRole = 'payer' | 'payee'
export type LocalChannelStatus = 'open' | 'closing' | 'closed'

/** One channel as this node holds it. */
export interface ChannelRecord {
  channelId: Uint8Array
  role: ChannelRole
  /** 32-byte Ed25519 key of the other side. */
  remotePeerKey: Uint8Array
  chainId: bigint
  contract: Uint8Array
  payer: Uint8Array
  payee: Uint8Array
  token: Uint8Array
  /** Deposit (capacity), base units. */
  capacity: bigint
  expiry: bigint
  disputeWindow: bigint
  nonce: bigint
  open: ChannelOpen
  status: LocalChannelStatus
  /** Payer: recorded before the deposit moved; true until the settlement layer confirmed the open. */
  opening: boolean
  /** Latest update (payer: signed; payee: accepted); undefined before the first one. */
  latest: SignedUpdate | undefined
  /** EIP-712 digest of `latest` (the channel id before the first update). */
  stateHash: Uint8Array
  /** Payer: highest sequence the payee confirmed. Payee: equals the latest sequence. */
  acked: bigint
  /** Payee: the payer reported this sequence on re-establish and we hold less; 0 in sync. */
  behindUntil: bigint
  /** Unix ms. */
  createdAt: number
}

/** One update in a channel's history. */
export interface UpdateRecord {
  update: SignedUpdate
  stateHash: Uint8Array
  /** Unix ms when this node created or accepted it. */
  at: number
}

/** What a payer asks for in one update; fold and unlock apply first, then pay, then lock. */
export interface UpdateRequest {
  /** Adds to the cumulative amount. */
  pay?: bigint
  /** Adds a hash lock. */
  lock?: HashLock
  /** Folds a lock (by hash) into the cumulative amount: the payee revealed its preimage. */
  fold?: Uint8Array
  /** Drops an expired lock without paying it. */
  unlock?: Uint8Array
  /** 32-byte job id signed into the update (zero when absent). */
  jobId?: Uint8Array
}

/** A channel's money, base units. */
export interface ChannelBalance {
  capacity: bigint
  paid: bigint
  locked: bigint
  /** What the payer can still pay or lock. */
  available: bigint
}
