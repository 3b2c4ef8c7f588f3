/**
 * Failure paths of paid jobs between real nodes: each asserts the typed error the caller sees
 * and where the money is afterwards (both wallets, and no lock left behind).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type JobContext, type JobEventDetail, peerKeyOf } from '../../src/index.js'
import { deferred } from '../helpers/deferred.js'
import { nextPayment, waitForRoutingTables } from '../helpers/nodes.js'
import { closePaid, type PaidNode, paidNetwork } from '../helpers/paid.js'

const PRICE = 100n
const FUNDS = 10_000_000n

/** A handler that reports start and then waits for its signal (or `release`). */
function waiting(started: PromiseWithResolvers<JobContext>, release?: Promise<string>) {
  return (job: JobContext) =>
    new Promise<string>((resolve, reject) => {
      job.signal.addEventListener('abort', () => reject(job.signal.reason), { once: true })
      started.resolve(job)
      release?.then(resolve, reject)
    })
}

describe('job failures (6 real nodes)', () => {
  let nodes: PaidNode[] = []
  let worker: PaidNode
  let current: { started: PromiseWithResolvers<JobContext>; release?: Promise<string> }

  /** Channel balance of `client` -> worker on both sides. */
  function balances(client: PaidNode) {
    const channel = client.wallet.channels.byPeer(peerKeyOf(worker.node.peerId)!)[0]
    if (channel === undefined) return undefined
    return {
      payer: client.wallet.channels.balance(channel.channelId),
      payee: worker.wallet.channels.balance(channel.channelId),
    }
  }

  beforeAll(async () => {
    ;({ nodes } = await paidNetwork(6, FUNDS, (i) => ({
      name: `n${i}`,
      spending: i === 4 ? { maxPerJob: 50n } : {},
    })))
    worker = nodes[5]!
    current = { started: deferred<JobContext>() }
    await worker.node.skills.advertise(
      { id: 'wait', price: PRICE, limits: { maxInputBytes: 1024, maxConcurrency: 1 } },
      (job) => waiting(current.started, current.release)(job),
    )
    await worker.node.skills.advertise({ id: 'quick', price: PRICE }, () => 'done')
    await waitForRoutingTables(nodes.map((n) => n.node))
  })

  afterAll(async () => {
    await closePaid(nodes)
  })

  it('client cancels mid-job: JobCanceledError, the handler is aborted, nothing is paid', async () => {
    current = { started: deferred<JobContext>() }
    const client = nodes[0]!
    const controller = new AbortController()
    const hire = client.node.jobs.hire({
      skill: 'wait',
      input: 'x',
      budget: 1_000n,
      signal: controller.signal,
    })
    const job = await current.started.promise
    controller.abort()
    await expect(hire).rejects.toMatchObject({ name: 'JobCanceledError', remote: false })
    await expect(new Promise((r) => job.signal.addEventListener('abort', r))).resolves.toBeDefined()
    expect(job.signal.reason.name).toBe('JobCanceledError')
    expect(balances(client)).toMatchObject({
      payer: { paid: 0n, locked: 0n },
      payee: { paid: 0n, locked: 0n },
    })
  })

  it('worker cancels mid-job: the client gets a remote JobCanceledError, nothing is paid', async () => {
    current = { started: deferred<JobContext>() }
    const client = nodes[1]!
    const working = deferred<JobEventDetail>()
    const onJob = (evt: CustomEvent<JobEventDetail>) => {
      if (evt.detail.state === 'working') working.resolve(evt.detail)
    }
    worker.node.addEventListener('job', onJob)
    const hire = client.node.jobs.hire({ skill: 'wait', input: 'x', budget: 1_000n })
    const { jobId } = await working.promise
    worker.node.removeEventListener('job', onJob)
    expect(worker.node.jobs.cancel(jobId)).toBe(true)
    await expect(hire).rejects.toMatchObject({ name: 'JobCanceledError', remote: true })
    expect(balances(client)).toMatchObject({
      payer: { paid: 0n, locked: 0n },
      payee: { paid: 0n, locked: 0n },
    })
  })

  it('deadline exceeded: DeadlineExceededError on the client, the worker stops the handler', async () => {
    current = { started: deferred<JobContext>() }
    const client = nodes[2]!
    const hire = client.node.jobs.hire({
      skill: 'wait',
      input: 'x',
      budget: 1_000n,
      deadline: Date.now() + 400,
    })
    const job = await current.started.promise
    await expect(hire).rejects.toMatchObject({ name: 'DeadlineExceededError' })
    await new Promise((r) => (job.signal.aborted ? r(undefined) : job.signal.addEventListener('abort', r)))
    expect(['DeadlineExceededError', 'JobCanceledError']).toContain(job.signal.reason.name)
    expect(balances(client)).toMatchObject({
      payer: { paid: 0n, locked: 0n },
      payee: { paid: 0n, locked: 0n },
    })
  })

  it('a busy worker answers BUSY at once instead of hanging', async () => {
    const release = deferred<string>()
    current = { started: deferred<JobContext>(), release: release.promise }
    const first = nodes[3]!.node.jobs.hire({
      skill: 'wait',
      input: 'a',
      budget: 1_000n,
      peer: worker.node.peerId,
    })
    await current.started.promise
    await expect(
      nodes[2]!.node.jobs.hire({ skill: 'wait', input: 'b', budget: 1_000n, peer: worker.node.peerId }),
    ).rejects.toMatchObject({ name: 'WorkerBusyError', remote: true })
    const folded = nextPayment(worker.node, 'fold')
    release.resolve('first done')
    await expect(first).resolves.toMatchObject({ price: PRICE })
    await folded
    expect(balances(nodes[3]!)).toMatchObject({ payer: { paid: PRICE, locked: 0n }, payee: { paid: PRICE } })
  })

  it('budget below the price or the quote: BudgetTooLowError, nothing is paid', async () => {
    const client = nodes[1]!
    const before = balances(client)
    await expect(
      client.node.jobs.hire({ skill: 'quick', input: 'x', budget: PRICE - 1n, peer: worker.node.peerId }),
    ).rejects.toMatchObject({ name: 'BudgetTooLowError', price: PRICE, budget: PRICE - 1n })
    await expect(
      client.node.jobs.hire({
        skill: 'quick',
        input: 'x',
        budget: PRICE - 1n,
        peer: worker.node.peerId,
        quoteFirst: true,
      }),
    ).rejects.toMatchObject({ name: 'BudgetTooLowError', price: PRICE })
    expect(balances(client)).toEqual(before)
    // With a budget that covers the quote, quote-first completes and pays the quoted price.
    const folded = nextPayment(worker.node, 'fold')
    const ok = await client.node.jobs.hire({
      skill: 'quick',
      input: 'x',
      budget: PRICE,
      quoteFirst: true,
      peer: worker.node.peerId,
    })
    expect(ok.price).toBe(PRICE)
    await folded
    expect(balances(client)).toMatchObject({
      payer: { paid: PRICE, locked: 0n },
      payee: { paid: PRICE, locked: 0n },
    })
  })

  it('spending limit: SpendingLimitError before anything is sent, no channel opened', async () => {
    const client = nodes[4]!
    await expect(
      client.node.jobs.hire({ skill: 'quick', input: 'x', budget: 100n, peer: worker.node.peerId }),
    ).rejects.toMatchObject({ name: 'SpendingLimitError', limit: 'per-job' })
    expect(balances(client)).toBeUndefined()
  })

  it('oversized input: InputTooLargeError before anything is sent', async () => {
    const client = nodes[0]!
    const before = balances(client)
    await expect(
      client.node.jobs.hire({
        skill: 'wait',
        input: new Uint8Array(2048),
        budget: 1_000n,
        peer: worker.node.peerId,
      }),
    ).rejects.toMatchObject({ name: 'InputTooLargeError', size: 2048, limit: 1024 })
    expect(balances(client)).toEqual(before)
  })
})
