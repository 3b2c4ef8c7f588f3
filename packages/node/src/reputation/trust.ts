/**
 * EigenTrust-like global trust (Kamvar, Schlosser, Garcia-Molina, "The EigenTrust Algorithm for
 * Reputation Management in P2P Networks", WWW 2003), adapted to paid jobs:
 *
 * - local trust of attester i in subject j: `s_ij = w(paid_ij) * (m_ij - 50) / 50`, where `paid_ij`
 *   is the total the pair's receipts say was paid, `w(x) = min(pairCap, log1p(x / priceUnit))` is
 *   concave and capped per pair (many tiny self-payments add up to the log of their small sum),
 *   and `m_ij` is the price-weighted mean rating;
 * - `c_ij = m_i * max(s_ij, 0) / sum_k max(s_ik, 0)` (EigenTrust's normalisation) scaled by the
 *   rater's mass `m_i = min(1, log1p(paid_i / priceUnit) / fullRowWeight)`, `paid_i` being all it
 *   paid or was paid in the jobs it rated: a rater passes on its trust only in proportion to the
 *   money behind its word, and the rest (all of it for a row with no positive entry) returns to
 *   `p`;
 * - `t = (1 - a) C^T t + a p`, with `p` from the pre-trusted peers and this node's own paid
 *   experiences (its own row of C), solved by power iteration warm-started from the last vector.
 *
 * Pure and synchronous: no I/O, no timers. The service schedules `recompute()`; the simulation
 * calls it directly.
 */
import {
  DEFAULT_TRUST_ALPHA,
  DEFAULT_TRUST_EPSILON,
  DEFAULT_TRUST_FULL_ROW_WEIGHT,
  DEFAULT_TRUST_MAX_ITERATIONS,
  DEFAULT_TRUST_PAIR_CAP,
  DEFAULT_TRUST_PRICE_UNIT,
} from './constants.js'
import type { PeerKeyHex } from './types.js'

export interface TrustOptions {
  /** Teleport probability `a`. Default {@link DEFAULT_TRUST_ALPHA}. */
  alpha?: number
  /** L1 convergence threshold. Default {@link DEFAULT_TRUST_EPSILON}. */
  epsilon?: number
  /** Most iterations per recompute. Default {@link DEFAULT_TRUST_MAX_ITERATIONS}. */
  maxIterations?: number
  /** Base units that count as one unit of payment. Default {@link DEFAULT_TRUST_PRICE_UNIT}. */
  priceUnit?: bigint
  /** Cap of one pair's weight. Default {@link DEFAULT_TRUST_PAIR_CAP}. */
  pairCap?: number
  /** Pre-trusted peers (hex keys): the anchor of `p`. */
  preTrusted?: Iterable<PeerKeyHex>
  /** This node's key: its own attestations (its paid experiences) also feed `p`. */
  self?: PeerKeyHex
  /** Share of `p` given to own experience when pre-trusted peers exist too. Default 0.5. */
  selfShare?: number
  /**
   * Payment weight a rater needs to pass on all of its trust, in weight units: a rater whose
   * ratings rest on `w = log1p(total paid / priceUnit)` passes on `min(1, w / fullRowWeight)` of
   * its trust and hands the rest back to `p`. Default {@link DEFAULT_TRUST_FULL_ROW_WEIGHT}.
   * 0 restores EigenTrust's plain row normalisation.
   */
  fullRowWeight?: number
}

/** The part of an attestation that trust needs. */
export interface TrustInput {
  id: string
  attester: PeerKeyHex
  subject: PeerKeyHex
  rating: number
  price: bigint
  issuedAt: number
}

/** One (attester, subject) pair's aggregate. */
interface Pair {
  paid: bigint
  /** sum(price * rating), kept as a number: only its ratio to `paid` matters. */
  ratingMass: number
  items: Map<string, TrustInput>
}

/** The weight of one rater in a subject's score, as returned by {@link TrustGraph.explain}. */
export interface TrustEdge {
  attester: PeerKeyHex
  /** The attester's own global trust. */
  attesterScore: number
  /** `c_ij`: the share of the attester's trust it hands this subject. */
  localTrust: number
  /** `(1 - a) * t_i * c_ij`: what this edge adds to the subject's score. */
  contribution: number
  /** Total paid across the pair's receipts, in base units. */
  paid: bigint
  /** Capped concave weight of the pair, `min(pairCap, log1p(paid / priceUnit))`. */
  weight: number
  /** Price-weighted mean rating of the pair. */
  meanRating: number
  attestations: TrustInput[]
}

