/**
 * Property test on a real anvil: random sequences of opens, top-ups, signed updates, closes,
 * challenges, lock claims, withdrawals, refunds and cooperative closes. After every step the
 * contract's token and native balances equal the sum of what it still owes, and no accepted
 * step ever lowers a closing channel's sequence or the payee's due.
 */
import { lockLeaf } from '@bazaar/protocol'
import fc from 'fast-check'
import { keccak256 } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { isNative, NATIVE_TOKEN } from '../../src/evm/convert.js'
import { SettlementRuleError } from '../../src/evm/errors.js'
import type { LockLeaf, SignedState } from '../../src/settlement/types.js'
import { bytes32, type Fixture, type Party, startFixture } from './fixture.js'

let f: Fixture
beforeAll(async () => {
  f = await startFixture()
})
afterAll(async () => {
  await f?.stop()
})

/** A step that does not apply to the current state (no channel yet, no lock to claim). */
class Skip extends Error {}

type Action =
  | { t: 'open'; payer: number; native: boolean; deposit: bigint; ttl: bigint; window: bigint }
  | { t: 'sign'; ch: number; pay: bigint; lock: bigint }
  | { t: 'close'; ch: number; state: number; byPayee: boolean }
  | { t: 'challenge'; ch: number; back: number; byPayee: boolean }
  | { t: 'claim'; ch: number }
  | { t: 'claimFrom'; ch: number; state: number }
  | { t: 'withdraw'; ch: number }
  | { t: 'refund'; ch: number }
  | { t: 'topUp'; ch: number; amount: bigint }
  | { t: 'coop'; ch: number; payeeAmount: bigint }
  | { t: 'time'; secs: bigint }

