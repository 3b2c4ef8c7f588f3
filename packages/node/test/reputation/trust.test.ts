import { describe, expect, it } from 'vitest'
import { rankByTrust, TrustGraph, type TrustInput } from '../../src/reputation/trust.js'

const key = (n: number): string => n.toString(16).padStart(64, '0')
let seq = 0
const att = (from: number, to: number, rating: number, price = 100_000n): TrustInput => ({
  id: `a${seq++}`,
  attester: key(from),
  subject: key(to),
  rating,
  price,
  issuedAt: seq,
})

describe('TrustGraph', () => {
  it('lets trust flow from pre-trusted raters to the workers they rate well', () => {
    const g = new TrustGraph({ preTrusted: [key(0)] })
    g.add(att(0, 1, 95))
    g.add(att(0, 2, 10))
    g.add(att(3, 2, 100)) // an untrusted rater's praise counts for nothing
    g.recompute()
    expect(g.score(key(1))).toBeGreaterThan(0.3)
    expect(g.score(key(2))).toBe(0)
    expect(g.score(key(3))).toBe(0)
    const total = [0, 1, 2, 3].reduce((s, i) => s + g.score(key(i)), 0)
    expect(total).toBeCloseTo(1, 9)
  })

  it('tells a peer trusted raters rated badly from a peer nobody rated (distrust)', () => {
    const g = new TrustGraph({ preTrusted: [key(0)] })
    g.add(att(0, 1, 95))
    g.add(att(0, 2, 0)) // paid, delivered garbage
    g.add(att(3, 4, 0)) // an untrusted rater's complaint counts for nothing
    g.add(att(0, 5, 60)) // satisfied
    g.recompute()
    expect(g.score(key(2))).toBe(0)
    expect(g.score(key(6))).toBe(0) // unknown
    expect(g.distrust(key(2))).toBeGreaterThan(0)
    expect(g.distrust(key(4))).toBe(0)
    expect(g.distrust(key(5))).toBe(0)
    expect(g.distrust(key(6))).toBe(0)
    expect(g.distrust(key(1))).toBe(0)
    // Ranked: trusted first, then the unknown, then the one trusted raters paid and rated badly.
    const ranked = rankByTrust(
      g,
      [2, 6, 1].map((n) => ({ peer: key(n), n })),
      (k) => k,
    )
    expect(ranked.map((r) => r.n)).toEqual([1, 6, 2])
    expect(ranked[0]!.score).toBe(g.score(key(1)))
  })

  it('gives a ring of fresh identities rating each other nothing', () => {
    const g = new TrustGraph({ preTrusted: [key(0)] })
    g.add(att(0, 1, 90))
    for (let r = 10; r < 20; r++)
      for (let k = 0; k < 10; k++) g.add(att(r, 10 + ((r + 1 + k) % 10), 100, 10n))
    g.recompute()
    for (let r = 10; r < 20; r++) expect(g.score(key(r))).toBe(0)
    expect(g.score(key(1))).toBeGreaterThan(0)
  })

  it('weights a pair by a concave, capped function of the total paid', () => {
    // Rater 0 splits its trust between 1 (one payment of 100 units) and 2 (100 payments of 1 unit
    // each: the same total) and 3 (a huge payment, capped).
    const g = new TrustGraph({ preTrusted: [key(0)], pairCap: 5 })
    g.add(att(0, 1, 100, 100_000n))
    for (let i = 0; i < 100; i++) g.add(att(0, 2, 100, 1_000n))
    g.add(att(0, 3, 100, 10n ** 15n))
    g.recompute()
    const e1 = g.explain(key(1)).inbound[0]!
    const e2 = g.explain(key(2)).inbound[0]!
    const e3 = g.explain(key(3)).inbound[0]!
    expect(e1.weight).toBeCloseTo(Math.log1p(100), 9)
    expect(e2.weight).toBeCloseTo(e1.weight, 9)
    expect(e3.weight).toBe(5)
    expect(e2.attestations).toHaveLength(100)
    expect(g.score(key(3))).toBeLessThan(g.score(key(1)) * 1.1)
  })

  it('passes on a thinly paid rater’s trust only partly', () => {
    const g = new TrustGraph({ preTrusted: [key(0)] })
    g.add(att(0, 1, 90))
    g.add(att(1, 2, 100, 10n)) // 1 is trusted but vouches with a 0.01-unit payment
    g.add(att(0, 3, 90))
    g.add(att(3, 4, 100)) // 3 vouches with a real payment
    g.recompute()
    expect(g.score(key(4))).toBeGreaterThan(g.score(key(2)) * 20)
    const plain = new TrustGraph({ preTrusted: [key(0)], fullRowWeight: 0 })
    for (const a of [att(0, 1, 90), att(1, 2, 100, 10n), att(0, 3, 90), att(3, 4, 100)]) plain.add(a)
    plain.recompute()
    expect(plain.score(key(2))).toBeCloseTo(plain.score(key(4)), 9)
  })

  it('explains a score as teleport plus the contributions of its raters', () => {
    const g = new TrustGraph({ preTrusted: [key(0)] })
    g.add(att(0, 1, 90))
    g.add(att(2, 1, 80))
    g.add(att(0, 2, 70))
    g.recompute()
    const e = g.explain(key(1))
    const sum = e.teleport + e.inbound.reduce((s, x) => s + x.contribution, 0)
    expect(sum).toBeCloseTo(e.score, 6)
    expect(e.inbound.map((x) => x.attester)).toEqual([key(0), key(2)])
    expect(e.inbound[0]!.meanRating).toBe(90)
  })

  it('uses own paid experiences as the teleport vector when nothing is pre-trusted', () => {
    const g = new TrustGraph({ self: key(9) })
    g.add(att(9, 1, 90))
    g.add(att(5, 6, 100))
    g.recompute()
    expect(g.score(key(1))).toBeGreaterThan(0.5)
    expect(g.score(key(6))).toBe(0)
    // explain() accounts for p, including the mass dangling raters hand back to it.
    const e = g.explain(key(1))
    expect(e.teleport + e.inbound.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(e.score, 9)
  })

  it('updates incrementally: warm start converges faster than a cold start, and remove undoes add', () => {
    const g = new TrustGraph({ preTrusted: [key(0), key(1)], epsilon: 1e-12, maxIterations: 500 })
    for (let i = 0; i < 2000; i++) g.add(att(i % 50, 50 + ((i * 7) % 200), 40 + (i % 60)))
    const cold = g.recompute()
    const before = g.score(key(60))
    const extra = att(0, 60, 100)
    g.add(extra)
    expect(g.dirty).toBe(true)
    const warm = g.recompute()
    expect(g.dirty).toBe(false)
    expect(warm).toBeLessThan(cold)
    expect(g.score(key(60))).toBeGreaterThan(before)
    g.remove(extra.id)
    g.recompute()
    expect(g.score(key(60))).toBeCloseTo(before, 9)
    expect(g.recompute()).toBe(0)
  })
})
