/**
 * The node's life cycle: state that survives a restart from the data directory, and `stop()`
 * draining in-flight jobs within its grace period.
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBazaarNode, type JobContext } from '../src/index.js'
import { deferred } from './helpers/deferred.js'
import { startLine, stopAll } from './helpers/nodes.js'
import { createPaidNode, tempDir } from './helpers/paid.js'

describe('restart from the data directory', () => {
  it('keeps the identity of a node without a wallet (peer.key in the data directory)', async () => {
    const dir = await tempDir()
    const first = await createBazaarNode({ dataDir: dir })
    const again = await createBazaarNode({ dataDir: dir })
    expect(again.peerId.equals(first.peerId)).toBe(true)
    expect((await createBazaarNode()).peerId.equals(first.peerId)).toBe(false)
    await rm(dir, { recursive: true, force: true })
  })

  it('keeps the identity, the peer store and the channels', async () => {
    const ledgerPath = join(await tempDir('bazaar-ledger-'), 'ledger.db')
    const dir = await tempDir()
    const other = await createBazaarNode()
    await other.start()
    const first = await createPaidNode(ledgerPath, 0n, { bootstrap: other.getMultiaddrs().map(String) }, dir)
    await first.node.start()
    const peerId = first.node.peerId.toString()
    expect(first.node.libp2p.getConnections(other.peerId).length).toBeGreaterThan(0)
    await first.node.stop()
    await first.wallet.close()
    await first.ledger.stop()

    const again = await createPaidNode(ledgerPath, 0n, {}, dir)
    expect(again.node.peerId.toString()).toBe(peerId)
    expect(await again.node.libp2p.peerStore.has(other.peerId)).toBe(true)
    const known = await again.node.libp2p.peerStore.get(other.peerId)
    expect(known.addresses.map((a) => a.multiaddr.toString())).toContain(
      other.getMultiaddrs()[0]!.decapsulate('/p2p').toString(),
    )
    await again.node.stop()
    await again.wallet.close()
    await again.ledger.stop()
    await other.stop()
    await rm(dir, { recursive: true, force: true })
  })
})

describe('stop({ graceMs }) drains', () => {
  it('lets a running job finish, refuses new ones, cancels what outlives the grace', async () => {
    const nodes = await startLine(2)
    const [client, worker] = nodes as [(typeof nodes)[0], (typeof nodes)[0]]
    const started = deferred<JobContext>()
    const finish = deferred<string>()
    await worker.skills.advertise({ id: 'slow', price: 0n }, (job) => {
      started.resolve(job)
      return finish.promise
    })
    const stuck = deferred<JobContext>()

    const finishing = client.jobs.hire({ skill: 'slow', input: 'a', budget: 0n, peer: worker.peerId })
    await started.promise
    const stopping = worker.stop({ graceMs: 5_000 })
    await expect(
      client.jobs.hire({ skill: 'slow', input: 'b', budget: 0n, peer: worker.peerId }),
    ).rejects.toMatchObject({ name: 'ShuttingDownError', remote: true })
    finish.resolve('done in time')
    await expect(finishing).resolves.toMatchObject({ contentType: 'text/plain' })
    await stopping

    // A second worker whose job never ends within the grace: its client hears SHUTTING_DOWN.
    const [, worker2] = (await startLine(2)) as [(typeof nodes)[0], (typeof nodes)[0]]
    nodes.push(worker2)
    await worker2.skills.advertise({ id: 'stuck', price: 0n }, (job) => {
      stuck.resolve(job)
      return new Promise((_, reject) => job.signal.addEventListener('abort', () => reject(job.signal.reason)))
    })
    await client.libp2p.dial(worker2.getMultiaddrs()[0]!)
    const cut = client.jobs.hire({ skill: 'stuck', input: 'c', budget: 0n, peer: worker2.peerId })
    const refused = expect(cut).rejects.toMatchObject({ name: 'ShuttingDownError', remote: true })
    const job = await stuck.promise
    await worker2.stop({ graceMs: 100 })
    await refused
    expect(job.signal.reason.name).toBe('ShuttingDownError')
    await stopAll(nodes)
  })
})
