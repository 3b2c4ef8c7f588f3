/**
 * The load of a simulation: clients find a worker for each job, hire it, check the result and
 * rate the worker; workers rate their clients; the Sybil ring pays itself and rates itself; some
 * workers crash and come back. Records every outcome, latency and reputation sample.
 */
import type { Logger } from 'pino'
import type { Candidate, NodeEvent } from '../api/node-port.js'
import { checkResult } from './behaviours.js'
import type { SimEnvironment, SimNode } from './environment.js'
import type { Rng } from './rng.js'
import type { SimPeer } from './run.js'
import type { Scenario } from './scenario.js'

/** The skill only the Sybil ring sells, to itself, at the scenario's tiny `sybilPrice`. */
export const RING_SKILL = 'reverse-ring'

export interface GroupStats {
  hired: number
  completed: number
  badResult: number
  failed: number
  earned: bigint
}

export interface JobsResult {
  completed: number
  badResult: number
  failed: Map<string, number>
  sybilSelfJobs: number
  /** Sum of the prices of every paid job (client load and ring self-dealing). */
  paid: bigint
  byGroup: Map<string, GroupStats>
  discoveryMs: number[]
  hireMs: number[]
  gossipMs: number[]
  samples: { atJob: number; scores: Record<string, number> }[]
  finalScores: Map<string, number>
  /** Milliseconds of the Sybil ring's self-dealing and of the client load. */
  sybilMs: number
  jobsMs: number
}

export interface JobsOptions {
  peers: SimPeer[]
  scenario: Scenario
  jobCount: number
  rng: Rng
  environment: SimEnvironment
  restart(peer: SimPeer): Promise<void>
  onProgress?(done: number, detail: string): void
  logger?: Logger
}

interface PlannedJob {
  client: SimPeer
  skill: string
  input: Uint8Array
  explore: boolean
  pick: number
}

const WORDS = [
  'agent',
  'market',
  'peer',
  'channel',
  'skill',
  'job',
  'token',
  'gossip',
  'trust',
  'route',
  'ledger',
]

function randomText(rng: Rng): Uint8Array {
  const n = rng.int(4, 24)
  const words: string[] = []
  for (let i = 0; i < n; i++) words.push(rng.pick(WORDS))
  return new TextEncoder().encode(words.join(' '))
}

/** A short, bounded-cardinality failure reason from a hire error. */
export function failureReason(error: unknown): string {
  const name = error instanceof Error ? error.name : 'Error'
  const text = `${name} ${error instanceof Error ? error.message : ''}`
  if (/NoCandidate|NoProvider|NoWorkerFound|no worker/i.test(text)) return 'no-candidate'
  if (/Deadline|Timeout|Abort/i.test(text)) return 'deadline'
  if (/Busy/i.test(text)) return 'busy'
  if (/Dial|Unreachable|CardFetch|Connection|ECONNREFUSED|reset|closed/i.test(text)) return 'unreachable'
  if (/Budget|Price|Spending|Limit/i.test(text)) return 'over-budget'
  return name
}

/** Mean score per group of workers, as `observer` computes it. */
async function groupScores(observer: SimNode, peers: SimPeer[]): Promise<Map<string, number>> {
  const views = await observer.reputation()
  const byPeer = new Map(views.map((v) => [v.peer, v.score]))
  const scores = new Map<string, number>()
  for (const p of peers) scores.set(p.peerId, byPeer.get(p.peerId) ?? 0)
  return scores
}

function meanByGroup(peers: SimPeer[], scores: Map<string, number>): Record<string, number> {
  const sums = new Map<string, { sum: number; n: number }>()
  for (const p of peers) {
    if (p.group.role !== 'worker') continue
    const s = sums.get(p.group.name) ?? { sum: 0, n: 0 }
    s.sum += scores.get(p.peerId) ?? 0
    s.n += 1
    sums.set(p.group.name, s)
  }
  return Object.fromEntries([...sums].map(([g, s]) => [g, Math.round((s.sum / s.n) * 1e6) / 1e6]))
}

