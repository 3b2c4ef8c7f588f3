/**
 * The wallet's durable store: one SQLite file (`wallet.db`) in the data directory holding every
 * channel, its update history and the preimages this node learnt. Reads happen at open (the
 * channel manager keeps the working set in memory); writes go through group commit.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { ChannelRecord, UpdateRecord } from '../channels/types.js'
import { openDatabase } from './database.js'
import { StoreCorruptError } from './errors.js'
import { GroupCommit, type GroupCommitStats } from './group-commit.js'
import { decodeRecord, encodeRecord, hex, rowChecksum } from './records.js'

/** "BZWL" */
const APPLICATION_ID = 0x425a574c
const SCHEMA_VERSION = 1
/** SQLite integers are signed 64-bit: sequences above this cannot exist in the store. */
const MAX_SEQUENCE = 2n ** 63n - 1n

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS channels (id BLOB PRIMARY KEY, record TEXT NOT NULL, sum BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS updates (
  channel_id BLOB NOT NULL, sequence INTEGER NOT NULL, record TEXT NOT NULL, sum BLOB NOT NULL,
  PRIMARY KEY (channel_id, sequence)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS preimages (
  hash BLOB PRIMARY KEY, channel_id BLOB NOT NULL, preimage BLOB NOT NULL, sum BLOB NOT NULL) WITHOUT ROWID;
`

export interface PreimageRecord {
  hash: Uint8Array
  channelId: Uint8Array
  preimage: Uint8Array
}

interface Row {
  record: string
  sum: Uint8Array
}

function seqKey(channelId: Uint8Array, sequence: bigint): Uint8Array {
  const key = new Uint8Array(40)
  key.set(channelId, 0)
  new DataView(key.buffer).setBigUint64(32, sequence)
  return key
}

export class WalletStore {
  private readonly commits: GroupCommit
  private readonly putChannelStmt: StatementSync
  private readonly putUpdateStmt: StatementSync
  private readonly getUpdateStmt: StatementSync
  private readonly rangeStmt: StatementSync
  private readonly putPreimageStmt: StatementSync

  private constructor(
    private readonly db: DatabaseSync,
    readonly path: string,
  ) {
    this.commits = new GroupCommit(db, path)
    this.putChannelStmt = db.prepare('INSERT OR REPLACE INTO channels (id, record, sum) VALUES (?, ?, ?)')
    this.putUpdateStmt = db.prepare(
      'INSERT OR REPLACE INTO updates (channel_id, sequence, record, sum) VALUES (?, ?, ?, ?)',
    )
    this.getUpdateStmt = db.prepare('SELECT record, sum FROM updates WHERE channel_id = ? AND sequence = ?')
    this.rangeStmt = db.prepare(
      'SELECT sequence, record, sum FROM updates WHERE channel_id = ? AND sequence >= ? AND sequence <= ? ORDER BY sequence',
    )
    this.putPreimageStmt = db.prepare(
      'INSERT OR IGNORE INTO preimages (hash, channel_id, preimage, sum) VALUES (?, ?, ?, ?)',
    )
  }

  /** Opens (or creates) the store at `path`; a damaged file throws StoreCorruptError. */
  static open(path: string): WalletStore {
    const db = openDatabase(path, { applicationId: APPLICATION_ID })
    try {
      db.exec(SCHEMA)
      const row = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as
        | { value: string }
        | undefined
      if (row === undefined) {
        db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA_VERSION))
      } else if (row.value !== String(SCHEMA_VERSION)) {
        throw new StoreCorruptError(path, `schema version ${row.value}, this build reads ${SCHEMA_VERSION}`)
      }
    } catch (err) {
      db.close()
      throw err
    }
    return new WalletStore(db, path)
  }

  private verify<T>(table: string, key: Uint8Array, row: Row): T {
    const sum = rowChecksum(table, key, row.record)
    if (Buffer.compare(sum, row.sum) !== 0) {
      throw new StoreCorruptError(this.path, `checksum mismatch in ${table} row ${hex(key)}`)
    }
    try {
      return decodeRecord<T>(row.record)
    } catch (cause) {
      throw new StoreCorruptError(this.path, `unreadable ${table} row ${hex(key)}`, { cause })
    }
  }

  /** Every channel, checksums verified. */
  channels(): ChannelRecord[] {
    const rows = this.db.prepare('SELECT id, record, sum FROM channels').all() as unknown as Array<
      Row & { id: Uint8Array }
    >
    return rows.map((r) => this.verify<ChannelRecord>('channels', r.id, r))
  }

  /** One update of a channel's history. */
  update(channelId: Uint8Array, sequence: bigint): UpdateRecord | undefined {
    if (sequence < 0n || sequence > MAX_SEQUENCE) return undefined
    const row = this.getUpdateStmt.get(channelId, sequence) as Row | undefined
    return row === undefined ? undefined : this.verify('updates', seqKey(channelId, sequence), row)
  }

  /** The updates with `from <= sequence <= to`, in order. */
  updates(channelId: Uint8Array, from = 1n, to = MAX_SEQUENCE): UpdateRecord[] {
    if (from > MAX_SEQUENCE || to < 0n) return []
    if (from < 0n) from = 0n
    if (to > MAX_SEQUENCE) to = MAX_SEQUENCE
    const rows = this.rangeStmt.all(channelId, from, to) as unknown as Array<Row & { sequence: number }>
    return rows.map((r) => this.verify<UpdateRecord>('updates', seqKey(channelId, BigInt(r.sequence)), r))
  }

  /** Every preimage this node holds. */
  preimages(): PreimageRecord[] {
    const raw = this.db.prepare('SELECT hash, channel_id, preimage, sum FROM preimages').all() as Array<{
      hash: Uint8Array
      channel_id: Uint8Array
      preimage: Uint8Array
      sum: Uint8Array
    }>
    return raw.map((r) => {
      const sum = rowChecksum('preimages', r.hash, hex(r.preimage) + hex(r.channel_id))
      if (Buffer.compare(sum, r.sum) !== 0) {
        throw new StoreCorruptError(this.path, `checksum mismatch in preimages row ${hex(r.hash)}`)
      }
      return {
        hash: new Uint8Array(r.hash),
        channelId: new Uint8Array(r.channel_id),
        preimage: new Uint8Array(r.preimage),
      }
    })
  }

  /**
   * Writes a channel row; resolves once committed. The record must not be mutated afterwards
   * (callers replace records, never edit them): it is serialised at commit time, and only the
   * last of several writes of one channel in a batch is serialised at all. `lazy`: the write
   * waits for the next commit another write causes (GroupCommit.enqueueLazy) instead of its own.
   */
  putChannel(record: ChannelRecord, options: { lazy?: boolean } = {}): Promise<void> {
    const id = record.channelId
    const write = (): void => {
      const text = encodeRecord(record)
      this.putChannelStmt.run(id, text, rowChecksum('channels', id, text))
    }
    const key = `c:${hex(id)}`
    return options.lazy === true ? this.commits.enqueueLazy(write, key) : this.commits.enqueue(write, key)
  }

  /** Writes an update row; resolves once committed. */
  putUpdate(record: UpdateRecord): Promise<void> {
    const { channelId, sequence } = record.update
    return this.commits.enqueue(() => {
      const text = encodeRecord(record)
      this.putUpdateStmt.run(
        channelId,
        sequence,
        text,
        rowChecksum('updates', seqKey(channelId, sequence), text),
      )
    })
  }

  /** Records a preimage (first write wins); resolves once committed. */
  putPreimage(record: PreimageRecord): Promise<void> {
    const sum = rowChecksum('preimages', record.hash, hex(record.preimage) + hex(record.channelId))
    return this.commits.enqueue(() =>
      this.putPreimageStmt.run(record.hash, record.channelId, record.preimage, sum),
    )
  }

  /** Commit counters (for benchmarks and tests of group commit). */
  get stats(): GroupCommitStats {
    return this.commits.stats
  }

  /** Commits what is queued and closes the file. */
  close(): void {
    if (!this.db.isOpen) return
    this.commits.close()
    this.db.close()
  }
}
