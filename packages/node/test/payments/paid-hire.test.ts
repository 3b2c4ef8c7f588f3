import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type PaymentEventDetail, peerKeyOf } from '../../src/index.js'
import { nextPayment, waitForRoutingTables } from '../helpers/nodes.js'
import { closePaid, createPaidNode, NATIVE, type PaidNode, tempDir } from '../helpers/paid.js'

const PRICE = 250n
const FUNDS = 10_000_000n

describe('paid hire end to end (6 real nodes, one LocalLedger)', () => {
  const nodes: PaidNode[] = []
  let ledgerPath: string

  beforeAll(async () => {
    ledgerPath = join(await tempDir('bazaar-ledger-'), 'ledger.db')
    for (let i = 0; i < 6; i++) {
      const previous = nodes[i - 1]
      const bootstrap = previous === undefined ? [] : previous.node.getMultiaddrs().map(String)
      const paid = await createPaidNode(ledgerPath, FUNDS, { name: `agent-${i}`, bootstrap })
      await paid.node.start()
      nodes.push(paid)
    }
    await waitForRoutingTables(nodes.map((n) => n.node))
  })

  afterAll(async () => {
    await closePaid(nodes)
  })

  it('finds, hires and pays a worker; balances agree on both sides and in the ledger', async () => {
    const worker = nodes[5]!
    const client = nodes[0]!
    await worker.node.skills.advertise({ id: 'reverse', price: PRICE }, ({ input }) =>
      new TextDecoder().decode(input).split('').reverse().join(''),
    )
    const payments: PaymentEventDetail[] = []
    worker.node.addEventListener('payment', (evt) => payments.push(evt.detail))

    const folded = nextPayment(worker.node, 'fold')
    const result = await client.node.jobs.hire({ skill: 'reverse', input: 'bazaar', budget: 1_000n })
    await folded
    expect(result.text()).toBe('raazab')
    expect(result.price).toBe(PRICE)

    // The dual-signed receipt names the job, the parties, the price and the payment.
    const receipt = result.receipt!
    expect(receipt.body.price).toBe(PRICE)
    expect(receipt.body.clientKey).toEqual(peerKeyOf(client.node.peerId))
    expect(receipt.body.workerKey).toEqual(peerKeyOf(worker.node.peerId))
    expect(receipt.clientSignature).toHaveLength(64)
    expect(receipt.workerSignature).toHaveLength(64)

    // Both wallets agree: the lock was folded into the cumulative amount.
    const channelId = receipt.body.channelId
    const payer = client.wallet.channels.balance(channelId)
    const payee = worker.wallet.channels.balance(channelId)
    expect(payer).toMatchObject({ paid: PRICE, locked: 0n })
    expect(payee).toMatchObject({ paid: PRICE, locked: 0n })
    expect(payments.map((p) => p.kind)).toEqual(['lock', 'fold'])

    // A second hire reuses the open channel.
    const foldedAgain = nextPayment(worker.node, 'fold')
    const second = await client.node.jobs.hire({ skill: 'reverse', input: 'abc', budget: 1_000n })
    await foldedAgain
    expect(second.receipt!.body.channelId).toEqual(channelId)
    expect(worker.wallet.channels.balance(channelId).paid).toBe(2n * PRICE)

    // Settle cooperatively: the ledger pays the worker exactly what both wallets say.
    const workerBefore = await worker.ledger.balanceOf(worker.address, NATIVE)
    const clientBefore = await client.ledger.balanceOf(client.address, NATIVE)
    const deposit = client.wallet.channels.balance(channelId).capacity
    const signature = worker.wallet.channels.signCooperativeClose(channelId)
    await client.wallet.channels.cooperativeClose(channelId, signature)
    expect(await worker.ledger.balanceOf(worker.address, NATIVE)).toBe(workerBefore + 2n * PRICE)
    expect(await client.ledger.balanceOf(client.address, NATIVE)).toBe(clientBefore + deposit - 2n * PRICE)
    const totals = client.ledger.totals()
    expect(totals.minted).toBe(totals.balances + totals.held)
  })

  it("back-to-back hires carry each other's folds: one update per hire, the last fold alone", async () => {
    const worker = nodes[4]!
    const client = nodes[1]!
    await worker.node.skills.advertise({ id: 'upper', price: PRICE }, ({ input }) =>
      new TextDecoder().decode(input).toUpperCase(),
    )
    const HIRES = 5
    let folds = 0
    const allFolded = new Promise<void>((resolve) => {
      worker.node.addEventListener('payment', (evt) => {
        if (evt.detail.kind === 'fold' && evt.detail.direction === 'inbound' && ++folds === HIRES) resolve()
      })
    })
    let channelId: Uint8Array | undefined
    for (let i = 0; i < HIRES; i++) {
      const result = await client.node.jobs.hire({
        peer: worker.node.peerId,
        input: `job ${i}`,
        budget: PRICE,
      })
      expect(result.text()).toBe(`JOB ${i}`)
      channelId = result.receipt!.body.channelId
    }
    await allFolded
    // Hire n + 1 was under way when hire n's key came: its locked update carried the fold. The
    // last fold had no hire to ride with and went out on its own, at once.
    const payee = worker.wallet.channels.get(channelId!)!
    expect(payee.latest?.sequence).toBe(BigInt(HIRES + 1))
    expect(worker.wallet.channels.balance(channelId!)).toMatchObject({
      paid: BigInt(HIRES) * PRICE,
      locked: 0n,
    })
    expect(client.wallet.channels.balance(channelId!)).toMatchObject({
      paid: BigInt(HIRES) * PRICE,
      locked: 0n,
    })
  })

  it('WORKING goes out only for a job that runs past the tick it started in', async () => {
    const worker = nodes[3]!
    const client = nodes[2]!
    const release = Promise.withResolvers<void>()
    await worker.node.skills.advertise({ id: 'fast', price: PRICE }, () => 'fast')
    await worker.node.skills.advertise({ id: 'slow', price: PRICE }, async (job) => {
      await release.promise
      job.progress(500)
      return 'slow'
    })
    const hire = (skill: string, progress: number[]) =>
      client.node.jobs.hire({
        skill,
        peer: worker.node.peerId,
        input: 'x',
        budget: PRICE,
        onProgress: (p) => {
          progress.push(p.permille)
          // The slow handler goes on once the client has seen WORKING: nothing waits on time.
          if (p.permille === 0) release.resolve()
        },
      })
    const fast: number[] = []
    expect((await hire('fast', fast)).text()).toBe('fast')
    expect(fast).toEqual([])
    const slow: number[] = []
    expect((await hire('slow', slow)).text()).toBe('slow')
    expect(slow).toEqual([0, 500])
  })
})
