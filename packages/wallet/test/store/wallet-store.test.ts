import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ChannelRecord, type UpdateRecord, WalletStore } from '../../src/index.js'
import { tempDir } from '../helpers.js'

function record(i: number): ChannelRecord {
  const id = new Uint8Array(32).fill(i)
  return {
    channelId: id,
    role: 'payer',
    remotePeerKey: new Uint8Array(32).fill(7),
    chainId: 1337n,
    contract: new Uint8Array(20),
    payer: new Uint8Array(20).fill(1),
    payee: new Uint8Array(20).fill(2),
    token: new Uint8Array(20),
    capacity: 10n ** 30n,
    expiry: 2_000_000_000n,
    disputeWindow: 600n,
    nonce: 5n,
    open: { body: new Uint8Array([1, 2]), signature: new Uint8Array(64) },
    status: 'open',
    opening: false,
    latest: undefined,
    stateHash: id,
    acked: 0n,
    behindUntil: 0n,
    createdAt: 1,
  }
}

function updateRow(channelId: Uint8Array, sequence: bigint): UpdateRecord {
  return {
    update: {
      version: 1,
      channelId,
      sequence,
      previousStateHash: new Uint8Array(32),
      cumulativePaid: sequence * 10n,
      lockedTotal: 0n,
      locksRoot: new Uint8Array(32),
      jobId: new Uint8Array(32),
      locks: [],
      signature: new Uint8Array(65),
    },
    stateHash: new Uint8Array(32).fill(Number(sequence % 256n)),
    at: 0,
  }
}

describe('WalletStore', () => {
  let dir: string
  let cleanup: () => Promise<void>
  beforeEach(async () => ({ dir, cleanup } = await tempDir()))
  afterEach(() => cleanup())

  it('round-trips records with bigints and bytes', async () => {
    const path = join(dir, 'w.db')
    const store = WalletStore.open(path)
    await store.putChannel(record(1))
    await store.putUpdate(updateRow(record(1).channelId, 1n))
    store.close()
    const again = WalletStore.open(path)
    expect(again.channels()).toEqual([record(1)])
    expect(again.updates(record(1).channelId)).toEqual([updateRow(record(1).channelId, 1n)])
    again.close()
  })

  it('group commit: 1,000 writes in flight share a handful of transactions', async () => {
    const store = WalletStore.open(join(dir, 'w.db'))
    const id = record(1).channelId
    await store.putChannel(record(1))
    const before = store.stats.commits
    await Promise.all(Array.from({ length: 1000 }, (_, i) => store.putUpdate(updateRow(id, BigInt(i + 1)))))
    expect(store.stats.commits - before).toBeLessThan(5)
    expect(store.updates(id)).toHaveLength(1000)
    store.close()
  })

  it('reports an edited row (checksum) instead of reading it', async () => {
    const path = join(dir, 'w.db')
    const store = WalletStore.open(path)
    await store.putChannel(record(1))
    store.close()
    const raw = new DatabaseSync(path)
    raw.exec(`UPDATE channels SET record = replace(record, '"600"', '"601"')`)
    raw.close()
    const again = WalletStore.open(path)
    expect(() => again.channels()).toThrow(expect.objectContaining({ name: 'StoreCorruptError' }))
    again.close()
  })

  it('reports a damaged file and leaves it in place', async () => {
    const path = join(dir, 'w.db')
    const store = WalletStore.open(path)
    for (let i = 1; i < 50; i++) await store.putChannel(record(i))
    store.close()
    const bytes = await readFile(path)
    bytes.fill(0x5a, 0, 100) // header gone
    await writeFile(path, bytes)
    expect(() => WalletStore.open(path)).toThrow(expect.objectContaining({ name: 'StoreCorruptError' }))
    expect(await readFile(path)).toEqual(bytes)
  })

  it('reports a page damaged in the middle of the file', async () => {
    const path = join(dir, 'w.db')
    const store = WalletStore.open(path)
    for (let i = 1; i < 200; i++) await store.putChannel(record(i))
    store.close()
    const bytes = await readFile(path)
    bytes.fill(0xff, 4096 + 10, 4096 * 3)
    await writeFile(path, bytes)
    let error: unknown
    try {
      const s = WalletStore.open(path)
      s.channels()
      s.close()
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ name: 'StoreCorruptError' })
  })

  it('refuses a database of another application', async () => {
    const path = join(dir, 'other.db')
    const raw = new DatabaseSync(path)
    raw.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)')
    raw.close()
    expect(() => WalletStore.open(path)).toThrow(expect.objectContaining({ name: 'StoreCorruptError' }))
  })
})
