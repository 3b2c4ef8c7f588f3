/**
 * The attestation store: a SQLite file (`node:sqlite`, WAL) in the data directory, so a restarted
 * node keeps what it learnt and can serve catch-up to others.
 *
 * Eviction policy (docs/REPUTATION.md "Store"), applied on every insert and by `pruneExpired`:
 * 1. attestations older than `maxAgeMs` are deleted (they would be rejected on arrival anyway);
 * 2. at most `maxPerSubject` attestations about one subject and `maxPerAttester` from one
 *    attester are kept, the newest by `issued_at` winning, so one busy or flooding key cannot
 *    crowd out the others;
 * 3. beyond `maxAttestations` in total the oldest go first, except those this node issued itself
 *    (`protectedAttester`): its own paid experiences anchor its trust vector.
 *
 * `synchronous=NORMAL` under WAL survives a process crash; a power loss may drop the last
 * commits, which catch-up from peers restores.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type StatementSync } from 'node:sqlite'
import {
  DEFAULT_MAX_ATTESTATION_AGE_MS,
  DEFAULT_STORE_MAX_ATTESTATIONS,
  DEFAULT_STORE_MAX_PER_ATTESTER,
  DEFAULT_STORE_MAX_PER_SUBJECT,
} from './constants.js'
import { ReputationStoreError } from './errors.js'
import type { PeerKeyHex, VerifiedAttestation } from './types.js'

export interface AttestationStoreOptions {
  /** SQLite file path, or `:memory:`. */
  path: string
  maxAttestations?: number
  maxPerSubject?: number
  maxPerAttester?: number
  maxAgeMs?: number
  /** Attester whose attestations the total cap never evicts (this node). */
  protectedAttester?: PeerKeyHex
}

export interface PutResult {
  /** False when the (receipt, attester) key was already stored. */
  inserted: boolean
  /** Ids removed to respect the bounds (maybe the new one itself, if it was the oldest). */
  evicted: string[]
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS attestations (
  id TEXT PRIMARY KEY,
  attester TEXT NOT NULL,
  subject TEXT NOT NULL,
  job_id TEXT NOT NULL,
  skill TEXT NOT NULL,
  rating INTEGER NOT NULL,
  issued_at INTEGER NOT NULL,
  price TEXT NOT NULL,
  asset TEXT NOT NULL,
  role TEXT NOT NULL,
  bytes BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS attestations_by_time ON attestations (issued_at, id);
CREATE INDEX IF NOT EXISTS attestations_by_subject ON attestations (subject, issued_at);
CREATE INDEX IF NOT EXISTS attestations_by_attester ON attestations (attester, issued_at);
`

type Row = Record<string, unknown>

function toAttestation(row: Row): VerifiedAttestation {
  return {
    id: row.id as string,
    bytes: new Uint8Array(row.bytes as Uint8Array),
    attester: row.attester as string,
    subject: row.subject as string,
    jobId: row.job_id as string,
    skill: row.skill as string,
    rating: Number(row.rating),
    issuedAt: Number(row.issued_at),
    price: BigInt(row.price as string),
    asset: row.asset as string,
    role: row.role === 'worker' ? 'worker' : 'client',
  }
}

export class AttestationStore {
  private readonly db: DatabaseSync
  private readonly maxAttestations: number
  private readonly maxPerSubject: number
  private readonly maxPerAttester: number
  private readonly maxAgeMs: number
  private readonly protectedAttester: string
  private readonly stmt: Record<
    'insert' | 'has' | 'count' | 'bySubject' | 'byAttester' | 'since' | 'oldest' | 'expired' | 'del' | 'all',
    StatementSync
  >

  constructor(options: AttestationStoreOptions) {
    this.maxAttestations = options.maxAttestations ?? DEFAULT_STORE_MAX_ATTESTATIONS
    this.maxPerSubject = options.maxPerSubject ?? DEFAULT_STORE_MAX_PER_SUBJECT
    this.maxPerAttester = options.maxPerAttester ?? DEFAULT_STORE_MAX_PER_ATTESTER
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_ATTESTATION_AGE_MS
    this.protectedAttester = options.protectedAttester ?? ''
    try {
      if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true })
      this.db = new DatabaseSync(options.path)
      this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;')
      this.db.exec(SCHEMA)
    } catch (err) {
      throw new ReputationStoreError(`cannot open attestation store ${options.path}`, { cause: err })
    }
    const q = (sql: string): StatementSync => this.db.prepare(sql)
    this.stmt = {
      insert: q(`INSERT OR IGNORE INTO attestations
        (id, attester, subject, job_id, skill, rating, issued_at, price, asset, role, bytes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      has: q('SELECT 1 FROM attestations WHERE id = ?'),
      count: q('SELECT COUNT(*) AS n FROM attestations'),
      bySubject: q(`SELECT id FROM attestations WHERE subject = ?
        ORDER BY issued_at DESC, id DESC LIMIT -1 OFFSET ?`),
      byAttester: q(`SELECT id FROM attestations WHERE attester = ?
        ORDER BY issued_at DESC, id DESC LIMIT -1 OFFSET ?`),
      since: q('SELECT * FROM attestations WHERE issued_at >= ? ORDER BY issued_at, id LIMIT ?'),
      oldest: q('SELECT id FROM attestations WHERE attester != ? ORDER BY issued_at, id LIMIT ?'),
      expired: q('SELECT id FROM attestations WHERE issued_at < ?'),
      del: q('DELETE FROM attestations WHERE id = ?'),
      all: q('SELECT * FROM attestations ORDER BY issued_at, id'),
    }
  }