const amount = (max: number) => fc.bigInt({ min: 0n, max: BigInt(max) })
const openAction = fc.record({
  t: fc.constant('open' as const),
  payer: fc.integer({ min: 0, max: 1 }),
  native: fc.boolean(),
  deposit: fc.bigInt({ min: 200n, max: 1_000n }),
  ttl: fc.bigInt({ min: 30n, max: 200n }),
  window: fc.bigInt({ min: 5n, max: 60n }),
})
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 1, arbitrary: openAction },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('sign' as const),
      ch: fc.nat({ max: 2 }),
      pay: amount(60),
      lock: amount(30),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('close' as const),
      ch: fc.nat({ max: 2 }),
      state: fc.nat(),
      byPayee: fc.boolean(),
    }),
  },
  // Challenges mostly use one of the newest states (a stale one is refused, which is also tested).
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('challenge' as const),
      ch: fc.nat({ max: 2 }),
      back: fc.nat({ max: 2 }),
      byPayee: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('claim' as const), ch: fc.nat({ max: 2 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('claimFrom' as const), ch: fc.nat({ max: 2 }), state: fc.nat() }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('withdraw' as const), ch: fc.nat({ max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('refund' as const), ch: fc.nat({ max: 2 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('topUp' as const), ch: fc.nat({ max: 2 }), amount: amount(300) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('coop' as const),
      ch: fc.nat({ max: 2 }),
      payeeAmount: amount(1_200),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('time' as const), secs: fc.bigInt({ min: 1n, max: 90n }) }),
  },
)

interface ModelChannel {
  id: Uint8Array
  payer: Party
  token: Uint8Array
  deposit: bigint
  /** Signed states, in signing order, with the lock each one carries (if any). */
  states: Array<{ signed: SignedState; lock?: { leaf: LockLeaf; preimage: Uint8Array } }>
}

async function owedAndHeld(
  channels: ModelChannel[],
): Promise<{ owed: [bigint, bigint]; held: [bigint, bigint] }> {
  const owed: [bigint, bigint] = [0n, 0n]
  for (const ch of channels) {
    const c = await f.payee.settlement.getChannel(ch.id)
    if (c && !c.paidOut) owed[isNative(c.token) ? 1 : 0] += c.deposit
  }
  const held: [bigint, bigint] = [
    await f.tokenBalance(f.contractHex),
    await f.client.getBalance({ address: f.contractHex }),
  ]
  return { owed, held }
}

async function step(a: Action, channels: ModelChannel[], payers: Party[]): Promise<void> {
  const pick = (i: number): ModelChannel | undefined =>
    channels.length ? channels[i % channels.length] : undefined
  const by = (ch: ModelChannel, byPayee: boolean) => (byPayee ? f.payee : ch.payer).settlement
  switch (a.t) {
    case 'open': {
      const payer = payers[a.payer]!
      const token = a.native ? NATIVE_TOKEN : f.token
      const expiry = (await f.now()) + a.ttl
      const { channelId } = await payer.settlement.open({
        payee: f.payee.address,
        token,
        deposit: a.deposit,
        expiry,
        disputeWindow: a.window,
        nonce: BigInt(channels.length),
      })
      channels.push({ id: channelId, payer, token, deposit: a.deposit, states: [] })
      return
    }
    case 'sign': {
      const ch = pick(a.ch)
      if (!ch) throw new Skip()
      const last = ch.states.at(-1)?.signed
      const sequence = (last?.sequence ?? 0n) + 1n
      const cumulativePaid = (last?.cumulativePaid ?? 0n) + a.pay
      let lock: { leaf: LockLeaf; preimage: Uint8Array } | undefined
      if (a.lock > 0n) {
        const preimage = bytes32()
        const hash = Buffer.from(keccak256(preimage).slice(2), 'hex')
        lock = { preimage, leaf: { hash, amount: a.lock, expiry: (await f.now()) + 200n, jobId: bytes32() } }
      }
      const signed = await f.signUpdate(ch.payer.key, {
        channelId: ch.id,
        sequence,
        previousStateHash: ch.id,
        cumulativePaid,
        lockedTotal: a.lock,
        locksRoot: lock ? lockLeaf(lock.leaf) : new Uint8Array(32),
        jobId: new Uint8Array(32),
      })
      ch.states.push(lock ? { signed, lock } : { signed })
      return
    }
    case 'close':
    case 'challenge': {
      const ch = pick(a.ch)
      const n = ch?.states.length ?? 0
      const s = ch?.states[a.t === 'close' ? a.state % Math.max(1, n) : n - 1 - Math.min(a.back, n - 1)]
      if (!ch || !s) throw new Skip()
      const before = await f.payee.settlement.getChannel(ch.id)
      await by(ch, a.byPayee)[a.t](s.signed)
      const after = await f.payee.settlement.getChannel(ch.id)
      expect(after?.sequence).toBe(s.signed.sequence)
      expect(after?.cumulativePaid).toBe(s.signed.cumulativePaid)
      if (a.t === 'challenge' && before) {
        expect(after!.sequence).toBeGreaterThan(before.sequence)
        expect(after!.cumulativePaid + after!.claimed).toBeGreaterThanOrEqual(
          before.cumulativePaid + before.claimed,
        )
      }
      return
    }
    case 'claim': {
      const ch = pick(a.ch)
      if (!ch) throw new Skip()
      const c = await f.payee.settlement.getChannel(ch.id)
      const s = ch.states.find((x) => x.signed.sequence === c?.sequence)
      if (!s?.lock) throw new Skip()
      await f.payee.settlement.claimLock(ch.id, s.lock.leaf, s.lock.preimage, [])
      return
    }
    case 'claimFrom': {
      const ch = pick(a.ch)
      const withLocks = ch?.states.filter((x) => x.lock !== undefined) ?? []
      const s = withLocks[a.state % Math.max(1, withLocks.length)]
      if (!ch || !s?.lock) throw new Skip()
      await f.payee.settlement.claimLockFrom(s.signed, s.lock.leaf, s.lock.preimage, [])
      return
    }
    case 'withdraw':
    case 'refund': {
      const ch = pick(a.ch)
      if (!ch) throw new Skip()
      const before = await f.payee.settlement.getChannel(ch.id)
      const payeeBefore = await f.payee.settlement.balanceOf(f.payee.address, ch.token)
      await f.stranger.settlement[a.t](ch.id)
      const payeeGot = (await f.payee.settlement.balanceOf(f.payee.address, ch.token)) - payeeBefore
      // The payee's due: the closing state's amount, or the floor of earlier-state claims if larger.
      let due = before!.cumulativePaid + before!.claimed
      if (before!.floor > due) due = before!.floor
      expect(payeeGot).toBe(a.t === 'refund' ? 0n : due)
      return
    }
    case 'topUp': {
      const ch = pick(a.ch)
      if (!ch) throw new Skip()
      await ch.payer.settlement.topUp(ch.id, a.amount)
      ch.deposit += a.amount
      return
    }
    case 'coop': {
      const ch = pick(a.ch)
      if (!ch) throw new Skip()
      const c = { channelId: ch.id, sequence: BigInt(ch.states.length), payeeAmount: a.payeeAmount }
      await f.payee.settlement.cooperativeClose({
        ...c,
        payerSignature: await f.signCooperative(ch.payer.key, c),
        payeeSignature: await f.signCooperative(f.payee.key, c),
      })
      return
    }
    case 'time':
      await f.increaseTime(a.secs)
      return
  }
}

it('the contract always holds exactly what it owes', { timeout: 240_000 }, async () => {
  const payers = [f.payer, f.stranger]
  let snapshot = (await f.client.request({ method: 'evm_snapshot' as never, params: [] as never })) as string
  const accepted = new Map<string, number>()
  const refused = new Map<string, number>()
  await fc.assert(
    fc.asyncProperty(
      fc.array(openAction, { minLength: 1, maxLength: 3 }),
      fc.array(action, { minLength: 20, maxLength: 40 }),
      async (opens, rest) => {
        const actions: Action[] = [...opens, ...rest]
        await f.client.request({ method: 'evm_revert' as never, params: [snapshot] as never })
        snapshot = (await f.client.request({
          method: 'evm_snapshot' as never,
          params: [] as never,
        })) as string
        const channels: ModelChannel[] = []
        for (const a of actions) {
          try {
            await step(a, channels, payers)
            accepted.set(a.t, (accepted.get(a.t) ?? 0) + 1)
          } catch (err) {
            // A refusal by a contract rule is fine; anything else (a wrong payout, a crash) is not.
            if (err instanceof Skip) continue
            if (!(err instanceof SettlementRuleError)) throw err
            refused.set(err.rule, (refused.get(err.rule) ?? 0) + 1)
          }
          const { owed, held } = await owedAndHeld(channels)
          expect(held).toEqual(owed)
        }
      },
    ),
    { numRuns: 60 },
  )
  if (process.env.BAZAAR_PROPERTY_STATS) console.log({ accepted, refused })
  // The generator reaches the interesting paths, not only refusals.
  for (const t of [
    'open',
    'close',
    'challenge',
    'withdraw',
    'refund',
    'coop',
    'claim',
    'claimFrom',
    'topUp',
  ]) {
    expect(accepted.get(t) ?? 0, `accepted ${t}`).toBeGreaterThan(0)
  }
  expect(refused.size).toBeGreaterThan(3)
  if (process.env.BAZAAR_PROPERTY_STATS) console.log({ accepted, refused })
})
