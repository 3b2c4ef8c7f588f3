/**
 * The part of `@bazaar/wallet` the pay service uses, named structurally so the node depends on
 * behaviour, not on the wallet's classes: a `Wallet` from `openWallet()` fits it.
 */

/** A hash lock inside an update. */
export interface WalletLock {
  hash: Uint8Array
  amount: bigint
  expiry: bigint
  jobId: Uint8Array
}

/** A payer-signed channel update (the fields of wire `ChannelUpdate`). */
export interface WalletUpdate {
  version: number
  channelId: Uint8Array
  sequence: bigint
  previousStateHash: Uint8Array
  cumulativePaid: bigint
  lockedTotal: bigint
  locksRoot: Uint8Array
  jobId: Uint8Array
  locks: WalletLock[]
  signature: Uint8Array
}

export interface WalletAck {
  channelId: Uint8Array
  sequence: bigint
  stateHash: Uint8Array
  signature: Uint8Array
}

export interface WalletReestablish {
  channelId: Uint8Array
  lastSequence: bigint
  lastStateHash: Uint8Array
}

export interface WalletChannelRecord {
  channelId: Uint8Array
  role: 'payer' | 'payee'
  remotePeerKey: Uint8Array
  chainId: bigint
  contract: Uint8Array
  capacity: bigint
  expiry: bigint
  status: 'open' | 'closing' | 'closed'
  latest: WalletUpdate | undefined
  stateHash: Uint8Array
  acked: bigint
}

export interface WalletChannels {
  open(params: {
    peerKey: Uint8Array
    payeeAddress: Uint8Array
    deposit: bigint
    ttl?: bigint
    disputeWindow?: bigint
    token?: Uint8Array
  }): Promise<{ channelId: Uint8Array; open: { body: Uint8Array; signature: Uint8Array } }>
  createUpdate(
    channelId: Uint8Array,
    request: { pay?: bigint; lock?: WalletLock; fold?: Uint8Array; unlock?: Uint8Array; jobId?: Uint8Array },
  ): Promise<WalletUpdate>
  receiveAck(ack: WalletAck): Promise<unknown>
  recordPreimage(channelId: Uint8Array, preimage: Uint8Array): Promise<unknown>
  acceptOpen(open: { body: Uint8Array; signature: Uint8Array }, from?: Uint8Array): Promise<unknown>
  receiveUpdate(update: WalletUpdate): Promise<WalletAck>
  /** Verifies and persists an update; the ack is signed when `ack()` is called. */
  acceptUpdate(update: WalletUpdate): Promise<{ stateHash: Uint8Array; ack(): WalletAck }>
  revealPreimage(channelId: Uint8Array, preimage: Uint8Array): Promise<unknown>
  reestablishInfo(channelId: Uint8Array): WalletReestablish
  handleReestablish(
    theirs: WalletReestablish,
  ): Promise<
    { status: 'ok' } | { status: 'resend'; updates: WalletUpdate[] } | { status: 'behind'; until: bigint }
  >
  get(channelId: Uint8Array): WalletChannelRecord | undefined
  byPeer(peerKey: Uint8Array): WalletChannelRecord[]
  history(
    channelId: Uint8Array,
    from?: bigint,
    to?: bigint,
  ): Array<{ update: WalletUpdate; stateHash: Uint8Array }>
  balance(channelId: Uint8Array): { capacity: bigint; paid: bigint; locked: bigint; available: bigint }
  /** Settlement deadlines (close before expiry, claim, withdraw, refund); run on a timer. */
  runDeadlines?(): Promise<Array<{ channelId: Uint8Array; action: string; error?: Error }>>
  /** 20-byte tokens this wallet accepts channels in, as payee. */
  acceptedTokens?(): Uint8Array[]
}

export interface WalletLike {
  channels: WalletChannels
  /** The node's Ed25519 identity, when the wallet loaded it from the data directory. */
  peerKey?: { privateKey: Uint8Array; publicKey: Uint8Array }
  settlementKey: { address: Uint8Array }
  settlement: { chainId: bigint; contract: Uint8Array }
}
