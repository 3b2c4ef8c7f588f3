/**
 * The settlement layer: where channels are funded, closed, disputed and paid out.
 *
 * Two implementations share this interface and one conformance suite: `LocalLedger` (one host,
 * development and simulation) and `EvmSettlement` (the Solidity contract on any EVM chain).
 * Channel code depends only on this interface, never on an implementation.
 *
 * All addresses are 20-byte `Uint8Array`s, ids and hashes 32-byte `Uint8Array`s, amounts
 * `bigint` base units, times unix seconds (`bigint`) as the chain sees them.
 */

/** A payer-signed channel state, as the contract receives it (see docs/PROTOCOL.md). */
export interface SignedState {
  channelId: Uint8Array
  sequence: bigint
  previousStateHash: Uint8Array
  cumulativePaid: bigint
  lockedTotal: bigint
  locksRoot: Uint8Array
  jobId: Uint8Array
  /** 65 bytes r || s || v by the payer's settlement key over the EIP-712 digest. */
  signature: Uint8Array
}

/** A hash lock, a leaf of an update's locks root. */
export interface LockLeaf {
  hash: Uint8Array
  amount: bigint
  expiry: bigint
  jobId: Uint8Array
}

/** What a payer asks the settlement layer to open. The payer is the calling account. */
export interface OpenChannelParams {
  payee: Uint8Array
  /** ERC-20 address, or 20 zero bytes for the chain's native coin. */
  token: Uint8Array
  deposit: bigint
  /** Unix seconds. After `expiry + disputeWindow` an unclosed channel refunds the payer. */
  expiry: bigint
  /** Seconds a unilateral close stays open to challenges and lock claims. */
  disputeWindow: bigint
  nonce: bigint
}

export type ChannelStatus = 'open' | 'closing' | 'closed'

/** The settlement layer's view of one channel. */
export interface SettledChannel {
  channelId: Uint8Array
  payer: Uint8Array
  payee: Uint8Array
  token: Uint8Array
  deposit: bigint
  expiry: bigint
  disputeWindow: bigint
  nonce: bigint
  status: ChannelStatus
  /** Best state submitted so far (zero until a close). */
  sequence: bigint
  cumulativePaid: bigint
  lockedTotal: bigint
  locksRoot: Uint8Array
  /** Sum of lock amounts claimed with their preimages against the closing state (`claimLock`). */
  claimed: bigint
  /**
   * The most any claim against another payer-signed state earned the payee (`claimLockFrom`): the
   * largest `state.cumulativePaid + locks claimed against that state`; zero when there was none.
   * `withdraw` pays the payee `max(cumulativePaid + claimed, floor)`.
   */
  floor: bigint
  /** Unix seconds when the dispute window ends (zero until a close). */
  closeDeadline: bigint
  /** Set once the payout (withdraw, refund or cooperative close) has happened. */
  paidOut: boolean
}

/** A reference to a settlement action (a transaction hash on a chain, an entry id on a ledger). */
export interface TxRef {
  ref: string
  /** Block number or ledger height at which it took effect. */
  height: bigint
}

export type SettlementEvent =
  | {
      type: 'opened'
      channelId: Uint8Array
      payer: Uint8Array
      payee: Uint8Array
      deposit: bigint
      height: bigint
    }
  | { type: 'topped-up'; channelId: Uint8Array; deposit: bigint; height: bigint }
  | {
      type: 'closing'
      channelId: Uint8Array
      sequence: bigint
      cumulativePaid: bigint
      closeDeadline: bigint
      by: Uint8Array
      height: bigint
    }
  | {
      type: 'challenged'
      channelId: Uint8Array
      sequence: bigint
      cumulativePaid: bigint
      by: Uint8Array
      height: bigint
    }
  | {
      type: 'lock-claimed'
      channelId: Uint8Array
      lockHash: Uint8Array
      amount: bigint
      /** The 32-byte preimage the claim revealed: a payer that missed the reveal learns it here. */
      preimage: Uint8Array
      height: bigint
    }
  | {
      type: 'paid-out'
      channelId: Uint8Array
      toPayee: bigint
      toPayer: bigint
      reason: 'withdraw' | 'refund' | 'cooperative'
      height: bigint
    }

/**
 * Settlement operations. Every method that changes state resolves once the change has taken
 * effect (confirmed on chain, committed in the ledger) and rejects with a typed error naming the
 * violated rule (the same rules as the contract's custom errors).
 */
export interface Settlement {
  /** EIP-155 chain id signed into every update's EIP-712 domain. */
  readonly chainId: bigint
  /** 20-byte contract (or ledger) address signed into every update's EIP-712 domain. */
  readonly contract: Uint8Array
  /** The 20-byte account this instance acts as (pays gas, opens as payer, withdraws as payee). */
  readonly account: Uint8Array
  /**
   * The 20-byte token this instance is configured to settle in (20 zero bytes: native coin);
   * undefined when none was configured. A wallet's payee side accepts channels funded in it, and
   * only in it, unless told otherwise (`acceptTokens`).
   */
  readonly token?: Uint8Array | undefined

  /** Current settlement time, unix seconds (block time on a chain). */
  now(): Promise<bigint>
  /** Balance of `owner` in `token` (20 zero bytes: native coin). */
  balanceOf(owner: Uint8Array, token: Uint8Array): Promise<bigint>

  open(params: OpenChannelParams): Promise<{ channelId: Uint8Array; tx: TxRef }>
  topUp(channelId: Uint8Array, amount: bigint): Promise<TxRef>
  getChannel(channelId: Uint8Array): Promise<SettledChannel | undefined>

  /** Unilateral close with the payer's signed state (either party). Starts the dispute window. */
  close(state: SignedState): Promise<TxRef>
  /** A strictly newer state inside the dispute window; never lowers the payee's amount. */
  challenge(state: SignedState): Promise<TxRef>
  /** Both settlement keys sign the final split; pays out at once. */
  cooperativeClose(close: {
    channelId: Uint8Array
    sequence: bigint
    payeeAmount: bigint
    payerSignature: Uint8Array
    payeeSignature: Uint8Array
  }): Promise<TxRef>
  /** Claims a lock of the closing state with its preimage, before the lock's expiry. */
  claimLock(channelId: Uint8Array, lock: LockLeaf, preimage: Uint8Array, proof: Uint8Array[]): Promise<TxRef>
  /**
   * Claims a lock of ANY payer-signed `state` of a closing channel (signature checked, proof
   * against `state.locksRoot`), under the same conditions as `claimLock`, once per (state, lock).
   * The payee's answer to a payer that closes with a newer state that dropped a revealed lock.
   * It raises `floor` to `state.cumulativePaid + locks claimed against state`; the payee is paid
   * the larger of that and the closing state's due, never the sum.
   */
  claimLockFrom(state: SignedState, lock: LockLeaf, preimage: Uint8Array, proof: Uint8Array[]): Promise<TxRef>
  /** After the dispute window: pays the payee its due and the payer the rest, once. */
  withdraw(channelId: Uint8Array): Promise<TxRef>
  /** After `expiry + disputeWindow` on a channel nobody closed: the whole deposit back to the payer. */
  refund(channelId: Uint8Array): Promise<TxRef>

  /** Follows settlement events from `fromHeight` (inclusive); returns an unsubscribe function. */
  watch(listener: (event: SettlementEvent) => void, fromHeight?: bigint): () => void
  /** Releases resources (RPC connections, file handles, child processes it owns). */
  stop(): Promise<void>
}
