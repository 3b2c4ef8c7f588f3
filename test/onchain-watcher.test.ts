/**
 * The settlement watcher of a real node defends its earnings on chain by itself. Worker, relay and
 * client are real nodes (createBazaarNode, loopback TCP); each worker and client has its wallet,
 * `FileSettlementJournal` and `FileWatchCursor` in its data directory, on a local anvil chain.
 * After paid jobs, the client (payer) cheats: it closes the channel on chain with an old state.
 * - online: the worker's watcher sees the close and challenges with its newest state;
 * - offline: the worker is stopped before the cheat; restarted from its data directory, its
 *   watcher resumes from the cursor's block, finds the stale close it missed and challenges.
 * No test code sends the challenge. The worker then withdraws exactly the receipts' sum.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type LocalChain, type SettlementEvent, signedStateOf } from '@bazaar/wallet'
import { describe, expect, it } from 'vitest'
import {
  advanceChain,
  type ChainNode,
  CURSOR_FILE,
  hex,
  JOURNAL_FILE,
  mineBlocks,
  removeChainNode,
  startChainNode,
  stopChainNode,
  useLocalChain,
  watchFor,
} from './helpers/onchain.js'
import { type JobsRun, type Market, runPaidJobs, startMarket } from './helpers/onchain-market.js'

const JOBS = 8
const DEPOSIT = 1_000_000n

describe("a node's settlement watcher challenges a stale close on chain", () => {
  const suite = useLocalChain()
  const chain = (): LocalChain => suite.chain()

  /** The client closes `run`'s channel on chain with its first paying state (a fraction of the total). */
  async function cheat(m: Market, run: JobsRun): Promise<bigint> {
    const history = m.client.wallet.channels.history(run.channelId)
    const stale = history.find((h) => h.update.cumulativePaid > 0n)!.update
    expect(stale.cumulativePaid).toBeLessThan(run.total)
    await m.client.settlement.close(signedStateOf(stale))
    return stale.cumulativePaid
  }

  function challengedBy(worker: ChainNode, run: JobsRun): (e: SettlementEvent) => boolean {
    return (e) =>
      e.type === 'challenged' && hex(e.channelId) === hex(run.channelId) && hex(e.by) === hex(worker.address)
  }

  /** The challenge is in the worker's journal: recorded, signed, then done without an error. */
  async function expectJournaledChallenge(worker: ChainNode, run: JobsRun): Promise<void> {
    const lines = (await readFile(join(worker.dataDir, JOURNAL_FILE), 'utf8'))
      .split('\n')
      .filter((l) => l !== '')
      .map(
        (l) =>
          JSON.parse(l) as { op: string; id: string; action?: string; channelId?: string; error?: string },
      )
    const record = lines.find((l) => l.op === 'record' && l.action === 'challenge')
    expect(record?.channelId).toBe(hex(run.channelId))
    const ops = lines.filter((l) => l.id === record!.id).map((l) => l.op)
    expect(ops).toEqual(['record', 'signed', 'done'])
    expect(lines.find((l) => l.id === record!.id && l.op === 'done')?.error).toBeUndefined()
  }

  /** Passes the window; the worker withdraws; every token lands where the receipts say. */
  async function settleAndCheck(m: Market, run: JobsRun, worker: ChainNode, closeDeadline: bigint) {
    const token = chain().token
    const s = m.client.settlement
    const payerBefore = await s.balanceOf(m.client.address, token)
    const payeeBefore = await s.balanceOf(worker.address, token)
    const now = await s.now()
    await advanceChain(chain(), closeDeadline - now + 1n)
    await worker.wallet.channels.withdraw(run.channelId)
    // The deposit was already out of the payer's balance: it gets back exactly what was not earned.
    expect(await s.balanceOf(m.client.address, token)).toBe(payerBefore + DEPOSIT - run.total)
    expect(await s.balanceOf(worker.address, token)).toBe(payeeBefore + run.total)
    expect(await s.balanceOf(chain().contract, token)).toBe(0n)
    expect(await s.getChannel(run.channelId)).toMatchObject({ paidOut: true, cumulativePaid: run.total })
    return { payerBefore, payeeBefore }
  }

  it('online: the worker challenges the stale close at once', async () => {
    const m = await startMarket(chain(), DEPOSIT, suite.track)
    const run = await runPaidJobs(m, JOBS)
    const closing = await watchFor(chain(), m.client.settlement, (e) => e.type === 'closing')
    const challenged = await watchFor(chain(), m.client.settlement, challengedBy(m.worker, run))
    const staleAmount = await cheat(m, run)
    const closed = await closing.next
    expect(closed).toMatchObject({ cumulativePaid: staleAmount })
    const best = m.worker.wallet.channels.get(run.channelId)!.latest!
    expect(await challenged.next).toMatchObject({ sequence: best.sequence, cumulativePaid: run.total })
    await expectJournaledChallenge(m.worker, run)
    if (closed.type !== 'closing') throw new Error('unreachable')
    await settleAndCheck(m, run, m.worker, closed.closeDeadline)
    console.log(
      JSON.stringify({ watcher: 'online', jobs: JOBS, stale: String(staleAmount), paid: String(run.total) }),
    )
  })

  it('offline: restarted from its data directory, the worker catches up from its cursor and challenges', async () => {
    const m = await startMarket(chain(), DEPOSIT, suite.track)
    const run = await runPaidJobs(m, JOBS)
    const best = m.worker.wallet.channels.get(run.channelId)!.latest!
    await stopChainNode(m.worker)
    const cursor = BigInt((await readFile(join(m.worker.dataDir, CURSOR_FILE), 'utf8')).trim())

    const closing = await watchFor(chain(), m.client.settlement, (e) => e.type === 'closing')
    const challenged = await watchFor(chain(), m.client.settlement, challengedBy(m.worker, run))
    const staleAmount = await cheat(m, run)
    const closed = await closing.next
    expect(closed.height).toBeGreaterThan(cursor)
    await mineBlocks(chain(), 5)
    expect(await m.client.settlement.getChannel(run.channelId)).toMatchObject({
      status: 'closing',
      cumulativePaid: staleAmount,
    })

    // Same data directory: same keys, wallet, journal and cursor; no funding this time.
    const worker = await startChainNode(chain(), { dataDir: m.worker.dataDir, name: 'worker', fund: false })
    suite.track(() => removeChainNode(worker))
    expect(hex(worker.address)).toBe(hex(m.worker.address))
    expect(await challenged.next).toMatchObject({ sequence: best.sequence, cumulativePaid: run.total })
    await expectJournaledChallenge(worker, run)
    if (closed.type !== 'closing') throw new Error('unreachable')
    await settleAndCheck(m, run, worker, closed.closeDeadline)
    console.log(
      JSON.stringify({
        watcher: 'offline',
        jobs: JOBS,
        cursor: String(cursor),
        staleCloseBlock: String(closed.height),
        stale: String(staleAmount),
        paid: String(run.total),
      }),
    )
  })
})