/** Runs the Sybil ring's self-dealing, then the client load, then waits for gossip to settle. */
export async function runCheckedJobs(options: JobsOptions): Promise<JobsResult> {
  const { peers, scenario, rng } = options
  const log = options.logger
  const result: JobsResult = {
    completed: 0,
    badResult: 0,
    failed: new Map(),
    sybilSelfJobs: 0,
    paid: 0n,
    byGroup: new Map(),
    discoveryMs: [],
    hireMs: [],
    gossipMs: [],
    samples: [],
    finalScores: new Map(),
    sybilMs: 0,
    jobsMs: 0,
  }
  const groupOf = new Map(peers.map((p) => [p.peerId, p]))
  const stats = (group: string): GroupStats => {
    let s = result.byGroup.get(group)
    if (s === undefined) {
      s = { hired: 0, completed: 0, badResult: 0, failed: 0, earned: 0n }
      result.byGroup.set(group, s)
    }
    return s
  }
  const fail = (reason: string): void => {
    result.failed.set(reason, (result.failed.get(reason) ?? 0) + 1)
  }

  // Gossip latency: the time from a rating to its arrival at each other node.
  const published = new Map<string, number>()
  const seenByObserver = new Set<string>()
  let observerWaiter: (() => void) | undefined
  const unsubscribe = new Map<SimPeer, () => void>()
  const follow = (peer: SimPeer): void => {
    unsubscribe.get(peer)?.()
    unsubscribe.set(
      peer,
      peer.node.onEvent((event: NodeEvent) => {
        if (event.type === 'attestation') {
          const key = `${event.jobId}:${event.attester}`
          const at = published.get(key)
          if (at !== undefined && event.attester !== peer.peerId) result.gossipMs.push(performance.now() - at)
          if (peer.index === 0) {
            seenByObserver.add(key)
            observerWaiter?.()
          }
        } else if (event.type === 'job:served') {
          void rateClient(peer, event.jobId, event.peer)
        }
      }),
    )
  }
  const rate = async (rater: SimPeer, jobId: string, rating: number): Promise<void> => {
    published.set(`${jobId}:${rater.peerId}`, performance.now())
    try {
      await rater.node.rate(jobId, rating)
    } catch (error) {
      published.delete(`${jobId}:${rater.peerId}`)
      log?.debug({ err: error, jobId }, 'rating not published')
    }
  }
  const rateClient = async (worker: SimPeer, jobId: string, client: string): Promise<void> => {
    const behaviour = worker.group.behaviour
    const clientPeer = groupOf.get(client)
    if (behaviour === 'sybil') {
      if (clientPeer?.group.behaviour === 'sybil') await rate(worker, jobId, 100)
    } else if (behaviour === 'honest' || behaviour === 'slow') {
      await rate(worker, jobId, 90)
    }
  }
  for (const p of peers) follow(p)

  // The ring pays itself tiny amounts and rates itself at the top.
  const sybilStart = performance.now()
  const ring = peers.filter((p) => p.group.behaviour === 'sybil')
  if (ring.length > 1) {
    // The ring's members know each other: they collude.
    await Promise.all(
      ring.flatMap((member, m) =>
        ring
          .filter((_, o) => o > m)
          .map((other) => member.node.connect(other.node.addresses()[0]!).catch(() => undefined)),
      ),
    )
    await Promise.all(
      ring.map((p) =>
        p.node.advertise(
          { id: RING_SKILL, price: BigInt(scenario.sybilPrice), concurrency: 16 },
          { kind: 'ring' },
        ),
      ),
    )
    await Promise.all(
      ring.map(async (member, m) => {
        for (let k = 0; k < scenario.sybilJobsPerMember; k++) {
          const other = ring[(m + 1 + (k % (ring.length - 1))) % ring.length]!
          try {
            const outcome = await member.node.hire({
              skill: RING_SKILL,
              peer: other.peerId,
              input: new TextEncoder().encode(`ring ${m} ${k}`),
              budget: BigInt(scenario.sybilPrice),
              deadlineMs: scenario.deadlineMs,
            })
            result.sybilSelfJobs++
            result.paid += outcome.price
            await rate(member, outcome.jobId, 100)
          } catch (error) {
            log?.debug({ err: error }, 'ring job failed')
          }
        }
      }),
    )
  }

  result.sybilMs = Math.round(performance.now() - sybilStart)

  // The client load, planned up front from the seed.
  const clients = peers.filter((p) => p.group.role === 'client')
  const plan: PlannedJob[] = []
  for (let j = 0; j < options.jobCount; j++) {
    plan.push({
      client: rng.pick(clients),
      skill: rng.pick(scenario.skills),
      input: randomText(rng),
      explore: rng.next() < scenario.explore,
      pick: rng.nextUint32(),
    })
  }
  const crashGroup = peers.filter((p) => p.group.name === scenario.crash.group)
  const crashing = rng.shuffle(crashGroup).slice(0, Math.max(0, scenario.crash.count))
  const crashAt = Math.floor(scenario.crash.atFraction * options.jobCount)
  const restarts: Promise<void>[] = []
  /** Per client: peer -> time (performance.now) until which it is avoided. */
  const avoid = new Map<SimPeer, Map<string, number>>(clients.map((c) => [c, new Map()]))
  const coolOffMs = scenario.deadlineMs * 2
  const maxBudget = BigInt(scenario.maxBudget)
  const sampleEvery = Math.max(1, Math.floor(options.jobCount / Math.max(1, scenario.samples)))
  const discoveryCache = new Map<string, { at: number; candidates: Candidate[] }>()
  /** Cache keys with a background lookup under way. */
  const refreshing = new Set<string>()
  let sampling: Promise<void> = Promise.resolve()
  let done = 0

  const crash = (peer: SimPeer): void => {
    peer.down = true
    log?.info({ peer: peer.peerId, group: peer.group.name }, 'crashing node')
    restarts.push(
      (async () => {
        await options.environment.crashNode(peer.node)
        await new Promise<void>((resolve) => setTimeout(resolve, scenario.crash.downMs))
        await options.restart(peer)
        follow(peer)
        peer.down = false
        log?.info({ peer: peer.peerId }, 'node restarted')
      })(),
    )
  }

  const runJob = async (job: PlannedJob): Promise<void> => {
    const client = job.client
    // Agents cache discovery for a while, as any client of a directory would, and skip workers
    // that cheated them (for good) or failed them (for a cool-off period).
    const cacheKey = `${client.index}:${job.skill}`
    const known = avoid.get(client)!
    const usableOf = (list: Candidate[]): Candidate[] =>
      list.filter((c) => c.peer !== client.peerId && (known.get(c.peer) ?? 0) <= performance.now())
    const lookup = async (background = false): Promise<Candidate[] | undefined> => {
      const findStart = performance.now()
      try {
        const found = await client.node.find(job.skill, {
          limit: 20,
          maxPrice: maxBudget,
          timeoutMs: scenario.findTimeoutMs,
        })
        result.discoveryMs.push(performance.now() - findStart)
        // A lookup may miss providers (timeouts, unreachable cards): keep the node's ranking of
        // what it found (reputation, known-bad last, then price), then earlier ones it missed.
        const fresh = new Set(found.map((c) => c.peer))
        const missed = (discoveryCache.get(cacheKey)?.candidates ?? []).filter((c) => !fresh.has(c.peer))
        const merged = [...found, ...missed]
        discoveryCache.set(cacheKey, { at: performance.now(), candidates: merged })
        return merged
      } catch (error) {
        // A background refresh that fails costs no job: the next one tries again.
        if (background) log?.debug({ err: error }, 'background lookup failed')
        else fail(failureReason(error))
        return undefined
      }
    }
    const cached = discoveryCache.get(cacheKey)
    let pool: Candidate[]
    if (cached !== undefined) {
      pool = usableOf(cached.candidates)
      // Stale: keep hiring from what we know and refresh in the background (one at a time), as
      // an agent with a warm directory would, rather than hold this job on a DHT walk.
      if (performance.now() - cached.at >= scenario.discoveryCacheMs && !refreshing.has(cacheKey)) {
        refreshing.add(cacheKey)
        void lookup(true).finally(() => refreshing.delete(cacheKey))
      }
      // Everyone we knew of is avoided: look again before giving up.
      if (pool.length === 0) {
        const found = await lookup()
        if (found === undefined) return
        pool = usableOf(found)
      }
    } else {
      const found = await lookup()
      if (found === undefined) return
      pool = usableOf(found)
    }
    if (pool.length === 0) {
      log?.debug(
        {
          client: client.peerId,
          skill: job.skill,
          known: (discoveryCache.get(cacheKey)?.candidates ?? []).map((c) => groupOf.get(c.peer)?.group.name),
          avoided: known.size,
        },
        'no usable candidate',
      )
      fail('no-candidate')
      return
    }
    const chosen = job.explore ? pool[job.pick % pool.length]! : pool[0]!
    const worker = groupOf.get(chosen.peer)
    const group = stats(worker?.group.name ?? 'unknown')
    group.hired++
    const hireStart = performance.now()
    try {
      const outcome = await client.node.hire({
        skill: job.skill,
        peer: chosen.peer,
        input: job.input,
        budget: maxBudget,
        deadlineMs: scenario.deadlineMs,
      })
      result.hireMs.push(performance.now() - hireStart)
      result.paid += outcome.price
      group.earned += outcome.price
      if (checkResult(job.skill, job.input, outcome.output)) {
        result.completed++
        group.completed++
        await rate(client, outcome.jobId, 95)
      } else {
        result.badResult++
        group.badResult++
        known.set(chosen.peer, Number.POSITIVE_INFINITY)
        await rate(client, outcome.jobId, 0)
      }
    } catch (error) {
      group.failed++
      known.set(chosen.peer, performance.now() + coolOffMs)
      fail(failureReason(error))
      log?.debug({ err: error, worker: chosen.peer }, 'hire failed')
    }
  }

  let next = 0
  const runner = async (): Promise<void> => {
    while (next < plan.length) {
      const j = next++
      if (j === crashAt) for (const p of crashing) crash(p)
      await runJob(plan[j]!)
      done++
      options.onProgress?.(done, `ok ${result.completed} bad ${result.badResult}`)
      if (done % sampleEvery === 0 || done === plan.length) {
        const atJob = done
        sampling = sampling.then(async () => {
          const scores = await groupScores(peers[0]!.node, peers).catch(() => new Map<string, number>())
          result.samples.push({ atJob, scores: meanByGroup(peers, scores) })
        })
      }
    }
  }
  const jobsStart = performance.now()
  await Promise.all(Array.from({ length: scenario.concurrency }, runner))
  result.jobsMs = Math.round(performance.now() - jobsStart)
  await Promise.all(restarts)

  // Let the observer receive every rating (bounded wait: gossip may drop a message).
  const deadline = performance.now() + 5_000
  while ([...published.keys()].some((k) => !seenByObserver.has(k)) && performance.now() < deadline) {
    await new Promise<void>((resolve) => {
      observerWaiter = resolve
      setTimeout(resolve, 250)
    })
  }
  observerWaiter = undefined
  await sampling
  result.finalScores = await groupScores(peers[0]!.node, peers).catch(() => new Map())
  for (const off of unsubscribe.values()) off()
  return result
}
