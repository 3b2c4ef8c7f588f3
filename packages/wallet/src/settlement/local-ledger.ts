/**
 * LocalLedger: a `Settlement` kept in one SQLite file on this machine, for development and
 * simulation on ONE host. Every node of a simulation, and several processes, can share the file:
 * each change runs in a `BEGIN IMMEDIATE` transaction (one writer at a time, others wait on the
 * busy timeout). It enforces the contract's rules with the same EIP-712 secp256k1 signatures
 * (domain: its chain id and its 20-byte ledger address), so channel code has one code path.
 */
import { randomBytes } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
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
import { openDatabase } from '../store/database.js'
import { decodeRecord, encodeRecord, hex } from '../store/records.js'
import {
  LedgerAlreadyPaidOutError,
  LedgerAmountAboveDepositError,
  LedgerAmountLoweredError,
  LedgerChannelExistsError,
  LedgerChannelExpiredError,
  LedgerChannelNotFoundError,
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
import type {
  LockLeaf,
  OpenChannelParams,
  SettledChannel,
  Settlement,
  SettlementEvent,
  SignedState,
  TxRef,
} from './types.js'

/** A channel as the ledger stores it: the settlement view plus the claim epoch. */
interface LedgerChannel extends SettledChannel {
  /** Sequence at which the locks root last changed: claims are keyed by it (as on chain). */
  epoch: bigint
}

function claimKey(channelId: Uint8Array, epoch: bigint, leaf: Uint8Array): Uint8Array {
  const buf = new Uint8Array(72)
  buf.set(channelId, 0)
  new DataView(buf.buffer).setBigUint64(32, epoch)
  buf.set(leaf, 40)
  return keccak256(buf)
}

/** "BZLG" */
const APPLICATION_ID = 0x425a4c47
const ZERO32 = new Uint8Array(32)
export const DEFAULT_LEDGER_CHAIN_ID = 1337n

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS balances (account BLOB NOT NULL, token BLOB NOT NULL, amount TEXT NOT NULL,
  PRIMARY KEY (account, token)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS minted (token BLOB PRIMARY KEY, amount TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS channels (id BLOB PRIMARY KEY, record TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS claims (claim BLOB PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (height INTEGER PRIMARY KEY AUTOINCREMENT, record TEXT NOT NULL);
`

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
  /** Wait for another process's write lock, ms (default 10 000). */
  busyTimeoutMs?: number
}

/** Totals of one token, for the balance invariant `minted = balances + held`. */
export interface LedgerTotals {
  minted: bigint
  balances: bigint
  /** Deposits of channels that have not paid out. */
  held: bigint
}

export class LocalLedger implements Settlement {
  readonly chainId: bigint
  readonly contract: Uint8Array
  readonly account: Uint8Array
  private readonly clock: () => bigint
  private readonly pollMs: number
  private readonly timers = new Set<NodeJS.Timeout>()

  private constructor(
    private readonly db: DatabaseSync,
    options: LocalLedgerOptions,
    meta: { chainId: bigint; address: Uint8Array },
  ) {
    this.chainId = meta.chainId
    this.contract = meta.address
    this.account = options.account
    this.clock = options.clock ?? (() => BigInt(Math.floor(Date.now() / 1000)))
    this.pollMs = options.pollMs ?? 100
  }

  /** Opens (or creates) the ledger file and acts as `options.account`. */
  static async open(options: LocalLedgerOptions): Promise<LocalLedger> {
    if (options.account.byteLength !== 20) throw new RangeError('account must be a 20-byte address')
    const db = openDatabase(options.path, {
      applicationId: APPLICATION_ID,
      busyTimeoutMs: options.busyTimeoutMs ?? 10_000,
    })
    db.exec('BEGIN IMMEDIATE')
    try {
      db.exec(SCHEMA)
      const get = db.prepare('SELECT value FROM meta WHERE key = ?')
      let chain = get.get('chain_id') as { value: string } | undefined
      if (chain === undefined) {
        const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
        put.run('chain_id', String(options.chainId ?? DEFAULT_LEDGER_CHAIN_ID))
        put.run('address', randomBytes(20).toString('hex'))
        chain = get.get('chain_id') as { value: string }
      }
      const address = (get.get('address') as { value: string }).value
      db.exec('COMMIT')
      return new LocalLedger(db, options, {
        chainId: BigInt(chain.value),
        address: new Uint8Array(Buffer.from(address, 'hex')),
      })
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK')
      db.close()
      throw err
    }
  }

  /** Another account's view of the same file (same connection, same clock). */
  as(account: Uint8Array): LocalLedger {
    const other = Object.create(LocalLedger.prototype) as LocalLedger
    Object.assign(other, this, { account })
    return other
  }

  private tx<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const out = fn()
      this.db.exec('COMMIT')
      return out
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw err
    }
  }

  private emit(event: SettlementEvent): TxRef {
    const info = this.db.prepare('INSERT INTO events (record) VALUES (?)').run(encodeRecord(event))
    return { ref: `ledger:${info.lastInsertRowid}`, height: BigInt(info.lastInsertRowid) }
  }

  private height(): bigint {
    const row = this.db.prepare('SELECT max(height) AS h FROM events').get() as { h: number | null }
    return BigInt(row.h ?? 0)
  }

  private balance(owner: Uint8Array, token: Uint8Array): bigint {
    const row = this.db
      .prepare('SELECT amount FROM balances WHERE account = ? AND token = ?')
      .get(owner, token) as { amount: string } | undefined
    return row === undefined ? 0n : BigInt(row.amount)
  }

  private credit(owner: Uint8Array, token: Uint8Array, amount: bigint): void {
    const next = this.balance(owner, token) + amount
    if (next < 0n) throw new LedgerInsufficientFundsError()
    this.db
      .prepare('INSERT OR REPLACE INTO balances (account, token, amount) VALUES (?, ?, ?)')
      .run(owner, token, next.toString())
  }

  private load(channelId: Uint8Array): LedgerChannel {
    const row = this.db.prepare('SELECT record FROM channels WHERE id = ?').get(channelId) as
      | { record: string }
      | undefined
    if (row === undefined) throw new LedgerChannelNotFoundError(channelId)
    return decodeRecord<LedgerChannel>(row.record)
  }

  private save(channel: LedgerChannel): void {
    this.db
      .prepare('INSERT OR REPLACE INTO channels (id, record) VALUES (?, ?)')
      .run(channel.channelId, encodeRecord(channel))
  }

  private checkState(channel: LedgerChannel, state: SignedState): void {
    if (Buffer.compare(state.channelId, channel.channelId) !== 0)
      throw new LedgerChannelNotFoundError(state.channelId)
    let signer: Uint8Array
    try {
      const digest = updateDigest({ chainId: this.chainId, contract: this.contract }, state as ChannelState)
      signer = secpRecoverAddress(digest, state.signature)
    } catch (cause) {
      throw new LedgerInvalidSignatureError(channel.channelId, { cause })
    }
    if (Buffer.compare(signer, channel.payer) !== 0) throw new LedgerInvalidSignatureError(channel.channelId)
    if (state.cumulativePaid + state.lockedTotal > channel.deposit) {
      throw new LedgerAmountAboveDepositError(channel.channelId)
    }
  }

  private payOut(
    channel: LedgerChannel,
    toPayee: bigint,
    reason: 'withdraw' | 'refund' | 'cooperative',
  ): TxRef {
    if (channel.paidOut) throw new LedgerAlreadyPaidOutError(channel.channelId)
    const paid = toPayee > channel.deposit ? channel.deposit : toPayee
    const toPayer = channel.deposit - paid
    this.credit(channel.payee, channel.token, paid)
    this.credit(channel.payer, channel.token, toPayer)
    this.save({ ...channel, status: 'closed', paidOut: true })
    const height = this.height() + 1n
    return this.emit({
      type: 'paid-out',
      channelId: channel.channelId,
      toPayee: paid,
      toPayer,
      reason,
      height,
    })
  }

  async now(): Promise<bigint> {
    return this.clock()
  }

  async balanceOf(owner: Uint8Array, token: Uint8Array): Promise<bigint> {
    return this.balance(owner, token)
  }

  /** Development funding: credits `amount` of `token` (default: native) to `account`. */
  async mint(account: Uint8Array, amount: bigint, token: Uint8Array = new Uint8Array(20)): Promise<void> {
    this.tx(() => {
      this.credit(account, token, amount)
      const row = this.db.prepare('SELECT amount FROM minted WHERE token = ?').get(token) as
        | { amount: string }
        | undefined
      const total = (row === undefined ? 0n : BigInt(row.amount)) + amount
      this.db
        .prepare('INSERT OR REPLACE INTO minted (token, amount) VALUES (?, ?)')
        .run(token, total.toString())
    })
  }

  /** Sums for the invariant `minted = balances + held` (tests, simulation reports). */
  totals(token: Uint8Array = new Uint8Array(20)): LedgerTotals {
    const minted = this.db.prepare('SELECT amount FROM minted WHERE token = ?').get(token) as
      | { amount: string }
      | undefined
    const balances = (
      this.db.prepare('SELECT amount FROM balances WHERE token = ?').all(token) as Array<{ amount: string }>
    ).reduce((s, r) => s + BigInt(r.amount), 0n)
    const held = (this.db.prepare('SELECT record FROM channels').all() as Array<{ record: string }>)
      .map((r) => decodeRecord<SettledChannel>(r.record))
      .filter((c) => !c.paidOut && Buffer.compare(c.token, token) === 0)
      .reduce((s, c) => s + c.deposit, 0n)
    return { minted: minted === undefined ? 0n : BigInt(minted.amount), balances, held }
  }

  async open(params: OpenChannelParams): Promise<{ channelId: Uint8Array; tx: TxRef }> {
    const channelId = channelIdOf({
      chainId: this.chainId,
      contract: this.contract,
      payer: this.account,
      ...params,
    })
    const now = this.clock()
    const tx = this.tx(() => {
      if (params.payee.every((b) => b === 0) || Buffer.compare(params.payee, this.account) === 0) {
        throw new LedgerInvalidPayeeError()
      }
      if (params.deposit <= 0n) throw new LedgerZeroAmountError()
      if (params.expiry <= now) throw new LedgerInvalidExpiryError(channelId)
      if (params.disputeWindow <= 0n) throw new LedgerInvalidDisputeWindowError(channelId)
      if (this.db.prepare('SELECT 1 FROM channels WHERE id = ?').get(channelId) !== undefined) {
        throw new LedgerChannelExistsError(channelId)
      }
      if (this.balance(this.account, params.token) < params.deposit)
        throw new LedgerInsufficientFundsError(channelId)
      this.credit(this.account, params.token, -params.deposit)
      this.save({
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
        closeDeadline: 0n,
        paidOut: false,
        epoch: 0n,
      })
      const height = this.height() + 1n
      return this.emit({
        type: 'opened',
        channelId,
        payer: this.account,
        payee: params.payee,
        deposit: params.deposit,
        height,
      })
    })
    return { channelId, tx }
  }

  async topUp(channelId: Uint8Array, amount: bigint): Promise<TxRef> {
    const now = this.clock()
    return this.tx(() => {
      const channel = this.load(channelId)
      if (Buffer.compare(channel.payer, this.account) !== 0) throw new LedgerNotPayerError(channelId)
      if (channel.status !== 'open') throw new LedgerChannelNotOpenError(channelId)
      if (now >= channel.expiry) throw new LedgerChannelExpiredError(channelId)
      if (amount <= 0n) throw new LedgerZeroAmountError(channelId)
      if (this.balance(this.account, channel.token) < amount)
        throw new LedgerInsufficientFundsError(channelId)
      this.credit(this.account, channel.token, -amount)
      const deposit = channel.deposit + amount
      this.save({ ...channel, deposit })
      return this.emit({ type: 'topped-up', channelId, deposit, height: this.height() + 1n })
    })
  }

  async getChannel(channelId: Uint8Array): Promise<SettledChannel | undefined> {
    try {
      const { epoch: _epoch, ...view } = this.load(channelId)
      return view
    } catch (err) {
      if ((err as Error).name === 'LedgerChannelNotFoundError') return undefined
      throw err
    }
  }

  async close(state: SignedState): Promise<TxRef> {
    const now = this.clock()
    return this.tx(() => {
      const channel = this.load(state.channelId)
      const isParty = [channel.payer, channel.payee].some((a) => Buffer.compare(a, this.account) === 0)
      if (!isParty) throw new LedgerNotPartyError(state.channelId)
      if (channel.status !== 'open') throw new LedgerChannelNotOpenError(state.channelId)
      if (now >= channel.expiry + channel.disputeWindow) throw new LedgerChannelExpiredError(state.channelId)
      if (state.sequence === 0n) throw new LedgerStaleStateError(state.channelId)
      this.checkState(channel, state)
      const closeDeadline = now + channel.disputeWindow
      this.save({
        ...channel,
        ...this.stateFields(state),
        status: 'closing',
        closeDeadline,
        claimed: 0n,
        epoch: state.sequence,
      })
      return this.emit({
        type: 'closing',
        channelId: state.channelId,
        sequence: state.sequence,
        cumulativePaid: state.cumulativePaid,
        closeDeadline,
        by: this.account,
        height: this.height() + 1n,
      })
    })
  }

  private stateFields(state: SignedState) {
    return {
      sequence: state.sequence,
      cumulativePaid: state.cumulativePaid,
      lockedTotal: state.lockedTotal,
      locksRoot: state.locksRoot,
    }
  }

  async challenge(state: SignedState): Promise<TxRef> {
    const now = this.clock()
    return this.tx(() => {
      const channel = this.load(state.channelId)
      const isParty = [channel.payer, channel.payee].some((a) => Buffer.compare(a, this.account) === 0)
      if (!isParty) throw new LedgerNotPartyError(state.channelId)
      if (channel.status !== 'closing') throw new LedgerNotClosingError(state.channelId)
      if (now >= channel.closeDeadline) throw new LedgerWindowOverError(state.channelId)
      if (state.sequence <= channel.sequence) throw new LedgerStaleStateError(state.channelId)
      // Claims stay valid only against the same root; otherwise they are dropped and the new
      // state must pay at least what was claimed (a lock folded into it must not pay twice).
      const keepClaims =
        Buffer.compare(state.locksRoot, channel.locksRoot) === 0 && channel.claimed <= state.lockedTotal
      const floor = keepClaims ? channel.cumulativePaid : channel.cumulativePaid + channel.claimed
      if (state.cumulativePaid < floor) throw new LedgerAmountLoweredError(state.channelId)
      this.checkState(channel, state)
      const fields = this.stateFields(state)
      this.save(
        keepClaims
          ? { ...channel, ...fields, locksRoot: channel.locksRoot }
          : { ...channel, ...fields, claimed: 0n, epoch: state.sequence },
      )
      return this.emit({
        type: 'challenged',
        channelId: state.channelId,
        sequence: state.sequence,
        cumulativePaid: state.cumulativePaid,
        by: this.account,
        height: this.height() + 1n,
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
    return this.tx(() => {
      const channel = this.load(close.channelId)
      if (channel.paidOut) throw new LedgerAlreadyPaidOutError(close.channelId)
      const digest = cooperativeCloseDigest({ chainId: this.chainId, contract: this.contract }, close)
      for (const [sig, who] of [
        [close.payerSignature, channel.payer],
        [close.payeeSignature, channel.payee],
      ] as const) {
        let signer: Uint8Array
        try {
          signer = secpRecoverAddress(digest, sig)
        } catch (cause) {
          throw new LedgerInvalidSignatureError(close.channelId, { cause })
        }
        if (Buffer.compare(signer, who) !== 0) throw new LedgerInvalidSignatureError(close.channelId)
      }
      if (close.payeeAmount > channel.deposit) throw new LedgerAmountAboveDepositError(close.channelId)
      return this.payOut(channel, close.payeeAmount, 'cooperative')
    })
  }

  async claimLock(
    channelId: Uint8Array,
    lock: LockLeaf,
    preimage: Uint8Array,
    proof: Uint8Array[],
  ): Promise<TxRef> {
    const now = this.clock()
    return this.tx(() => {
      const channel = this.load(channelId)
      if (channel.status !== 'closing') throw new LedgerNotClosingError(channelId)
      if (now >= channel.closeDeadline) throw new LedgerWindowOverError(channelId)
      if (now >= lock.expiry) throw new LedgerLockExpiredError(channelId)
      if (!preimageMatches(lock, preimage)) throw new LedgerWrongPreimageError(channelId)
      if (!verifyLockProof(channel.locksRoot, lock, proof)) throw new LedgerLockNotFoundError(channelId)
      const key = claimKey(channelId, channel.epoch, lockLeaf(lock))
      if (this.db.prepare('SELECT 1 FROM claims WHERE claim = ?').get(key) !== undefined) {
        throw new LedgerLockClaimedError(channelId)
      }
      if (channel.claimed + lock.amount > channel.lockedTotal) throw new LedgerLocksAboveTotalError(channelId)
      this.db.prepare('INSERT INTO claims (claim) VALUES (?)').run(key)
      this.save({ ...channel, claimed: channel.claimed + lock.amount })
      return this.emit({
        type: 'lock-claimed',
        channelId,
        lockHash: lock.hash,
        amount: lock.amount,
        height: this.height() + 1n,
      })
    })
  }

  async withdraw(channelId: Uint8Array): Promise<TxRef> {
    const now = this.clock()
    return this.tx(() => {
      const channel = this.load(channelId)
      if (channel.paidOut) throw new LedgerAlreadyPaidOutError(channelId)
      if (channel.status !== 'closing') throw new LedgerNotClosingError(channelId)
      if (now < channel.closeDeadline) throw new LedgerWindowOpenError(channelId)
      return this.payOut(channel, channel.cumulativePaid + channel.claimed, 'withdraw')
    })
  }

  async refund(channelId: Uint8Array): Promise<TxRef> {
    const now = this.clock()
    return this.tx(() => {
      const channel = this.load(channelId)
      if (channel.paidOut) throw new LedgerAlreadyPaidOutError(channelId)
      if (channel.status !== 'open') throw new LedgerChannelNotOpenError(channelId)
      if (now < channel.expiry + channel.disputeWindow) throw new LedgerNotExpiredError(channelId)
      return this.payOut(channel, 0n, 'refund')
    })
  }

  watch(listener: (event: SettlementEvent) => void, fromHeight?: bigint): () => void {
    let next = fromHeight ?? this.height() + 1n
    const stmt = this.db.prepare('SELECT height, record FROM events WHERE height >= ? ORDER BY height')
    const poll = (): void => {
      for (const row of stmt.all(next) as Array<{ height: number; record: string }>) {
        next = BigInt(row.height) + 1n
        try {
          listener(decodeRecord<SettlementEvent>(row.record))
        } catch {
          // A listener's failure must not stop the feed for the others.
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
    if (this.db.isOpen) this.db.close()
  }

  /** Hex id (logs, maps). */
  static idHex(channelId: Uint8Array): string {
    return hex(channelId)
  }
}
