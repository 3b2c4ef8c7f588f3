/**
 * A pure, seeded simulation of EigenTrust's threat models (Kamvar et al. 2003, section 7) run on
 * Bazaar's own trust computation ({@link TrustGraph}), measuring the share of jobs that went to bad
 * workers and the share that ended badly.
 *
 * - A: individual malicious workers always deliver garbage and rate bad service as good.
 * - B: a malicious collective delivers garbage and rates its members highly through tiny
 *   self-paid receipts.
 * - C: B with camouflage: members deliver good results a fraction `f` of the time.
 * - D: B-type workers plus spies that deliver good service (earning trust from honest clients)
 *   and vouch for the B-type workers with self-paid receipts.
 *
 * Each cycle every honest peer hires one worker among `candidates` random peers: with probability
 * `explore` one of the candidates with no trust (so newcomers get a chance), otherwise one chosen
 * with probability proportional to its global trust (EigenTrust's probabilistic source selection).
 * Clients rate truthfully (90 good, 10 bad) and workers rate paying clients 80.
 */
import { TrustGraph, type TrustOptions } from './trust.js'

export type ThreatModel = 'A' | 'B' | 'C' | 'D'

export interface ThreatModelOptions {
  model: ThreatModel
  seed: number
  /** Honest peers, pre-trusted ones included. Default 60. */
  goodPeers?: number
  /** Pre-trusted honest peers. Default 3. */
  preTrusted?: number
  /** Share of all peers that are malicious (spies included in D). Default 0.4. */
  maliciousFraction?: number
  /** C: probability that a camouflaged worker delivers a good result. Default 0.5. */
  camouflage?: number
  /** D: share of the malicious peers that are spies. Default 0.5. */
  spyShare?: number
  /** Cycles (trust recomputed after each). Default 30. */
  cycles?: number
  /** Candidate workers offered per job. Default 8. */
  candidates?: number
  /** Probability of hiring among candidates with no trust. Default 0.1. */
  explore?: number
  /** Price of an honest job, base units. Default 100_000. */
  price?: bigint
  /** Price of a collective's self-paid receipt, base units. Default 10. */
  sybilPrice?: bigint
  /** Self-paid receipts each collective member issues per cycle. Default 5. */
  selfDeals?: number
  /** False: hire uniformly at random (the no-reputation baseline). Default true. */
  useTrust?: boolean
  /** Trust parameters (e.g. `fullRowWeight: 0` for plain EigenTrust row normalisation). */
  trust?: Omit<TrustOptions, 'preTrusted' | 'self'>
}

export interface ThreatModelResult {
  model: ThreatModel
  jobs: number
  /** Jobs hired from malicious workers (spies not counted: they deliver). */
  jobsToBad: number
  /** Jobs whose result was bad. */
  badOutcomes: number
  shareToBad: number
  shareBadOutcomes: number
  /** Mean global trust of honest workers and of each malicious kind at the end. */
  meanTrust: { honest: number; malicious: number; spies: number }
}

