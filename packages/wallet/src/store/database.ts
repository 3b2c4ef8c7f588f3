/**
 * Opening a SQLite file (node:sqlite, built into Node) the way every Bazaar store needs it:
 * WAL, synchronous=FULL, a busy timeout, and an integrity check that reports damage instead of
 * recreating the file.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { StoreCorruptError } from './errors.js'

export interface OpenDatabaseOptions {
  /** `application_id` stamped in a new file and required in an existing one. */
  applicationId: number
  /** Milliseconds to wait for another process's write lock. */
  busyTimeoutMs?: number
  /** Runs `PRAGMA quick_check` on an existing file (default true). */
  check?: boolean
}

/** Opens (or creates) a database; throws StoreCorruptError on a damaged or foreign file. */
export function openDatabase(path: string, options: OpenDatabaseOptions): DatabaseSync {
  const existed = existsSync(path)
  if (!existed) mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  let db: DatabaseSync | undefined
  try {
    db = new DatabaseSync(path, { timeout: options.busyTimeoutMs ?? 5_000 })
    db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA synchronous = FULL')
    const appId = (db.prepare('PRAGMA application_id').get() as { application_id: number }).application_id
    if (existed && appId !== options.applicationId) {
      const schema = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }
      if (appId !== 0 || schema.n > 0) {
        throw new StoreCorruptError(path, `application_id ${appId}, expected ${options.applicationId}`)
      }
    }
    if (existed && options.check !== false) {
      const rows = db.prepare('PRAGMA quick_check').all() as Array<{ quick_check: string }>
      if (rows.length !== 1 || rows[0]!.quick_check !== 'ok') {
        throw new StoreCorruptError(path, rows.map((r) => r.quick_check).join('; '))
      }
    }
    if (appId !== options.applicationId) db.exec(`PRAGMA application_id = ${options.applicationId | 0}`)
    return db
  } catch (err) {
    db?.close()
    if ((err as Error).name === 'StoreCorruptError') throw err
    const code = (err as { errcode?: number }).errcode
    // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26): damage, not a transient failure.
    if (code === 11 || code === 26 || /malformed|not a database/i.test((err as Error).message)) {
      throw new StoreCorruptError(path, (err as Error).message, { cause: err })
    }
    throw err
  }
}
