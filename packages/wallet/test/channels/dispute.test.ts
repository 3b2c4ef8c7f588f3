import { secpSignDigest, updateDigest } from '@bazaar/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type SettlementEvent, type SignedState, signedStateOf } from '../../src/index.js'
import { NATIVE, openChannel, type Pair, pay, secret, walletPair } from '../helpers.js'

/** Waits for a wallet event (no sleeps). */
function next(target: EventTarget, type: string): Promise<unknown> {
  return new Promise((resolve) =>
    target.addEventListener(type, (e) => resolve((e as CustomEvent).detail), { once: true }),
  )
}

/** The first settlement event of `type` on the pair's ledger (no sleeps). */
function settled<T extends SettlementEvent['type']>(
  p: Pair,
  type: T,
): Promise<Extract<SettlementEvent, { type: T }>> {
  return new Promise((resolve) => {
    const stop = p.ledger.watch((e) => {
      if (e.type === type) {
        stop()
        resolve(e as Extract<SettlementEvent, { type: T }>)
      }
    })
  })
}

/**
 * The cheat `claimLockFrom` answers: the payer, having learned a preimage, signs a state newer
 * than anything it sent, without the lock and without folding it (the payee never sees it).
 */
function dropLocks(p: Pair, latest: SignedState): SignedState {
  const state = { ...latest, sequence: latest.sequence + 1n, lockedTotal: 0n, locksRoot: new Uint8Array(32) }
  const digest = updateDigest({ chainId: p.ledger.chainId, contract: p.ledger.contract }, state)
  return { ...state, signature: secpSignDigest(p.payer.settlementKey.privateKey, digest) }
}

