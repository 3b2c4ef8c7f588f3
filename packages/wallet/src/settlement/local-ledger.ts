/**
 * LocalLedger: a `Settlement` kept in one SQLite file on this machine, for development and
 * simulation on ONE host. Every node of a simulation, and several processes, can share the file
 * (ledger-file.ts). It enforces the BazaarChannels contract's rules, in the contract's order and
 * with its error names (`.rule`), over the same EIP-712 secp256k1 signatures (domain: the ledger's
 * chain id and 20-byte address), so channel code has one code path.
 */
import {
  type ChannelState,
  channelIdOf,
  cooperativeCloseDigest,
  keccak256,
  lockLeaf,
  preimageMatches,
  secpRecoverAddress,
  updateDigest,
  verifyLockProof,
} from '@bazaar/protocol'
import {
  LedgerAlreadyPaidOutError,
  LedgerAmountAboveDepositError,
  LedgerAmountLoweredError,
  LedgerChannelExistsError,
  LedgerChannelExpiredError,
  LedgerChannelNotOpenError,
  LedgerInsufficientFundsError,
  LedgerInvalidDisputeWindowError,
  LedgerInvalidExpiryError,
  LedgerInvalidPayeeError,
  LedgerInvalidSignatureError,
  LedgerLockClaimedError,
  LedgerLockExpiredError,
  LedgerLockNotFoundError,
  LedgerLocksAboveTotalError,
  LedgerNotClosingError,
  LedgerNotExpiredError,
  LedgerNotPartyError,
  LedgerNotPayerError,
  LedgerStaleStateError,
  LedgerWindowOpenError,
  LedgerWindowOverError,
  LedgerWrongPreimageError,
  LedgerZeroAmountError,
} from './errors.js'
import { type LedgerChannel, LedgerFile, type LedgerTotals } from './ledger-file.js'
import type {
  LockLeaf,
  OpenChannelParams,
  SettledChannel,
  Settlement,
  SettlementEvent,
  SignedState,
  TxRef,
} from './types.js'

const ZERO32 = new Uint8Array(32)
const NATIVE = new Uint8Array(20)

export interface LocalLedgerOptions {
  /** The shared ledger file. */
  path: string
  /** The 20-byte settlement address this instance acts as. */
  account: Uint8Array
  /** Chain id of a NEW ledger file (default 1337); an existing file keeps its own. */
  chainId?: bigint
  /** Settlement time in unix seconds (tests pass a controllable clock). */
  clock?: () => bigint
  /** How often `watch` polls the file for other processes' events, ms (default 100). */
  pollMs?: number
  /** The 20-byte token this instance settles in (20 zero bytes: native coin); see `Settlement.token`. */
  token?: Uint8Array
  /** Wait for another process's write lock, ms (default 10 000). */
  busyTimeoutMs?: number
}

/** Claims are keyed by (channel, epoch, leaf) like the contract's, so a new root starts afresh. */
function claimKey(channelId: Uint8Array, epoch: bigint, leaf: Uint8Array): Uint8Array {
  const buf = new Uint8Array(72)
  buf.set(channelId, 0)
  new DataView(buf.buffer).setBigUint64(32, epoch)
  buf.set(leaf, 40)
  return keccak256(buf)
}

