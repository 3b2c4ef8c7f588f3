/**
 * Group commit: every write enqueued while the previous batch is on its way to disk shares one
 * transaction (one WAL fsync under synchronous=FULL). Each writer's promise resolves only once
 * its batch is committed, so "persisted before returning" holds, while throughput is no longer
 * capped by fsync latency.
 *
 * A failed commit is fatal: callers advance their in-memory state before the write is durable,
 * so after a failure the queue refuses every further write until the process restarts.
 */
import type { DatabaseSync } from 'node:sqlite'
import { StoreClosedError, StoreFailedError } from './errors.js'

interface Pending {
  key: string | undefined
  write: () => void
  resolve: () => void
  reject: (err: Error) => void
}

export interface GroupCommitStats {
  commits: number
  writes: number
}

export class GroupCommit {
  private queue: Pending[] = []
  private scheduled = false
  private failure: Error | undefined
  private closed = false
  readonly stats: GroupCommitStats = { commits: 0, writes: 0 }

  constructor(
    private readonly db: DatabaseSync,
    private readonly path: string,
    /** Most writes in one transaction. */
    private readonly maxBatch = 4096,
  ) {}

  /**
   * Enqueues a synchronous write; resolves after the transaction holding it committed. Writes
   * with the same `key` in one batch collapse to the last one (a row rewritten many times).
   */
  enqueue(write: () => void, key?: string): Promise<void> {
    const promise = this.push(write, key)
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => this.flush())
    }
    return promise
  }

  /**
   * Enqueues a write that needs no commit of its own: it rides in the next transaction that
   * another write (or `close`) causes, and resolves then. For state a crash may lose because it
   * is learnt again (a payer's record of the payee's ack), so that it costs no fsync.
   */
  enqueueLazy(write: () => void, key?: string): Promise<void> {
    return this.push(write, key)
  }

  private push(write: () => void, key: string | undefined): Promise<void> {
    if (this.failure !== undefined)
      return Promise.reject(new StoreFailedError(this.path, { cause: this.failure }))
    if (this.closed) return Promise.reject(new StoreClosedError(this.path))
    const { promise, resolve, reject } = Promise.withResolvers<void>()
    this.queue.push({ key, write, resolve, reject })
    return promise
  }

  /** Commits everything queued now (also used by close). */
  flush(): void {
    this.scheduled = false
    while (this.queue.length > 0 && this.failure === undefined) {
      const batch = this.queue.splice(0, this.maxBatch)
      this.commit(batch)
    }
  }

  private commit(batch: Pending[]): void {
    const last = new Map<string, number>()
    batch.forEach((p, i) => {
      if (p.key !== undefined) last.set(p.key, i)
    })
    try {
      this.db.exec('BEGIN IMMEDIATE')
      try {
        batch.forEach((p, i) => {
          if (p.key === undefined || last.get(p.key) === i) p.write()
        })
        this.db.exec('COMMIT')
      } catch (err) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK')
        throw err
      }
    } catch (err) {
      this.failure = err as Error
      const failed = new StoreFailedError(this.path, { cause: err })
      for (const p of [...batch, ...this.queue.splice(0)]) p.reject(failed)
      return
    }
    this.stats.commits++
    this.stats.writes += batch.length
    for (const p of batch) p.resolve()
  }

  /** Commits what is queued and refuses further writes. */
  close(): void {
    this.flush()
    this.closed = true
  }
}