/** mulberry32: a small seeded PRNG, enough for reproducible simulations. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Kind = 'honest' | 'malicious' | 'spy'

export function runThreatModel(options: ThreatModelOptions): ThreatModelResult {
  const rnd = seededRandom(options.seed)
  const good = options.goodPeers ?? 60
  const fraction = options.maliciousFraction ?? 0.4
  const bad = Math.round((good * fraction) / (1 - fraction))
  const spies = options.model === 'D' ? Math.round(bad * (options.spyShare ?? 0.5)) : 0
  const kinds: Kind[] = [
    ...Array<Kind>(good).fill('honest'),
    ...Array<Kind>(bad - spies).fill('malicious'),
    ...Array<Kind>(spies).fill('spy'),
  ]
  const key = (i: number): string => i.toString(16).padStart(64, '0')
  const pre = options.preTrusted ?? 3
  const trust = new TrustGraph({
    ...options.trust,
    preTrusted: Array.from({ length: pre }, (_, i) => key(i)),
  })
  trust.recompute()
  const price = options.price ?? 100_000n
  const sybilPrice = options.sybilPrice ?? 10n
  const camouflage = options.model === 'C' ? (options.camouflage ?? 0.5) : 0
  const explore = options.explore ?? 0.1
  const nCandidates = options.candidates ?? 8
  const useTrust = options.useTrust ?? true
  let seq = 0
  let now = 0
  const rate = (from: number, to: number, rating: number, paid: bigint): void => {
    trust.add({ id: `${seq++}`, attester: key(from), subject: key(to), rating, price: paid, issuedAt: now })
  }
  const maliciousIdx = kinds.flatMap((k, i) => (k === 'malicious' ? [i] : []))
  const spyIdx = kinds.flatMap((k, i) => (k === 'spy' ? [i] : []))

  let jobs = 0
  let jobsToBad = 0
  let badOutcomes = 0
  for (let cycle = 0; cycle < (options.cycles ?? 30); cycle++) {
    now++
    for (let client = 0; client < good; client++) {
      const candidates = new Set<number>()
      while (candidates.size < nCandidates) {
        const c = Math.floor(rnd() * kinds.length)
        if (c !== client) candidates.add(c)
      }
      const worker = choose([...candidates], (i) => (useTrust ? trust.score(key(i)) : 0), explore, rnd)
      const kind = kinds[worker]!
      const goodResult = kind !== 'malicious' || (camouflage > 0 && rnd() < camouflage)
      jobs++
      if (kind === 'malicious') jobsToBad++
      if (!goodResult) badOutcomes++
      rate(client, worker, goodResult ? 90 : 10, price)
      if (kind === 'honest' || kind === 'spy') rate(worker, client, 80, price)
    }
    // The malicious side's own activity.
    if (options.model === 'A') {
      // Lone malicious peers: each hires a random peer and values garbage (rates honest work 0).
      for (const m of maliciousIdx) {
        const w = Math.floor(rnd() * kinds.length)
        if (w !== m) rate(m, w, kinds[w] === 'malicious' ? 100 : 0, price)
      }
    } else {
      const vouchers = options.model === 'D' ? spyIdx : maliciousIdx
      for (const v of vouchers) {
        for (let d = 0; d < (options.selfDeals ?? 5) && maliciousIdx.length > 1; d++) {
          const target = maliciousIdx[Math.floor(rnd() * maliciousIdx.length)]!
          if (target !== v) rate(v, target, 100, sybilPrice)
        }
      }
    }
    trust.recompute()
  }
  const mean = (k: Kind): number => {
    const idx = kinds.flatMap((x, i) => (x === k ? [i] : []))
    return idx.length === 0 ? 0 : idx.reduce((s, i) => s + trust.score(key(i)), 0) / idx.length
  }
  return {
    model: options.model,
    jobs,
    jobsToBad,
    badOutcomes,
    shareToBad: jobsToBad / jobs,
    shareBadOutcomes: badOutcomes / jobs,
    meanTrust: { honest: mean('honest'), malicious: mean('malicious'), spies: mean('spy') },
  }
}

/** EigenTrust's probabilistic selection among candidates. */
function choose(
  candidates: number[],
  score: (i: number) => number,
  explore: number,
  rnd: () => number,
): number {
  const trusted = candidates.filter((c) => score(c) > 0)
  const untrusted = candidates.filter((c) => score(c) <= 0)
  if (trusted.length === 0 || (untrusted.length > 0 && rnd() < explore)) {
    const pool = untrusted.length > 0 ? untrusted : candidates
    return pool[Math.floor(rnd() * pool.length)]!
  }
  const total = trusted.reduce((s, c) => s + score(c), 0)
  let r = rnd() * total
  for (const c of trusted) {
    r -= score(c)
    if (r <= 0) return c
  }
  return trusted[trusted.length - 1]!
}

/** The replication's published worst cases for camouflaged collectives (model C). */
export const PUBLISHED_MODEL_C = [
  { camouflage: 0.5, shareBadOutcomes: 0.176 },
  { camouflage: 0.7, shareBadOutcomes: 0.073 },
] as const
