/**
 * End to end on a real chain: three real nodes (worker, relay, client) on loopback TCP, each
 * settling through `EvmSettlement` on a local anvil chain (`startLocalChain`: BazaarChannels and a
 * mock 6-decimal token deployed, accounts funded). The client finds the worker through the DHT,
 * runs 24 paid jobs over one channel funded in the token, and the channel settles on chain:
 * cooperatively, then (a second market) unilaterally by the payee with its best state, the dispute
 * window passed with `evm_increaseTime`, and a withdrawal. Token balances (gas is paid in the
 * native coin and does not enter them) must move by exactly the receipts' sum, and the contract
 * must hold nothing for the channel afterwards.
 */
import type { LocalChain } from '@bazaar/wallet'
import { describe, expect, it } from 'vitest'
import { advanceChain, type ChainNode, hex, useLocalChain, watchFor } from './helpers/onchain.js'
import { type JobsRun, type Market, runPaidJobs, SKILLS, startMarket } from './helpers/onchain-market.js'

const JOBS = 24
/** 1 tUSD (6 decimals). */
const DEPOSIT = 1_000_000n

interface Balances {
  payer: bigint
  payee: bigint
  contract: bigint
}

describe('paid jobs settled on a local anvil chain (real nodes, EvmSettlement, mock token)', () => {
  const suite = useLocalChain()
  const chain = (): LocalChain => suite.chain()

  async function balances(m: Market): Promise<Balances> {
    const s = m.client.settlement
    const token = chain().token
    return {
      payer: await s.balanceOf(m.client.address, token),
      payee: await s.balanceOf(m.worker.address, token),
      contract: await s.balanceOf(chain().contract, token),
    }
  }

  /** A market, its balances before any channel, and JOBS paid jobs on one channel. */
  async function marketWithJobs(): Promise<{ m: Market; before: Balances; run: JobsRun }> {
    const m = await startMarket(chain(), DEPOSIT, suite.track)
    const before = await balances(m)
    const run = await runPaidJobs(m, JOBS)
    expect(run.receipts).toHaveLength(JOBS)
    for (const r of run.receipts) expect(hex(r.body.channelId)).toBe(hex(run.channelId))
    const half = JOBS / 2
    expect(run.total).toBe(BigInt(half) * SKILLS[0].price + BigInt(half) * SKILLS[1].price)
    // Both wallets agree with the receipts; the deposit sits in the contract meanwhile.
    expect(m.client.wallet.channels.balance(run.channelId)).toMatchObject({
      capacity: DEPOSIT,
      paid: run.total,
      locked: 0n,
    })
    expect(m.worker.wallet.channels.balance(run.channelId)).toMatchObject({ paid: run.total, locked: 0n })
    const during = await balances(m)
    expect(during).toEqual({
      payer: before.payer - DEPOSIT,
      payee: before.payee,
      contract: before.contract + DEPOSIT,
    })
    const onChain = await m.client.settlement.getChannel(run.channelId)
    expect(onChain).toMatchObject({ status: 'open', deposit: DEPOSIT, paidOut: false })
    expect(hex(onChain!.token)).toBe(hex(chain().token))
    return { m, before, run }
  }

  function expectSettled(label: string, before: Balances, after: Balances, run: JobsRun): void {
    expect(after.payee).toBe(before.payee + run.total)
    expect(after.payer).toBe(before.payer - run.total)
    expect(after.contract).toBe(before.contract)
    console.log(
      JSON.stringify({
        settlement: label,
        jobs: run.receipts.length,
        receiptsTotal: String(run.total),
        deposit: String(DEPOSIT),
        payer: { before: String(before.payer), after: String(after.payer) },
        payee: { before: String(before.payee), after: String(after.payee) },
        contract: { before: String(before.contract), after: String(after.contract) },
      }),
    )
  }

  async function expectChannelEmpty(node: ChainNode, channelId: Uint8Array): Promise<void> {
    const onChain = await node.settlement.getChannel(channelId)
    expect(onChain?.paidOut).toBe(true)
    expect(node.wallet.channels.get(channelId)?.status).toBe('closed')
  }

  it(`${JOBS} jobs, then a cooperative close: exact payout to both sides`, async () => {
    const { m, before, run } = await marketWithJobs()
    const paidOut = await watchFor(
      chain(),
      m.worker.settlement,
      (e) => e.type === 'paid-out' && hex(e.channelId) === hex(run.channelId),
    )
    const terms = m.worker.wallet.channels.signCooperativeClose(run.channelId)
    expect(terms.payeeAmount).toBe(run.total)
    await m.client.wallet.channels.cooperativeClose(run.channelId, terms)
    expect(await paidOut.next).toMatchObject({
      reason: 'cooperative',
      toPayee: run.total,
      toPayer: DEPOSIT - run.total,
    })
    expectSettled('cooperative', before, await balances(m), run)
    await expectChannelEmpty(m.client, run.channelId)
  })

  it(`${JOBS} jobs, then the payee closes alone, waits out the window and withdraws`, async () => {
    const { m, before, run } = await marketWithJobs()
    const closing = await watchFor(
      chain(),
      m.client.settlement,
      (e) => e.type === 'closing' && hex(e.channelId) === hex(run.channelId),
    )
    await m.worker.wallet.channels.closeChannel(run.channelId)
    const event = await closing.next
    const best = m.worker.wallet.channels.get(run.channelId)!.latest!
    expect(event).toMatchObject({ sequence: best.sequence, cumulativePaid: run.total })
    if (event.type !== 'closing') throw new Error('unreachable')
    expect(hex(event.by)).toBe(hex(m.worker.address))

    // Inside the window the money stays where it is.
    await expect(m.worker.wallet.channels.withdraw(run.channelId)).rejects.toMatchObject({
      rule: 'WindowOpen',
    })
    const now = await m.worker.settlement.now()
    await advanceChain(chain(), event.closeDeadline - now + 1n)
    await m.worker.wallet.channels.withdraw(run.channelId)
    expectSettled('unilateral', before, await balances(m), run)
    await expectChannelEmpty(m.worker, run.channelId)
    // Once paid out, nothing more leaves the contract for this channel.
    await expect(m.client.settlement.withdraw(run.channelId)).rejects.toMatchObject({
      rule: 'AlreadyPaidOut',
    })
  })

  it('stops the anvil child with the test', async () => {
    const pid = chain().anvil.pid
    expect(() => process.kill(pid, 0)).not.toThrow()
    await suite.stopAll({ chain: true })
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }))
  })
})
