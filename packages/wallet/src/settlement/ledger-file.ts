/**
 * The storage half of LocalLedger: one SQLite file (WAL, synchronous=FULL, busy timeout) with
 * balances, minted totals, channels, lock claims and an event log. Every change runs in one
 * `BEGIN IMMEDIATE` transaction, so several processes can share the file safely.
 */
import { randomBytes } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import { openDatabase } from '../store/database.js'
import { decodeRecord, encodeRecord } from '../store/records.js'
import { LedgerChannelNotFoundError, LedgerInsufficientFundsError } from './errors.js'
import type { SettledChannel, SettlementEvent, TxRef } from './types.js'

/** "BZLG" */
const APPLICATION_ID = 0x425a4c47
export const DEFAULT_LEDGER_CHAIN_ID = 1337n

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS balances (account BLOB NOT NULL, token BLOB NOT NULL, amount TEXT NOT NULL,
  PRIMARY KEY (account, token)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS minted (token BLOB PRIMARY KEY, amount TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS channels (id BLOB PRIMARY KEY, record TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS claims (claim BLOB PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS claimed_against (digest BLOB PRIMARY KEY, amount TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (height INTEGER PRIMARY KEY AUTOINCREMENT, record TEXT NOT NULL);
`

/** A channel as the ledger stores it: the settlement view plus the claim epoch. */
export interface LedgerChannel extends SettledChannel {
  /** Sequence at which the locks root last changed: claims are keyed by it (as on chain). */
  epoch: bigint
}

/** Totals of one token, for the balance invariant `minted = balances + held`. */
export interface LedgerTotals {
  minted: bigint
  balances: bigint
  /** Deposits of channels that have not paid out. */
  held: bigint
}

/** A settlement event without its height (the file assigns it). */
export type EventBody = SettlementEvent extends infer E
  ? E extends unknown
    ? Omit<E, 'height'>
    : never
  : never

export class LedgerFile {
  private constructor(
    private readonly db: DatabaseSync,
    readonly chainId: bigint,
    readonly address: Uint8Array,
  ) {}

  /** Opens (or creates, with `chainId` and a random address) the ledger file. */
  static open(path: string, chainId: bigint | undefined, busyTimeoutMs: number): LedgerFile {
    const db = openDatabase(path, { applicationId: APPLICATION_ID, busyTimeoutMs })
    try {
      db.exec('BEGIN IMMEDIATE')
      db.exec(SCHEMA)
      const get = db.prepare('SELECT value FROM meta WHERE key = ?')
      if (get.get('chain_id') === undefined) {
        const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
        put.run('chain_id', String(chainId ?? DEFAULT_LEDGER_CHAIN_ID))
        put.run('address', randomBytes(20).toString('hex'))
      }
      const chain = (get.get('chain_id') as { value: string }).value
      const address = (get.get('address') as { value: string }).value
      db.exec('COMMIT')
      return new LedgerFile(db, BigInt(chain), new Uint8Array(Buffer.from(address, 'hex')))
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK')
      db.close()
      throw err
    }
  }

  /** Runs `fn` in one write transaction (other processes wait on the busy timeout). */
  tx<T>(fn: () => T): T {
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

  /** Appends an event at the next height (inside a transaction). */
  emit(event: EventBody): TxRef {
    const height = this.height() + 1n
    const info = this.db
      .prepare('INSERT INTO events (height, record) VALUES (?, ?)')
      .run(height, encodeRecord({ ...event, height }))
    return { ref: `ledger:${info.lastInsertRowid}`, height }
  }

  height(): bigint {
    const row = this.db.prepare('SELECT max(height) AS h FROM events').get() as { h: number | null }
    return BigInt(row.h ?? 0)
  }

  /** Events with height >= `from`, in order. */
  eventsFrom(from: bigint): SettlementEvent[] {
    const rows = this.db
      .prepare('SELECT record FROM events WHERE height >= ? ORDER BY height')
      .all(from) as Array<{
      record: string
    }>
    return rows.map((r) => decodeRecord<SettlementEvent>(r.record))
  }

  balance(owner: Uint8Array, token: Uint8Array): bigint {
    const row = this.db
      .prepare('SELECT amount FROM balances WHERE account = ? AND token = ?')
      .get(owner, token) as { amount: string } | undefined
    return row === undefined ? 0n : BigInt(row.amount)
  }

  /** Adds `amount` (may be negative) to a balance; never below zero. */
  credit(owner: Uint8Array, token: Uint8Array, amount: bigint): void {
    const next = this.balance(owner, token) + amount
    if (next < 0n) throw new LedgerInsufficientFundsError()
    this.db
      .prepare('INSERT OR REPLACE INTO balances (account, token, amount) VALUES (?, ?, ?)')
      .run(owner, token, next.toString())
  }

  /** Credits new money and counts it as minted. */
  mint(account: Uint8Array, token: Uint8Array, amount: bigint): void {
    this.credit(account, token, amount)
    const row = this.db.prepare('SELECT amount FROM minted WHERE token = ?').get(token) as
      | { amount: string }
      | undefined
    const total = (row === undefined ? 0n : BigInt(row.amount)) + amount
    this.db
      .prepare('INSERT OR REPLACE INTO minted (token, amount) VALUES (?, ?)')
      .run(token, total.toString())
  }

  find(channelId: Uint8Array): LedgerChannel | undefined {
    const row = this.db.prepare('SELECT record FROM channels WHERE id = ?').get(channelId) as
      | { record: string }
      | undefined
    if (row === undefined) return undefined
    const channel = decodeRecord<LedgerChannel>(row.record)
    // Files written before claims against earlier states existed have no floor.
    return { ...channel, floor: channel.floor ?? 0n }
  }

  load(channelId: Uint8Array): LedgerChannel {
    const channel = this.find(channelId)
    if (channel === undefined) throw new LedgerChannelNotFoundError(channelId)
    return channel
  }

  save(channel: LedgerChannel): void {
    this.db
      .prepare('INSERT OR REPLACE INTO channels (id, record) VALUES (?, ?)')
      .run(channel.channelId, encodeRecord(channel))
  }

  isClaimed(key: Uint8Array): boolean {
    return this.db.prepare('SELECT 1 FROM claims WHERE claim = ?').get(key) !== undefined
  }

  claim(key: Uint8Array): void {
    this.db.prepare('INSERT INTO claims (claim) VALUES (?)').run(key)
  }

  /** Sum of the locks claimed against the state with this EIP-712 digest (`claimLockFrom`). */
  claimedAgainst(digest: Uint8Array): bigint {
    const row = this.db.prepare('SELECT amount FROM claimed_against WHERE digest = ?').get(digest) as
      | { amount: string }
      | undefined
    return row === undefined ? 0n : BigInt(row.amount)
  }

  setClaimedAgainst(digest: Uint8Array, amount: bigint): void {
    this.db
      .prepare('INSERT OR REPLACE INTO claimed_against (digest, amount) VALUES (?, ?)')
      .run(digest, amount.toString())
  }

  /** Sums for the invariant `minted = balances + held`. */
  totals(token: Uint8Array): LedgerTotals {
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

  close(): void {
    if (this.db.isOpen) this.db.close()
  }
}
