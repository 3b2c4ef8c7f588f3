/** The simulation's pure parts: seeded RNG, role allocation, percentiles, scenario validation, skills. */
import { describe, expect, it } from 'vitest'
import { checkResult, computeSkill } from '../../src/sim/behaviours.js'
import { failureReason } from '../../src/sim/clients.js'
import { ScenarioInvalidError } from '../../src/sim/errors.js'
import { Rng } from '../../src/sim/rng.js'
import { allocate, DEFAULT_SCENARIO, normalizeScenario } from '../../src/sim/scenario.js'
import { percentile, summarize } from '../../src/sim/stats.js'

describe('Rng', () => {
  it('is reproducible from its seed and differs across seeds', () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng(42)),
    )
    const b = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng(42)),
    )
    const c = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng(43)),
    )
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })

  it('keeps int() inside its bounds and covers them', () => {
    const r = new Rng(1)
    const seen = new Set<number>()
    for (let i = 0; i < 2_000; i++) {
      const x = r.int(3, 7)
      expect(x).toBeGreaterThanOrEqual(3)
      expect(x).toBeLessThanOrEqual(7)
      seen.add(x)
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7])
  })

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 50 }, (_, i) => i)
    const shuffled = new Rng(9).shuffle(items)
    expect(shuffled).not.toEqual(items)
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items)
  })
})

describe('allocate', () => {
  it('gives the default scenario 3/3/1/1/1/3 at 12 nodes', () => {
    expect(allocate(DEFAULT_SCENARIO.groups, 12)).toEqual([3, 3, 1, 1, 1, 3])
  })

  it.each([6, 7, 13, 50, 200])('sums to %i with every group present', (n) => {
    const counts = allocate(DEFAULT_SCENARIO.groups, n)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(n)
    for (const c of counts) expect(c).toBeGreaterThanOrEqual(1)
  })

  it('refuses fewer nodes than groups, saying how many are needed', () => {
    expect(() => allocate(DEFAULT_SCENARIO.groups, 5)).toThrow(/--nodes 6/)
  })
})

describe('stats', () => {
  it('computes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(sorted, 0.5)).toBe(50)
    expect(percentile(sorted, 0.95)).toBe(95)
    expect(percentile(sorted, 1)).toBe(100)
    expect(summarize([3, 1, 2])).toMatchObject({ count: 3, p50: 2, max: 3, mean: 2 })
    expect(summarize([]).count).toBe(0)
  })
})

describe('scenario', () => {
  it('fills defaults for missing fields', () => {
    const s = normalizeScenario({ name: 'x', concurrency: 2 })
    expect(s.concurrency).toBe(2)
    expect(s.skills).toEqual(DEFAULT_SCENARIO.skills)
  })

  it.each([
    [{ groups: [] }, /non-empty/],
    [{ groups: [{ name: 'w', role: 'worker', weight: 1 }] }, /client group/],
    [{ skills: ['teleport'] }, /unknown sim skill/],
    [{ concurrency: 0 }, /concurrency/],
    [{ crash: { group: 'nobody', count: 1 } }, /crash.group/],
  ])('rejects %j', (input, message) => {
    expect(() => normalizeScenario(input)).toThrow(ScenarioInvalidError)
    expect(() => normalizeScenario(input)).toThrow(message)
  })
})

describe('skills and failure reasons', () => {
  it('computes and checks results', () => {
    const input = new TextEncoder().encode('abc')
    expect(new TextDecoder().decode(computeSkill('reverse', input))).toBe('cba')
    expect(new TextDecoder().decode(computeSkill('uppercase', input))).toBe('ABC')
    expect(checkResult('sha256', input, computeSkill('sha256', input))).toBe(true)
    expect(checkResult('sha256', input, input)).toBe(false)
  })

  it('maps hire errors to bounded reasons', () => {
    const named = (name: string): Error => Object.assign(new Error('x'), { name })
    expect(failureReason(named('DeadlineExceededError'))).toBe('deadline')
    expect(failureReason(named('WorkerUnreachableError'))).toBe('unreachable')
    expect(failureReason(named('WorkerBusyError'))).toBe('busy')
    expect(failureReason(named('NoWorkerFoundError'))).toBe('no-candidate')
    expect(failureReason(named('SomethingElse'))).toBe('SomethingElse')
  })
})
