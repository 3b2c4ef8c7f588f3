/**
 * Settlement deadlines run on the node's own timer: a payer whose payee vanished without ever
 * closing gets its whole deposit back once the channel has expired and the dispute window passed,
 * with nobody calling anything; and the card offers the token the payee accepts.
 */
import { join } from 'node:path'
import type { SettlementEvent } from '@bazaar/wallet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { peerKeyOf } from '../../src/index.js'
import { closePaid, createPaidNode, NATIVE, type PaidNode, TestClock, tempDir } from '../helpers/paid.js'

const PRICE = 75n
const TTL = 7_200n
const WINDOW = 60n

describe('settlement deadlines on a timer', () => {
  const clock = new TestClock()
  let client: PaidNode
  let worker: PaidNode

  beforeAll(async () => {
    const ledgerPath = join(await tempDir('bazaar-ledger-'), 'ledger.db')
    const channels = { channelTtlS: TTL, disputeWindowS: WINDOW, deadlinesIntervalMs: 25 }
    client = await createPaidNode(ledgerPath, 1_000_000n, { channels }, undefined, clock.now)
    await client.node.start()
    // The worker never runs its deadlines: it stands for a payee that vanished before closing.
    worker = await createPaidNode(
      ledgerPath,
      0n,
      { channels: { deadlinesIntervalMs: 0 }, bootstrap: client.node.getMultiaddrs().map(String) },
      undefined,
      clock.now,
    )
    await worker.node.start()
    await worker.node.skills.advertise({ id: 'echo', price: PRICE }, () => 'ok')
  })

  afterAll(async () => {
    await closePaid([client, worker])
  })

  it('offers the accepted token in the card and refunds an abandoned channel by itself', async () => {
    const [found] = await client.node.skills.find('echo', { timeout: 20_000 })
    expect(found?.card.payment.map((t) => Buffer.from(t.token ?? []).toString('hex'))).toEqual([
      '00'.repeat(20),
    ])
    const result = await client.node.jobs.hire({
      skill: 'echo',
      peer: worker.node.peerId,
      input: 'hi',
      budget: 100n,
    })
    expect(result.receipt).toBeDefined()
    const channel = client.wallet.channels.byPeer(peerKeyOf(worker.node.peerId)!)[0]!
    const { paid, locked } = client.wallet.channels.balance(channel.channelId)
    // The lock may not be folded yet (folds run in the background): either way PRICE is spent.
    expect(paid + locked).toBe(PRICE)
    await worker.node.stop({ graceMs: 0 })

    const refunded = new Promise<SettlementEvent>((resolve) => {
      const stop = client.ledger.watch((event) => {
        if (event.type === 'paid-out' && event.reason === 'refund') {
          stop()
          resolve(event)
        }
      })
    })
    const before = await client.ledger.balanceOf(client.address, NATIVE)
    clock.advance(TTL + WINDOW + 1n)
    const event = await refunded
    expect(event).toMatchObject({ toPayer: channel.capacity, toPayee: 0n })
    expect(await client.ledger.balanceOf(client.address, NATIVE)).toBe(before + channel.capacity)
    const totals = client.ledger.totals()
    expect(totals.minted).toBe(totals.balances + totals.held)
  })
})
