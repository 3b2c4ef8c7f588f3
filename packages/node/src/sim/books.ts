/**
 * The simulation's books: the clients' receipts, both sides' channel books, what settlement paid
 * out and how every account's balance moved on the settlement layer. Each equality that must hold
 * is a named check; a difference of one base unit fails it.
 */
import type { ChannelView, SettleOutcome } from '../api/node-port.js'
import type { SimEnvironment } from './environment.js'
import type { SimCheck, SimReport } from './report.js'
import type { SimPeer } from './run.js'

/** Most milliseconds to wait for in-flight folds and acks before reading the books. */
const BOOKS_SETTLE_MS = 10_000

export interface Books {
  money: SimReport['money']
  checks: SimCheck[]
}

function check(name: string, left: bigint, right: bigint, what: string): SimCheck {
  return { name, ok: left === right, detail: `${what}: ${left} vs ${right}` }
}

/**
 * Reads every node's channel books, settles every channel (the payers ask), and compares the
 * payouts and balance changes with the receipts. `paid` is the sum of the clients' receipts.
 */
export async function computeBooks(
  peers: SimPeer[],
  env: SimEnvironment,
  before: { balances: bigint[]; fees: bigint[] },
  paid: bigint,
): Promise<Books> {
  // Folds (lock -> paid) go out in the background after each hire: let them land first. No event
  // says "all folds done" across nodes, so poll the books with a deadline.
  const read = (): Promise<ChannelView[][]> =>
    Promise.all(peers.map((p) => p.node.channels({ onChain: false })))
  const settledDown = (v: ChannelView[][]): boolean => {
    const payer = v.flat().filter((c) => c.role === 'payer')
    const payee = v.flat().filter((c) => c.role === 'payee')
    const sum = (list: ChannelView[]): bigint => list.reduce((a, c) => a + c.cumulativePaid, 0n)
    return payer.every((c) => c.lockedTotal === 0n) && sum(payer) === paid && sum(payee) === paid
  }
  let views = await read()
  const deadline = performance.now() + BOOKS_SETTLE_MS
  while (!settledDown(views) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    views = await read()
  }
  let payerPaid = 0n
  let locked = 0n
  let deposits = 0n
  let payeeBooks = 0n
  for (const list of views) {
    for (const c of list) {
      if (c.role === 'payer') {
        payerPaid += c.cumulativePaid
        locked += c.lockedTotal
        deposits += c.deposit
      } else {
        payeeBooks += c.cumulativePaid
      }
    }
  }

  // A payee that crashed may not have received the last updates before the run ended (its payer
  // had no further job to re-establish the channel with): its book is then behind by exactly the
  // updates it never acknowledged, and the payer's closing state pays it all the same.
  const payeeView = new Map<string, ChannelView>()
  for (const list of views) for (const c of list) if (c.role === 'payee') payeeView.set(c.channelId, c)
  const lagging: { channelId: string; explained: boolean }[] = []
  for (const list of views) {
    for (const c of list) {
      if (c.role !== 'payer') continue
      const theirs = payeeView.get(c.channelId)
      const paid = theirs?.cumulativePaid ?? 0n
      if (paid === c.cumulativePaid) continue
      const seq = theirs?.sequence ?? 0n
      lagging.push({ channelId: c.channelId, explained: seq < c.sequence && paid <= c.cumulativePaid })
    }
  }

  // Payers close everything they opened; once the dispute window has passed, anyone may pay
  // out; channels that never carried a payment are refunded after their expiry.
  const payers = peers.filter((_, i) => views[i]!.some((c) => c.role === 'payer'))
  const all = async (step: (p: SimPeer) => Promise<SettleOutcome[]>): Promise<void> => {
    await Promise.all(payers.map(step))
  }
  await all((p) => p.node.settle())
  // Payees claim, inside the window, locks whose key they revealed but that were never folded.
  const payees = peers.filter((_, i) => views[i]!.some((c) => c.role === 'payee'))
  await Promise.all(payees.map((p) => p.node.settle()))
  await env.advanceTime(env.disputeWindowSeconds + 1n)
  await all((p) => p.node.withdraw())
  await env.advanceTime(env.channelTtlSeconds + env.disputeWindowSeconds + 1n)
  await all((p) => p.node.withdraw())
  // What was paid out is read from the settlement layer, channel by channel: a payout may have
  // been made by either side, or by a node's own deadline timer, not only by the calls above.
  const settled: SettleOutcome[] = []
  for (const list of await Promise.all(payers.map((p) => p.node.channels({ onChain: true })))) {
    for (const c of list) {
      if (c.role !== 'payer' || c.onChain?.paidOut !== true) continue
      const toPayee = c.onChain.cumulativePaid + c.onChain.claimed
      settled.push({
        channelId: c.channelId,
        peer: c.peer,
        toPayee,
        toPayer: c.onChain.deposit - toPayee,
        claimed: c.onChain.claimed,
        refs: [],
      })
    }
  }
  const toPayees = settled.reduce((a, s) => a + s.toPayee, 0n)
  const toPayers = settled.reduce((a, s) => a + s.toPayer, 0n)
  const after = await Promise.all(peers.map((p) => env.balanceOf(p.node)))
  const feesAfter = await env.feesPaid(peers.map((p) => p.node))
  const fees = feesAfter.map((f, i) => f - before.fees[i]!)
  // What settlement moved: the balance change with the fees the account paid added back.
  const deltas = after.map((b, i) => b - before.balances[i]! + fees[i]!)
  const feesTotal = fees.reduce((a, b) => a + b, 0n)
  const claimed = settled.reduce((a, s) => a + (s.claimed ?? 0n), 0n)

  // Per node: balance change = payouts received as payee - payouts made to payees as payer.
  const expected = new Map<string, bigint>(peers.map((p) => [p.peerId, 0n]))
  const payerOf = new Map<string, string>()
  const payeeOf = new Map<string, string>()
  peers.forEach((p, i) => {
    for (const c of views[i]!) (c.role === 'payer' ? payerOf : payeeOf).set(c.channelId, p.peerId)
  })
  for (const s of settled) {
    const payer = payerOf.get(s.channelId)
    const payee = payeeOf.get(s.channelId)
    if (payee !== undefined) expected.set(payee, (expected.get(payee) ?? 0n) + s.toPayee)
    if (payer !== undefined) expected.set(payer, (expected.get(payer) ?? 0n) - s.toPayee)
  }
  const mismatched = peers.filter((p, i) => deltas[i] !== expected.get(p.peerId))
  const payeesDelta = peers.reduce((a, p, i) => (p.group.role === 'worker' ? a + deltas[i]! : a), 0n)
  const payersDelta = peers.reduce((a, p, i) => (p.group.role === 'client' ? a + deltas[i]! : a), 0n)
  const totalDelta = deltas.reduce((a, b) => a + b, 0n)
  const owedBefore = payerPaid
  const owedAfter = payerPaid + claimed - toPayees

  const checks: SimCheck[] = [
    check(
      "receipts = payers' channel books + locks claimed",
      paid,
      payerPaid + claimed,
      'sum of receipts vs cumulative paid + claimed on chain',
    ),
    {
      name: "payees' books = payers' books (or behind by unacknowledged updates only)",
      ok: lagging.every((l) => l.explained),
      detail:
        lagging.length === 0
          ? `${payerPaid} vs ${payeeBooks}`
          : `${payerPaid} vs ${payeeBooks}: ${lagging.length} channel(s) behind by ${payerPaid - payeeBooks}, ` +
            `${lagging.filter((l) => l.explained).length} of them missing only updates the payee never acknowledged`,
    },
    check(
      'settled to payees = owed + locks claimed',
      toPayees,
      owedBefore + claimed,
      'paid out vs owed + claimed',
    ),
    check('payouts = deposits', toPayees + toPayers, deposits, 'to payees + to payers vs deposits'),
    check('nothing created or lost on the settlement layer', totalDelta, 0n, 'sum of balance changes'),
    {
      name: 'every account moved by exactly its settlements',
      ok: mismatched.length === 0,
      detail:
        mismatched.length === 0
          ? `${peers.length} accounts`
          : `mismatch: ${mismatched.map((p) => p.peerId).join(', ')}`,
    },
  ]
  return {
    money: {
      paid: paid.toString(),
      offChain: {
        cumulativePaid: payerPaid.toString(),
        locked: locked.toString(),
        deposits: deposits.toString(),
      },
      payeeBooks: payeeBooks.toString(),
      owedBefore: owedBefore.toString(),
      owedAfter: owedAfter.toString(),
      settled: { toPayees: toPayees.toString(), toPayers: toPayers.toString(), channels: settled.length },
      onChain: {
        payeesDelta: payeesDelta.toString(),
        payersDelta: payersDelta.toString(),
        fees: feesTotal.toString(),
        claimed: claimed.toString(),
      },
    },
    checks,
  }
}
