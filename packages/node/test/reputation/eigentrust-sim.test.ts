import { describe, expect, it } from 'vitest'
import {
  PUBLISHED_MODEL_C,
  runThreatModel,
  type ThreatModelOptions,
} from '../../src/reputation/eigentrust-sim.js'

const SEEDS = [1, 2, 3]
function mean(options: Omit<ThreatModelOptions, 'seed'>): { toBad: number; bad: number } {
  const runs = SEEDS.map((seed) => runThreatModel({ ...options, seed }))
  return {
    toBad: runs.reduce((s, r) => s + r.shareToBad, 0) / runs.length,
    bad: runs.reduce((s, r) => s + r.shareBadOutcomes, 0) / runs.length,
  }
}
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`

describe('EigenTrust threat models A-D on Bazaar trust', () => {
  it('is deterministic for a seed', () => {
    expect(runThreatModel({ model: 'C', seed: 7 })).toEqual(runThreatModel({ model: 'C', seed: 7 }))
  })

  it('keeps the share of bad outcomes far below random hiring, and below the published figures', () => {
    const rows: string[] = []
    const scenarios: Array<[string, Omit<ThreatModelOptions, 'seed'>, number | undefined]> = [
      ['A (lone malicious, 40%)', { model: 'A' }, undefined],
      ['B (collective, 40%)', { model: 'B' }, undefined],
      [
        'C f=50% (camouflaged collective)',
        { model: 'C', camouflage: 0.5 },
        PUBLISHED_MODEL_C[0].shareBadOutcomes,
      ],
      ['C f=70%', { model: 'C', camouflage: 0.7 }, PUBLISHED_MODEL_C[1].shareBadOutcomes],
      ['D (spies vouch for B)', { model: 'D' }, undefined],
    ]
    for (const [name, options, published] of scenarios) {
      const ours = mean(options)
      const plain = mean({ ...options, trust: { fullRowWeight: 0 } })
      const random = mean({ ...options, useTrust: false })
      rows.push(
        `| ${name} | ${pct(ours.toBad)} | ${pct(ours.bad)} | ${pct(plain.bad)} | ${pct(random.bad)} | ${published === undefined ? '-' : pct(published)} |`,
      )
      expect(ours.bad).toBeLessThan(random.bad / 2)
      if (published !== undefined) expect(ours.bad).toBeLessThanOrEqual(published)
      // The only way in for never-trusted bad workers is the 10% exploration.
      if (options.model !== 'C') expect(ours.toBad).toBeLessThan(0.13)
    }
    console.log(
      [
        '| threat model | jobs to bad workers | bad outcomes | bad outcomes, plain EigenTrust rows | bad outcomes, random hiring | published replication |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    )
  })
})
