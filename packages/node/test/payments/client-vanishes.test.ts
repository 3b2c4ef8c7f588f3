/**
 * The client locks payment for a delivery and vanishes before paying in full: the worker keeps
 * the key beside the acknowledged lock, closes the channel on the ledger, claims the lock with the
 * key and is paid; the client gets the rest of its deposit back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type JobEventDetail, peerKeyOf } from '../../src/index.js'
import { deferred } from '../helpers/deferred.js'
import { waitForRoutingTables } from '../helpers/nodes.js'
import { closePaid, NATIVE, type PaidNode, paidNetwork, TestClock } from '../helpers/paid.js'

const PRICE = 300n
const DISPUTE_WINDOW = 60n

describe('client vanishes after the lock', () => {
  const clock = new TestClock()
  let nodes: PaidNode[] = []

  beforeAll(async () => {
    ;({ nodes } = await paidNetwork(
      3,
      1_000_000n,
      () => ({ channels: { disputeWindowS: DISPUTE_WINDOW } }),
      clock,
    ))
    await waitForRoutingTables(nodes.map((n) => n.node))
  })

  afterAll(async () => {
    await closePaid(nodes)
  })

  it('the worker claims the locked payment at settlement; the books balance', async () => {
    const worker = nodes[2]!
    const client = nodes[0]!
    await worker.node.skills.advertise({ id: 'translate', price: PRICE }, () => 'bonjour')
    const workerDone = deferred<JobEventDetail>()
    worker.node.addEventListener('job', (evt) => {
      if (['canceled', 'failed', 'completed'].includes(evt.detail.state)) workerDone.resolve(evt.detail)
    })
    // The client's process "dies" the moment the worker accepted its lock: before the key. The
    // connection drops in that very tick (the worker's reveal follows within microseconds), then
    // the client's node stops.
    worker.node.addEventListener('payment', (evt) => {
      if (evt.detail.kind !== 'lock') return
      for (const c of worker.node.libp2p.getConnections(client.node.peerId)) c.abort(new Error('client died'))
      void client.node.libp2p.stop()
    })

    await expect(
      client.node.jobs.hire({ skill: 'translate', input: 'hello', budget: 1_000n, peer: worker.node.peerId }),
    ).rejects.toMatchObject({ name: expect.stringMatching(/WorkerUnreachableError|JobCanceledError/) })
    const ended = await workerDone.promise
    expect(ended.state).not.toBe('completed')

    const channel = worker.wallet.channels.byPeer(peerKeyOf(client.node.peerId)!)[0]!
    const id = channel.channelId
    expect(worker.wallet.channels.balance(id)).toMatchObject({ paid: 0n, locked: PRICE })
    const lock = worker.wallet.channels.get(id)!.latest!.locks[0]!
    expect(worker.wallet.channels.preimageOf(lock.hash)).toBeDefined()

    const workerBefore = await worker.ledger.balanceOf(worker.address, NATIVE)
    const clientBefore = await client.ledger.balanceOf(client.address, NATIVE)
    await worker.wallet.channels.closeChannel(id)
    const claims = await worker.wallet.channels.claimLocks(id)
    expect(claims).toHaveLength(1)
    clock.advance(DISPUTE_WINDOW + 1n)
    await worker.wallet.channels.withdraw(id)

    expect(await worker.ledger.balanceOf(worker.address, NATIVE)).toBe(workerBefore + PRICE)
    expect(await client.ledger.balanceOf(client.address, NATIVE)).toBe(
      clientBefore + channel.capacity - PRICE,
    )
    const totals = worker.ledger.totals()
    expect(totals.minted).toBe(totals.balances + totals.held)
  })
})