  /** Stores a verified attestation and applies the bounds, in one transaction. */
  put(a: VerifiedAttestation): PutResult {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const changes = this.stmt.insert.run(
        a.id,
        a.attester,
        a.subject,
        a.jobId,
        a.skill,
        a.rating,
        a.issuedAt,
        a.price.toString(),
        a.asset,
        a.role,
        a.bytes,
      ).changes
      const evicted: string[] = []
      if (Number(changes) > 0) {
        this.collect(this.stmt.bySubject.all(a.subject, this.maxPerSubject), evicted)
        this.collect(this.stmt.byAttester.all(a.attester, this.maxPerAttester), evicted)
        const excess = this.count() - this.maxAttestations
        if (excess > 0) this.collect(this.stmt.oldest.all(this.protectedAttester, excess), evicted)
      }
      this.db.exec('COMMIT')
      return { inserted: Number(changes) > 0, evicted }
    } catch (err) {
      this.db.exec('ROLLBACK')
      throw new ReputationStoreError('cannot store attestation', { cause: err })
    }
  }

  /** Whether an attestation with this id (`jobId:attester`) is stored. */
  has(id: string): boolean {
    return this.stmt.has.get(id) !== undefined
  }

  count(): number {
    return Number((this.stmt.count.get() as Row).n)
  }

  /** Up to `limit` attestations issued at or after `since` (unix ms), oldest first. */
  since(since: number, limit: number): VerifiedAttestation[] {
    return this.stmt.since.all(since, limit).map(toAttestation)
  }

  /** Every stored attestation, oldest first (used to rebuild trust at start). */
  *all(): Generator<VerifiedAttestation> {
    for (const row of this.stmt.all.iterate()) yield toAttestation(row)
  }

  /** Deletes attestations older than the maximum age; returns their ids. */
  pruneExpired(now: number): string[] {
    const evicted: string[] = []
    this.db.exec('BEGIN IMMEDIATE')
    try {
      this.collect(this.stmt.expired.all(now - this.maxAgeMs), evicted)
      this.db.exec('COMMIT')
    } catch (err) {
      this.db.exec('ROLLBACK')
      throw new ReputationStoreError('cannot prune attestations', { cause: err })
    }
    return evicted
  }

  close(): void {
    if (this.db.isOpen) this.db.close()
  }

  private collect(rows: Row[], evicted: string[]): void {
    for (const row of rows) {
      const id = row.id as string
      if (Number(this.stmt.del.run(id).changes) > 0) evicted.push(id)
    }
  }
}