export interface TrustExplanation {
  peer: PeerKeyHex
  score: number
  /**
   * `(a + (1 - a) * leaked) * p_i`: the share of the score that comes from `p` (being pre-trusted
   * or rated by this node), including the mass that dangling and thinly paid raters hand back.
   */
  teleport: number
  inbound: TrustEdge[]
}

export class TrustGraph {
  private readonly alpha: number
  private readonly epsilon: number
  private readonly maxIterations: number
  private readonly priceUnit: number
  private readonly pairCap: number
  private readonly selfShare: number
  private readonly fullRowWeight: number
  private readonly preTrusted: Set<PeerKeyHex>
  private readonly self: PeerKeyHex | undefined
  private readonly index = new Map<PeerKeyHex, number>()
  private readonly keys: PeerKeyHex[] = []
  /** out[i]: subject index -> pair. */
  private readonly out: Array<Map<number, Pair>> = []
  /** into[j]: attester indexes that rated j. */
  private readonly into: Array<Set<number>> = []
  private readonly byId = new Map<string, TrustInput>()
  private trust: Float64Array = new Float64Array(0)
  private teleport: Float64Array = new Float64Array(0)
  private dirtyFlag = false
  /** Mass the last vector hands back to `p` (dangling and thinly paid raters). */
  private leaked = 0
  /** Iterations the last recompute ran. */
  lastIterations = 0

  constructor(options: TrustOptions = {}) {
    this.alpha = options.alpha ?? DEFAULT_TRUST_ALPHA
    this.epsilon = options.epsilon ?? DEFAULT_TRUST_EPSILON
    this.maxIterations = options.maxIterations ?? DEFAULT_TRUST_MAX_ITERATIONS
    this.priceUnit = Number(options.priceUnit ?? DEFAULT_TRUST_PRICE_UNIT)
    this.pairCap = options.pairCap ?? DEFAULT_TRUST_PAIR_CAP
    this.selfShare = options.selfShare ?? 0.5
    this.fullRowWeight = options.fullRowWeight ?? DEFAULT_TRUST_FULL_ROW_WEIGHT
    this.preTrusted = new Set(options.preTrusted ?? [])
    this.self = options.self
    for (const k of this.preTrusted) this.peer(k)
    if (this.self !== undefined) this.peer(this.self)
  }

  /** True when attestations changed since the last recompute. */
  get dirty(): boolean {
    return this.dirtyFlag
  }

  /** Number of attestations held. */
  get size(): number {
    return this.byId.size
  }

  /** Adds an attestation (ignored if its id is known). Marks the vector dirty. */
  add(attestation: TrustInput): void {
    if (this.byId.has(attestation.id) || attestation.attester === attestation.subject) return
    // Keep only what trust needs: callers pass whole attestations (with their bytes).
    const { id, attester, subject, rating, price, issuedAt } = attestation
    const input: TrustInput = { id, attester, subject, rating, price, issuedAt }
    const i = this.peer(input.attester)
    const j = this.peer(input.subject)
    let pair = this.out[i]!.get(j)
    if (pair === undefined) {
      pair = { paid: 0n, ratingMass: 0, items: new Map() }
      this.out[i]!.set(j, pair)
      this.into[j]!.add(i)
    }
    pair.paid += input.price
    pair.ratingMass += Number(input.price) * input.rating
    pair.items.set(input.id, input)
    this.byId.set(input.id, input)
    this.dirtyFlag = true
  }

  /** Removes an attestation (store eviction). Marks the vector dirty. */
  remove(id: string): void {
    const input = this.byId.get(id)
    if (input === undefined) return
    this.byId.delete(id)
    const i = this.index.get(input.attester)!
    const j = this.index.get(input.subject)!
    const pair = this.out[i]!.get(j)!
    pair.items.delete(id)
    pair.paid -= input.price
    pair.ratingMass -= Number(input.price) * input.rating
    if (pair.items.size === 0) {
      this.out[i]!.delete(j)
      this.into[j]!.delete(i)
    }
    this.dirtyFlag = true
  }

  /** O(1): the cached global trust of a peer (0 when unknown). Sums to 1 over all peers. */
  score(peer: PeerKeyHex): number {
    const i = this.index.get(peer)
    return i === undefined ? 0 : (this.trust[i] ?? 0)
  }

