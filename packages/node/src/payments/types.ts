/**
 * The narrow interface the job protocol needs from payments. The pay service implements it over
 * `/bazaar/pay/1.0.0` with the wallet's channels; the job code knows nothing else about money.
 */
import type { PaymentTerms } from '@bazaar/protocol'
import type { AbortOptions, PeerId } from '@libp2p/interface'

/** A hash lock the client places for one job. */
export interface LockRequest {
  peer: PeerId
  channelId: Uint8Array
  amount: bigint
  /** keccak256 of the delivery key (32 bytes). */
  hash: Uint8Array
  /** Unix seconds. */
  expiry: bigint
  jobId: Uint8Array
}

/** The acknowledged channel update that carries a lock. */
export interface LockedUpdate {
  channelId: Uint8Array
  sequence: bigint
  /** EIP-712 digest of the update. */
  stateHash: Uint8Array
}

/** Client (payer) side. */
export interface PayerPayments {
  /**
   * Returns the id of an open channel to `peer` that can carry `amount` more, opening one (or
   * topping up) through settlement if needed. `terms` come from the worker's card.
   */
  ensureChannel(
    peer: PeerId,
    terms: PaymentTerms[],
    amount: bigint,
    options?: AbortOptions,
  ): Promise<Uint8Array>
  /**
   * Marks a hire under way on `channelId`: until the returned function is called, a fold owed
   * on the channel waits (up to the fold delay) for the hire's locked update to carry it.
   */
  underWay(channelId: Uint8Array): () => void
  /** Persists and sends a locked update; resolves once it is on the stream (the ack follows). */
  lock(request: LockRequest, options?: AbortOptions): Promise<LockedUpdate>
  /**
   * Folds a revealed lock into the cumulative amount paid: in the locked update of a hire under
   * way on the channel, else alone on the next tick; resolves once persisted and sent.
   */
  fold(peer: PeerId, channelId: Uint8Array, preimage: Uint8Array, options?: AbortOptions): Promise<void>
  /** Gives up a lock whose key will never come (the lock expires; nothing more is paid). */
  abandon(peer: PeerId, channelId: Uint8Array, hash: Uint8Array): Promise<void>
}

/** Worker (payee) side. */
export interface PayeePayments {
  /** True when an open channel `channelId` from `peer` to this node is known. */
  hasChannel(peer: PeerId, channelId: Uint8Array): boolean
  /**
   * Resolves once the payee has verified, persisted and acknowledged the update `sequence` of
   * `channelId` and it carries the expected lock; rejects with a typed error otherwise.
   */
  awaitLocked(request: LockRequest & LockedUpdate, options?: AbortOptions): Promise<void>
  /**
   * Announces the key of a delivery just sent (in memory, nothing written): when the locked
   * update for `hash` arrives, the key is recorded in the same disk commit as the update's
   * acceptance, so `revealed` has nothing left to write.
   */
  expectKey(peer: PeerId, channelId: Uint8Array, hash: Uint8Array, amount: bigint, preimage: Uint8Array): void
  /** Records the key revealed for a lock so it can be claimed at settlement if never folded. */
  revealed(peer: PeerId, channelId: Uint8Array, preimage: Uint8Array): Promise<void>
  /**
   * After a job ended early (the client left after the delivery): if an accepted update of the
   * channel locks at least `amount` to `hash`, records `preimage` for a settlement claim.
   * Resolves true when it did.
   */
  keepKey(
    peer: PeerId,
    channelId: Uint8Array,
    hash: Uint8Array,
    amount: bigint,
    preimage: Uint8Array,
  ): Promise<boolean>
}

/** Everything a node pays and gets paid with. */
export interface Payments extends PayerPayments, PayeePayments {
  /** How this node accepts payment (published in its card). */
  terms(): PaymentTerms[]
}
