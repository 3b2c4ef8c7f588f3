import type { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { GroupCommit } from '../../src/index.js'

/** A database whose COMMIT fails once `failing` is set (a full disk, an I/O error). */
function flakyDb() {
  const state = { failing: false, commits: 0, rollbacks: 0, inTx: false }
  const db = {
    get isTransaction() {
      return state.inTx
    },
    exec(sql: string) {
      if (sql.startsWith('BEGIN')) state.inTx = true
      if (sql === 'ROLLBACK') {
        state.inTx = false
        state.rollbacks++
      }
      if (sql === 'COMMIT') {
        if (state.failing) throw Object.assign(new Error('disk I/O error'), { errcode: 10 })
        state.inTx = false
        state.commits++
      }
    },
  }
  return { db: db as unknown as DatabaseSync, state }
}

describe('GroupCommit', () => {
  it('resolves every writer of a batch after its one commit, in order', async () => {
    const { db, state } = flakyDb()
    const gc = new GroupCommit(db, 'mem')
    const order: number[] = []
    await Promise.all(Array.from({ length: 100 }, (_, i) => gc.enqueue(() => order.push(i))))
    expect(state.commits).toBe(1)
    expect(order).toEqual(Array.from({ length: 100 }, (_, i) => i))
  })

  it('a lazy write waits for the next commit another write causes, and shares it', async () => {
    const { db, state } = flakyDb()
    const gc = new GroupCommit(db, 'mem')
    const written: string[] = []
    let lazyDone = false
    const lazy = gc
      .enqueueLazy(() => written.push('lazy'), 'k')
      .then(() => {
        lazyDone = true
      })
    // Nothing scheduled a commit: a full turn of the event loop later the write is still queued.
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setImmediate(resolve))
    expect(state.commits).toBe(0)
    expect(lazyDone).toBe(false)
    await gc.enqueue(() => written.push('durable'))
    await lazy
    expect(state.commits).toBe(1)
    expect(written).toEqual(['lazy', 'durable'])
  })

  it('close commits lazy writes still queued', async () => {
    const { db, state } = flakyDb()
    const gc = new GroupCommit(db, 'mem')
    const lazy = gc.enqueueLazy(() => {})
    gc.close()
    await lazy
    expect(state.commits).toBe(1)
  })

  it('collapses rewrites of one key in a batch to the last', async () => {
    const { db } = flakyDb()
    const gc = new GroupCommit(db, 'mem')
    const written: string[] = []
    await Promise.all(['a', 'b', 'c'].map((v) => gc.enqueue(() => written.push(v), 'k')))
    expect(written).toEqual(['c'])
  })

  it('a failed commit rejects the whole batch and every later write: the store is failed', async () => {
    const { db, state } = flakyDb()
    const gc = new GroupCommit(db, 'mem')
    await gc.enqueue(() => undefined)
    state.failing = true
    const batch = await Promise.allSettled([gc.enqueue(() => undefined), gc.enqueue(() => undefined)])
    expect(batch.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect((batch[0] as PromiseRejectedResult).reason).toMatchObject({ name: 'StoreFailedError' })
    expect(state.rollbacks).toBe(1)
    state.failing = false
    await expect(gc.enqueue(() => undefined)).rejects.toMatchObject({ name: 'StoreFailedError' })
  })

  it('refuses writes after close', async () => {
    const { db } = flakyDb()
    const gc = new GroupCommit(db, 'mem')
    gc.close()
    await expect(gc.enqueue(() => undefined)).rejects.toMatchObject({ name: 'StoreClosedError' })
  })
})