  /**
   * Trust-weighted evidence against a peer: `sum_i t_i * w_ij * max(0, (50 - m_ij) / 50)` over
   * its raters. EigenTrust drops negative local trust, so a peer that trusted raters paid and
   * rated badly and a peer nobody has rated both score 0; this tells them apart (0 for a peer
   * with no bad rating from anyone trusted, e.g. a newcomer or a ring rating itself).
   */
  distrust(peer: PeerKeyHex): number {
    const j = this.index.get(peer)
    if (j === undefined) return 0
    let sum = 0
    for (const i of this.into[j]!) {
      const ti = this.trust[i] ?? 0
      if (ti === 0) continue
      const pair = this.out[i]!.get(j)!
      sum += ti * this.pairWeight(pair) * Math.max(0, (50 - this.meanRating(pair)) / 50)
    }
    return sum
  }

  /** Number of peers the graph knows (attesters, subjects, pre-trusted, self). */
  get peers(): number {
    return this.keys.length
  }

  /** Recomputes the vector if dirty; returns the number of iterations run. */
  recompute(): number {
    if (!this.dirtyFlag && this.trust.length === this.keys.length) return 0
    this.dirtyFlag = false
    const n = this.keys.length
    if (n === 0) return 0
    const { rowStart, cols, vals, leak } = this.normalised()
    const p = this.teleportVector(rowStart, cols, vals)
    this.teleport = p
    // Warm start: keep the previous vector, give new peers their teleport share, renormalise.
    let t = new Float64Array(n)
    let sum = 0
    for (let i = 0; i < n; i++) {
      t[i] = i < this.trust.length ? this.trust[i]! : p[i]!
      sum += t[i]!
    }
    if (sum <= 0) t.set(p)
    else for (let i = 0; i < n; i++) t[i]! /= sum
    let next = new Float64Array(n)
    const a = this.alpha
    let iterations = 0
    while (iterations < this.maxIterations) {
      iterations++
      // Mass not passed on (dangling rows, thinly paid raters) returns to p.
      let leaked = 0
      for (let i = 0; i < n; i++) leaked += t[i]! * leak[i]!
      for (let j = 0; j < n; j++) next[j] = (1 - a) * leaked * p[j]! + a * p[j]!
      for (let i = 0; i < n; i++) {
        const ti = t[i]!
        if (ti === 0) continue
        for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) next[cols[k]!]! += (1 - a) * ti * vals[k]!
      }
      let delta = 0
      for (let j = 0; j < n; j++) delta += Math.abs(next[j]! - t[j]!)
      ;[t, next] = [next, t]
      if (delta < this.epsilon) break
    }
    this.trust = t
    this.leaked = 0
    for (let i = 0; i < n; i++) this.leaked += t[i]! * leak[i]!
    this.lastIterations = iterations
    return iterations
  }

  /** The attestations and weights behind a peer's score, largest contribution first. */
  explain(peer: PeerKeyHex): TrustExplanation {
    const j = this.index.get(peer)
    if (j === undefined) return { peer, score: 0, teleport: 0, inbound: [] }
    const inbound: TrustEdge[] = []
    for (const i of this.into[j]!) {
      const pair = this.out[i]!.get(j)!
      const weight = this.pairWeight(pair)
      const local = this.localTrust(i, j)
      const attesterScore = this.trust[i] ?? 0
      inbound.push({
        attester: this.keys[i]!,
        attesterScore,
        localTrust: local,
        contribution: (1 - this.alpha) * attesterScore * local,
        paid: pair.paid,
        weight,
        meanRating: this.meanRating(pair),
        attestations: [...pair.items.values()],
      })
    }
    inbound.sort((x, y) => y.contribution - x.contribution)
    const fromP = this.alpha + (1 - this.alpha) * this.leaked
    return { peer, score: this.score(peer), teleport: fromP * (this.teleport[j] ?? 0), inbound }
  }

  private peer(key: PeerKeyHex): number {
    let i = this.index.get(key)
    if (i === undefined) {
      i = this.keys.length
      this.index.set(key, i)
      this.keys.push(key)
      this.out.push(new Map())
      this.into.push(new Set())
      this.dirtyFlag = true
    }
    return i
  }

  private meanRating(pair: Pair): number {
    return pair.paid > 0n ? pair.ratingMass / Number(pair.paid) : 50
  }

  private pairWeight(pair: Pair): number {
    return Math.min(this.pairCap, Math.log1p(Number(pair.paid) / this.priceUnit))
  }

  /** `max(s_ij, 0)` before row normalisation. */
  private positiveLocal(pair: Pair): number {
    const s = (this.pairWeight(pair) * (this.meanRating(pair) - 50)) / 50
    return Math.max(s, 0)
  }

  private localTrust(i: number, j: number): number {
    let total = 0
    for (const pair of this.out[i]!.values()) total += this.positiveLocal(pair)
    const pair = this.out[i]!.get(j)
    return total > 0 && pair !== undefined ? (this.positiveLocal(pair) / total) * this.rowMass(i) : 0
  }

  /** Share of a rater's trust it passes on, from the total paid behind its ratings. */
  private rowMass(i: number): number {
    if (this.fullRowWeight <= 0) return 1
    let paid = 0n
    for (const pair of this.out[i]!.values()) paid += pair.paid
    return Math.min(1, Math.log1p(Number(paid) / this.priceUnit) / this.fullRowWeight)
  }

  /** C in compressed sparse rows, and per row the share of trust that returns to `p`. */
  private normalised(): { rowStart: Uint32Array; cols: Uint32Array; vals: Float64Array; leak: Float64Array } {
    const n = this.keys.length
    let edges = 0
    for (const row of this.out) edges += row.size
    const rowStart = new Uint32Array(n + 1)
    const cols = new Uint32Array(edges)
    const vals = new Float64Array(edges)
    const leak = new Float64Array(n)
    let k = 0
    for (let i = 0; i < n; i++) {
      rowStart[i] = k
      let total = 0
      const begin = k
      for (const [j, pair] of this.out[i]!) {
        const v = this.positiveLocal(pair)
        if (v <= 0) continue
        cols[k] = j
        vals[k] = v
        total += v
        k++
      }
      const mass = total === 0 ? 0 : this.rowMass(i)
      leak[i] = 1 - mass
      for (let e = begin; e < k; e++) vals[e] = (vals[e]! / total) * mass
    }
    rowStart[n] = k
    return { rowStart, cols: cols.subarray(0, k), vals: vals.subarray(0, k), leak }
  }

  /** `p`: pre-trusted peers and own experience; uniform only when the node has neither. */
  private teleportVector(rowStart: Uint32Array, cols: Uint32Array, vals: Float64Array): Float64Array {
    const n = this.keys.length
    const p = new Float64Array(n)
    const own = new Float64Array(n)
    let hasOwn = false
    const s = this.self === undefined ? undefined : this.index.get(this.self)
    if (s !== undefined) {
      for (let k = rowStart[s]!; k < rowStart[s + 1]!; k++) {
        own[cols[k]!] = vals[k]!
        hasOwn = true
      }
    }
    const pre = this.preTrusted.size
    if (pre === 0 && !hasOwn) {
      p.fill(1 / n)
      return p
    }
    const ownShare = pre === 0 ? 1 : hasOwn ? this.selfShare : 0
    for (let i = 0; i < n; i++) p[i] = ownShare * own[i]!
    if (pre > 0) for (const key of this.preTrusted) p[this.index.get(key)!]! += (1 - ownShare) / pre
    return p
  }
}

/**
 * Candidates by global trust, highest first, each with its `score`. Among equal scores (most
 * often 0: peers nobody trusted vouched for), those that trusted raters paid and rated badly
 * (`distrust`) go after those nobody has rated yet; otherwise the input order (e.g. by price)
 * is kept. `keyOf` maps a candidate's peer to its key (undefined: unknown, score 0).
 */
export function rankByTrust<P, T extends { peer: P }>(
  graph: Pick<TrustGraph, 'score' | 'distrust'>,
  candidates: readonly T[],
  keyOf: (peer: P) => PeerKeyHex | undefined,
): Array<T & { score: number }> {
  return candidates
    .map((c, i) => {
      const key = keyOf(c.peer)
      const score = key === undefined ? 0 : graph.score(key)
      return { c: { ...c, score }, i, d: key === undefined ? 0 : graph.distrust(key) }
    })
    .sort((x, y) => y.c.score - x.c.score || x.d - y.d || x.i - y.i)
    .map((x) => x.c)
}