describe('disputes', () => {
  let p: Pair
  let id: Uint8Array
  beforeEach(async () => {
    p = await walletPair(10_000n, true)
    id = await openChannel(p, 1_000n, 86_400n, 600n)
  })
  afterEach(() => p.close())

  it('a payer closing with a stale state is challenged by the payee wallet on its own', async () => {
    const { update: stale } = await pay(p, id, { pay: 100n })
    await pay(p, id, { pay: 200n })
    await pay(p, id, { pay: 300n })
    const challenged = new Promise<void>((resolve) => {
      const stop = p.payer.settlement.watch((e) => {
        if (e.type === 'challenged') {
          stop()
          resolve()
        }
      })
    })
    await p.payer.settlement.close(signedStateOf(stale)) // the payer cheats with sequence 1
    await challenged
    expect(await p.ledger.getChannel(id)).toMatchObject({ sequence: 3n, cumulativePaid: 600n })
    p.clock.advance(601n)
    const actions = await p.payee.channels.runDeadlines()
    expect(actions).toMatchObject([{ action: 'withdraw' }])
    expect(await p.ledger.balanceOf(p.payee.settlementKey.address, NATIVE)).toBe(600n)
    expect(await p.ledger.balanceOf(p.payer.settlementKey.address, NATIVE)).toBe(10_000n - 600n)
    const t = p.ledger.totals()
    expect(t.minted).toBe(t.balances + t.held)
  })

  it('the payee closes before a revealed lock expires and claims it; an unrevealed lock returns to the payer', async () => {
    const paidLock = secret()
    const lostLock = secret()
    const now = p.clock.now()
    await pay(p, id, {
      pay: 50n,
      lock: { hash: paidLock.hash, amount: 100n, expiry: now + 1_000n, jobId: new Uint8Array(32).fill(1) },
    })
    await pay(p, id, {
      lock: { hash: lostLock.hash, amount: 70n, expiry: now + 1_000n, jobId: new Uint8Array(32).fill(2) },
    })
    await p.payee.channels.revealPreimage(id, paidLock.preimage) // the payer never folds it
    expect(await p.payee.channels.runDeadlines()).toEqual([])
    p.clock.advance(900n) // within 120 s of the lock's expiry
    const closing = next(p.payer, 'channel-closing')
    // The payer never received the reveal: it learns the preimage from the claim on the ledger.
    const revealed = next(p.payer, 'lock-revealed')
    const actions = await p.payee.channels.runDeadlines()
    expect(actions.map((a) => a.action)).toEqual(['close', 'claim'])
    await closing
    expect(await revealed).toMatchObject({ hash: paidLock.hash, preimage: paidLock.preimage })
    expect(p.payer.channels.preimageOf(paidLock.hash)).toEqual(paidLock.preimage)
    expect(await p.ledger.getChannel(id)).toMatchObject({ status: 'closing', claimed: 100n })
    p.clock.advance(600n)
    await p.payee.channels.runDeadlines()
    expect(await p.ledger.balanceOf(p.payee.settlementKey.address, NATIVE)).toBe(150n)
    expect(await p.ledger.balanceOf(p.payer.settlementKey.address, NATIVE)).toBe(10_000n - 150n)
  })

  it('a payer closing with a newer state that dropped a revealed lock: the payee wallet claims it against its own state', async () => {
    const l = secret()
    const now = p.clock.now()
    await pay(p, id, { pay: 100n })
    const { update } = await pay(p, id, {
      lock: { hash: l.hash, amount: 70n, expiry: now + 1_000n, jobId: new Uint8Array(32).fill(3) },
    })
    await p.payee.channels.revealPreimage(id, l.preimage)
    await p.payer.channels.recordPreimage(id, l.preimage) // the payer learns it, then cheats
    const claimed = settled(p, 'lock-claimed')
    await p.payer.settlement.close(dropLocks(p, signedStateOf(update)))
    expect(await claimed).toMatchObject({ amount: 70n, preimage: l.preimage })
    expect(await p.ledger.getChannel(id)).toMatchObject({ sequence: 3n, cumulativePaid: 100n, floor: 170n })
    p.clock.advance(601n)
    expect(await p.payee.channels.runDeadlines()).toMatchObject([{ action: 'withdraw' }])
    expect(await p.ledger.balanceOf(p.payee.settlementKey.address, NATIVE)).toBe(170n)
    expect(await p.ledger.balanceOf(p.payer.settlementKey.address, NATIVE)).toBe(10_000n - 170n)
  })

  it('runDeadlines claims a dropped lock too (a payee that was down when the payer closed)', async () => {
    await p.payee.close()
    const q = await walletPair(10_000n, false)
    try {
      const qid = await openChannel(q, 1_000n, 86_400n, 600n)
      const l = secret()
      const now = q.clock.now()
      const lock = { hash: l.hash, amount: 70n, expiry: now + 1_000n, jobId: new Uint8Array(32).fill(4) }
      const { update } = await pay(q, qid, { pay: 100n, lock })
      await q.payee.channels.revealPreimage(qid, l.preimage)
      await q.payer.settlement.close(dropLocks(q, signedStateOf(update)))
      const actions = await q.payee.channels.runDeadlines()
      expect(actions.map((a) => [a.action, a.error?.name])).toEqual([['claim', undefined]])
      expect(await q.ledger.getChannel(qid)).toMatchObject({ claimed: 0n, floor: 170n })
      expect(await q.payee.channels.claimLocks(qid)).toEqual([]) // already claimed: nothing twice
      q.clock.advance(601n)
      await q.payer.channels.runDeadlines()
      expect(await q.ledger.balanceOf(q.payee.settlementKey.address, NATIVE)).toBe(170n)
    } finally {
      await q.close()
    }
  })

  it('a payer whose payee vanished gets the whole unspent deposit back after expiry + window', async () => {
    await pay(p, id, { pay: 10n })
    await p.payee.close() // the payee is gone for good and never closes
    expect(await p.payer.channels.runDeadlines()).toEqual([])
    p.clock.advance(86_400n + 600n)
    expect(await p.payer.channels.runDeadlines()).toMatchObject([{ action: 'refund' }])
    expect(await p.ledger.balanceOf(p.payer.settlementKey.address, NATIVE)).toBe(10_000n)
  })

  it('the payee closes near the channel expiry with its best state', async () => {
    await pay(p, id, { pay: 40n })
    p.clock.advance(86_400n - 599n)
    expect(await p.payee.channels.runDeadlines()).toMatchObject([{ action: 'close' }])
    p.clock.advance(601n)
    await p.payer.channels.runDeadlines() // either side may withdraw
    expect(await p.ledger.balanceOf(p.payee.settlementKey.address, NATIVE)).toBe(40n)
  })

  it('a top-up raises the capacity on both sides', async () => {
    await pay(p, id, { pay: 900n })
    await expect(p.payer.channels.createUpdate(id, { pay: 200n })).rejects.toMatchObject({
      name: 'InsufficientCapacityError',
    })
    const toppedUp = next(p.payee, 'channel-topped-up') // the payee learns it from the settlement layer
    await p.payer.channels.topUp(id, 500n)
    expect(p.payer.channels.balance(id).capacity).toBe(1_500n)
    expect(await toppedUp).toMatchObject({ capacity: 1_500n })
    await pay(p, id, { pay: 200n })
    expect(p.payee.channels.balance(id)).toMatchObject({ capacity: 1_500n, paid: 1_100n })
  })

  it('cooperative close pays the payee what was paid, at once', async () => {
    await pay(p, id, { pay: 25n })
    const terms = p.payee.channels.signCooperativeClose(id)
    await p.payer.channels.cooperativeClose(id, terms)
    expect(await p.ledger.balanceOf(p.payee.settlementKey.address, NATIVE)).toBe(25n)
    expect(p.payer.channels.get(id)?.status).toBe('closed')
  })
})
