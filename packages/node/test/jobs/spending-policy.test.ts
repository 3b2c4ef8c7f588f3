import { describe, expect, it } from 'vitest'
import { SpendingPolicy } from '../../src/jobs/spending-policy.js'
import { RateLimiter } from '../../src/stream/rate-limiter.js'

describe('SpendingPolicy', () => {
  const policy = () => new SpendingPolicy({ maxPerJob: 100n, maxPerPeerPerDay: 250n, maxPerDay: 400n })

  it.each([
    ['per-job', 101n, [] as Array<[string, bigint]>],
    [
      'per-peer',
      100n,
      [
        ['a', 100n],
        ['a', 100n],
      ] as Array<[string, bigint]>,
    ],
    [
      'per-day',
      100n,
      [
        ['a', 100n],
        ['b', 100n],
        ['c', 100n],
        ['d', 100n],
      ] as Array<[string, bigint]>,
    ],
  ])('denies above the %s limit', (limit, amount, before) => {
    const p = policy()
    for (const [peer, spent] of before) p.reserve(peer, spent).commit(spent)
    expect(() => p.reserve('a', amount)).toThrow(
      expect.objectContaining({ name: 'SpendingLimitError', limit }),
    )
  })

  it('counts the price paid, not the budget reserved, and frees released reservations', () => {
    const p = policy()
    p.reserve('a', 100n).commit(10n)
    p.reserve('a', 100n).release()
    expect(p.spent('a')).toBe(10n)
    expect(p.spent()).toBe(10n)
  })

  it('forgets spending older than a day', () => {
    const p = policy()
    const start = Date.now()
    p.reserve('a', 100n, start).commit(100n)
    p.reserve('a', 100n, start).commit(100n)
    expect(() => p.reserve('a', 100n, start)).toThrow()
    expect(() => p.reserve('a', 100n, start + 24 * 3600 * 1000 + 1)).not.toThrow()
  })

  it('a reservation settled after it aged out changes nothing (the running sums stay exact)', () => {
    const p = policy()
    const start = Date.now()
    const old = p.reserve('a', 100n, start)
    p.reserve('b', 30n, start + 1_000).commit(20n)
    const later = start + 24 * 3600 * 1000 + 1
    expect(p.spent(undefined, later)).toBe(20n)
    old.commit(10n)
    expect(p.spent(undefined, later)).toBe(20n)
    expect(p.spent('a', later)).toBe(0n)
    expect(p.spent('b', later)).toBe(20n)
  })
})

describe('RateLimiter', () => {
  it('allows a burst, then the sustained rate, per key', () => {
    const limiter = new RateLimiter({ capacity: 3, perSecond: 2 })
    const t = 1_000
    expect([1, 2, 3, 4].map(() => limiter.tryTake('a', t))).toEqual([true, true, true, false])
    expect(limiter.tryTake('b', t)).toBe(true)
    expect(limiter.tryTake('a', t + 400)).toBe(false)
    expect(limiter.tryTake('a', t + 500)).toBe(true)
  })
})