/** Claims against a given state (`claimLockFrom`) are keyed by (state digest, leaf), as on chain. */
function stateClaimKey(digest: Uint8Array, leaf: Uint8Array): Uint8Array {
  const buf = new Uint8Array(64)
  buf.set(digest, 0)
  buf.set(leaf, 32)
  return keccak256(buf)
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0

export class LocalLedger implements Settlement {
  readonly chainId: bigint
  readonly contract: Uint8Array
  readonly account: Uint8Array
  readonly token: Uint8Array | undefined
  private readonly clock: () => bigint
  private readonly pollMs: number
  private readonly timers = new Set<NodeJS.Timeout>()

  private constructor(
    private readonly file: LedgerFile,
    options: LocalLedgerOptions,
  ) {
    this.chainId = file.chainId
    this.contract = file.address
    this.account = options.account
    this.token = options.token === undefined ? undefined : Uint8Array.from(options.token)
    this.clock = options.clock ?? (() => BigInt(Math.floor(Date.now() / 1000)))
    this.pollMs = options.pollMs ?? 100
  }

  /** Opens (or creates) the ledger file and acts as `options.account`. */
  static async open(options: LocalLedgerOptions): Promise<LocalLedger> {
    if (options.account.byteLength !== 20) throw new RangeError('account must be a 20-byte address')
    if (options.token !== undefined && options.token.byteLength !== 20) {
      throw new RangeError('token must be a 20-byte address')
    }
    return new LocalLedger(
      LedgerFile.open(options.path, options.chainId, options.busyTimeoutMs ?? 10_000),
      options,
    )
  }

  private isParty(channel: LedgerChannel): boolean {
    return same(channel.payer, this.account) || same(channel.payee, this.account)
  }

  private recover(channelId: Uint8Array, digest: Uint8Array, signature: Uint8Array): Uint8Array {
    try {
      return secpRecoverAddress(digest, signature)
    } catch (cause) {
      throw new LedgerInvalidSignatureError(channelId, { cause })
    }
  }

  /** The contract's `_checkAmounts` and `_checkSigner` for a payer-signed state; returns its digest. */
  private checkState(channel: LedgerChannel, state: SignedState): Uint8Array {
    if (state.cumulativePaid + state.lockedTotal > channel.deposit) {
      throw new LedgerAmountAboveDepositError(channel.channelId)
    }
    const digest = updateDigest({ chainId: this.chainId, contract: this.contract }, state as ChannelState)
    if (!same(this.recover(channel.channelId, digest, state.signature), channel.payer)) {
      throw new LedgerInvalidSignatureError(channel.channelId)
    }
    return digest
  }

  private payOut(
    channel: LedgerChannel,
    toPayee: bigint,
    reason: 'withdraw' | 'refund' | 'cooperative',
  ): TxRef {
    const paid = toPayee > channel.deposit ? channel.deposit : toPayee
    const toPayer = channel.deposit - paid
    this.file.credit(channel.payee, channel.token, paid)
    this.file.credit(channel.payer, channel.token, toPayer)
    this.file.save({ ...channel, status: 'closed', paidOut: true })
    return this.file.emit({ type: 'paid-out', channelId: channel.channelId, toPayee: paid, toPayer, reason })
  }

  async now(): Promise<bigint> {
    return this.clock()
  }

  async balanceOf(owner: Uint8Array, token: Uint8Array): Promise<bigint> {
    return this.file.balance(owner, token)
  }

  /** Development funding: credits `amount` of `token` (default: the native coin) to `account`. */
  async mint(account: Uint8Array, amount: bigint, token: Uint8Array = NATIVE): Promise<void> {
    this.file.tx(() => this.file.mint(account, token, amount))
  }

  /** Sums for the invariant `minted = balances + held` (tests, simulation reports). */
  totals(token: Uint8Array = NATIVE): LedgerTotals {
    return this.file.totals(token)
  }

  async open(params: OpenChannelParams): Promise<{ channelId: Uint8Array; tx: TxRef }> {
    const channelId = channelIdOf({
      chainId: this.chainId,
      contract: this.contract,
      payer: this.account,
      ...params,
    })
    const now = this.clock()
    const tx = this.file.tx(() => {
      if (params.payee.every((b) => b === 0) || same(params.payee, this.account))
        throw new LedgerInvalidPayeeError()
      if (params.deposit <= 0n) throw new LedgerZeroAmountError()
      if (params.expiry <= now) throw new LedgerInvalidExpiryError(channelId)
      if (params.disputeWindow <= 0n) throw new LedgerInvalidDisputeWindowError(channelId)
      if (this.file.find(channelId) !== undefined) throw new LedgerChannelExistsError(channelId)
      if (this.file.balance(this.account, params.token) < params.deposit) {
        throw new LedgerInsufficientFundsError(channelId)
      }
      this.file.credit(this.account, params.token, -params.deposit)
      this.file.save({
        channelId,
        payer: this.account,
        payee: params.payee,
        token: params.token,
        deposit: params.deposit,
        expiry: params.expiry,
        disputeWindow: params.disputeWindow,
        nonce: params.nonce,
        status: 'open',
        sequence: 0n,
        cumulativePaid: 0n,
        lockedTotal: 0n,
        locksRoot: ZERO32,
        claimed: 0n,
        floor: 0n,
        closeDeadline: 0n,
        paidOut: false,
        epoch: 0n,
      })
      return this.file.emit({
        type: 'opened',
        channelId,
        payer: this.account,
        payee: params.payee,
        deposit: params.deposit,
      })
    })
    return { channelId, tx }
  }

  async topUp(channelId: Uint8Array, amount: bigint): Promise<TxRef> {
    const now = this.clock()
    return this.file.tx(() => {
      const channel = this.file.load(channelId)
      if (!same(channel.payer, this.account)) throw new LedgerNotPayerError(channelId)
      if (channel.status !== 'open') throw new LedgerChannelNotOpenError(channelId)
      if (now >= channel.expiry) throw new LedgerChannelExpiredError(channelId)
      if (amount <= 0n) throw new LedgerZeroAmountError(channelId)
      if (this.file.balance(this.account, channel.token) < amount)
        throw new LedgerInsufficientFundsError(channelId)
      this.file.credit(this.account, channel.token, -amount)
      const deposit = channel.deposit + amount
      this.file.save({ ...channel, deposit })
      return this.file.emit({ type: 'topped-up', channelId, deposit })
    })
  }

  async getChannel(channelId: Uint8Array): Promise<SettledChannel | undefined> {
    const found = this.file.find(channelId)
    if (found === undefined) return undefined
    const { epoch: _epoch, ...view } = found
    return view
  }

  async close(state: SignedState): Promise<TxRef> {
    const now = this.clock()
    return this.file.tx(() => {
      const channel = this.file.load(state.channelId)
      if (!this.isParty(channel)) throw new LedgerNotPartyError(state.channelId)
      if (channel.status !== 'open') throw new LedgerChannelNotOpenError(state.channelId)
      if (now >= channel.expiry + channel.disputeWindow) throw new LedgerChannelExpiredError(state.channelId)
      if (state.sequence === 0n) throw new LedgerStaleStateError(state.channelId)
      this.checkState(channel, state)
      const closeDeadline = now + channel.disputeWindow
      const { sequence, cumulativePaid, lockedTotal, locksRoot } = state
      this.file.save({
        ...channel,
        ...{ sequence, cumulativePaid, lockedTotal, locksRoot },
        status: 'closing',
        closeDeadline,
        claimed: 0n,
        epoch: sequence,
      })
      return this.file.emit({
        type: 'closing',
        channelId: state.channelId,
        sequence,
        cumulativePaid,
        closeDeadline,
        by: this.account,
      })
    })
  }

  async challenge(state: SignedState): Promise<TxRef> {
    const now = this.clock()
    return this.file.tx(() => {
      const channel = this.file.load(state.channelId)
      if (!this.isParty(channel)) throw new LedgerNotPartyError(state.channelId)
      if (channel.status !== 'closing') throw new LedgerNotClosingError(state.channelId)
      if (now >= channel.closeDeadline) throw new LedgerWindowOverError(state.channelId)
      if (state.sequence <= channel.sequence) throw new LedgerStaleStateError(state.channelId)
      // Claims stay valid only against the same root; otherwise they are dropped and the new
      // state must pay at least what was claimed (a lock folded into it must not pay twice).
      const keepClaims = same(state.locksRoot, channel.locksRoot) && channel.claimed <= state.lockedTotal
      const floor = keepClaims ? channel.cumulativePaid : channel.cumulativePaid + channel.claimed
      if (state.cumulativePaid < floor) throw new LedgerAmountLoweredError(state.channelId)
      this.checkState(channel, state)
      const { sequence, cumulativePaid, lockedTotal } = state
      this.file.save(
        keepClaims
          ? { ...channel, sequence, cumulativePaid, lockedTotal }
          : {
              ...channel,
              sequence,
              cumulativePaid,
              lockedTotal,
              locksRoot: state.locksRoot,
              claimed: 0n,
              epoch: sequence,
            },
      )
      return this.file.emit({
        type: 'challenged',
        channelId: state.channelId,
        sequence,
        cumulativePaid,
        by: this.account,
      })
    })
  }

  async cooperativeClose(close: {
    channelId: Uint8Array
    sequence: bigint
    payeeAmount: bigint
    payerSignature: Uint8Array
    payeeSignature: Uint8Array
  }): Promise<TxRef> {
    return this.file.tx(() => {
      const channel = this.file.load(close.channelId)
      if (channel.paidOut) throw new LedgerAlreadyPaidOutError(close.channelId)
      if (close.payeeAmount > channel.deposit) throw new LedgerAmountAboveDepositError(close.channelId)
      const digest = cooperativeCloseDigest({ chainId: this.chainId, contract: this.contract }, close)
      if (
        !same(this.recover(close.channelId, digest, close.payerSignature), channel.payer) ||
        !same(this.recover(close.channelId, digest, close.payeeSignature), channel.payee)
      ) {
        throw new LedgerInvalidSignatureError(close.channelId)
      }
      return this.payOut(channel, close.payeeAmount, 'cooperative')
    })
  }

  /** The contract's `_claimable`: closing, inside the window, lock unexpired, right preimage. */
  private claimable(channelId: Uint8Array, lock: LockLeaf, preimage: Uint8Array, now: bigint): LedgerChannel {
    const channel = this.file.load(channelId)
    if (channel.status !== 'closing') throw new LedgerNotClosingError(channelId)
    if (now >= channel.closeDeadline) throw new LedgerWindowOverError(channelId)
    if (now >= lock.expiry) throw new LedgerLockExpiredError(channelId)
    if (!preimageMatches(lock, preimage)) throw new LedgerWrongPreimageError(channelId)
    return channel
  }

  private lockClaimed(channelId: Uint8Array, lock: LockLeaf, preimage: Uint8Array): TxRef {
    return this.file.emit({
      type: 'lock-claimed',
      channelId,
      lockHash: lock.hash,
      amount: lock.amount,
      preimage: Uint8Array.from(preimage),
    })
  }

  async claimLock(
    channelId: Uint8Array,
    lock: LockLeaf,
    preimage: Uint8Array,
    proof: Uint8Array[],
  ): Promise<TxRef> {
    const now = this.clock()
    return this.file.tx(() => {
      const channel = this.claimable(channelId, lock, preimage, now)
      if (!verifyLockProof(channel.locksRoot, lock, proof)) throw new LedgerLockNotFoundError(channelId)
      const key = claimKey(channelId, channel.epoch, lockLeaf(lock))
      if (this.file.isClaimed(key)) throw new LedgerLockClaimedError(channelId)
      if (channel.claimed + lock.amount > channel.lockedTotal) throw new LedgerLocksAboveTotalError(channelId)
      this.file.claim(key)
      this.file.save({ ...channel, claimed: channel.claimed + lock.amount })
      return this.lockClaimed(channelId, lock, preimage)
    })
  }

  /**
   * The contract's `claimLockFrom`: a lock of any payer-signed state, proved against that state's
   * root; claims are keyed by (state digest, leaf) and summed per state; the floor keeps the
   * best `state.cumulativePaid + claimed against state`.
   */
  async claimLockFrom(
    state: SignedState,
    lock: LockLeaf,
    preimage: Uint8Array,
    proof: Uint8Array[],
  ): Promise<TxRef> {
    const now = this.clock()
    const { channelId } = state
    return this.file.tx(() => {
      const channel = this.claimable(channelId, lock, preimage, now)
      const digest = this.checkState(channel, state)
      const leaf = lockLeaf(lock)
      if (!verifyLockProof(state.locksRoot, lock, proof)) throw new LedgerLockNotFoundError(channelId)
      const key = stateClaimKey(digest, leaf)
      if (this.file.isClaimed(key)) throw new LedgerLockClaimedError(channelId)
      const claimed = this.file.claimedAgainst(digest) + lock.amount
      if (claimed > state.lockedTotal) throw new LedgerLocksAboveTotalError(channelId)
      this.file.claim(key)
      this.file.setClaimedAgainst(digest, claimed)
      const value = state.cumulativePaid + claimed
      if (value > channel.floor) this.file.save({ ...channel, floor: value })
      return this.lockClaimed(channelId, lock, preimage)
    })
  }

  async withdraw(channelId: Uint8Array): Promise<TxRef> {
    const now = this.clock()
    return this.file.tx(() => {
      const channel = this.file.load(channelId)
      if (channel.paidOut) throw new LedgerAlreadyPaidOutError(channelId)
      if (channel.status !== 'closing') throw new LedgerNotClosingError(channelId)
      if (now < channel.closeDeadline) throw new LedgerWindowOpenError(channelId)
      let toPayee = channel.cumulativePaid + channel.claimed
      if (channel.floor > toPayee) toPayee = channel.floor // claims against another state (claimLockFrom)
      return this.payOut(channel, toPayee, 'withdraw')
    })
  }

  async refund(channelId: Uint8Array): Promise<TxRef> {
    const now = this.clock()
    return this.file.tx(() => {
      const channel = this.file.load(channelId)
      if (channel.paidOut) throw new LedgerAlreadyPaidOutError(channelId)
      if (channel.status !== 'open') throw new LedgerChannelNotOpenError(channelId)
      if (now < channel.expiry + channel.disputeWindow) throw new LedgerNotExpiredError(channelId)
      return this.payOut(channel, 0n, 'refund')
    })
  }

  /** Polls the file (other processes write it too): there is no cross-process notification. */
  watch(listener: (event: SettlementEvent) => void, fromHeight?: bigint): () => void {
    let next = fromHeight ?? this.file.height() + 1n
    const poll = (): void => {
      for (const event of this.file.eventsFrom(next)) {
        next = event.height + 1n
        try {
          listener(event)
        } catch {
          // A listener's failure must not stop the feed.
        }
      }
    }
    const timer = setInterval(poll, this.pollMs)
    timer.unref()
    this.timers.add(timer)
    queueMicrotask(poll)
    return () => {
      clearInterval(timer)
      this.timers.delete(timer)
    }
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t)
    this.timers.clear()
    this.file.close()
  }
}
