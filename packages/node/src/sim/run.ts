/**
 * `runSimulation()`: N real Bazaar nodes in one process on loopback TCP, roles dealt by a seeded
 * RNG from a scenario, M client jobs under adversaries, then settlement and a report whose books
 * must balance to the unit. `bazaar sim` and the benchmark are thin wrappers around it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { toJson } from '../api/json.js'
import { computeBooks } from './books.js'
import { runCheckedJobs } from './clients.js'
import type { SimEnvironment, SimNode } from './environment.js'
import { createProgressBar, type ProgressBar } from './progress.js'
import type { GroupReport, SimReport } from './report.js'
import { chartJsSource, renderReportHtml } from './report-html.js'
import { Rng } from './rng.js'
import { allocate, DEFAULT_SCENARIO, type GroupSpec, type Scenario } from './scenario.js'
import { summarize } from './stats.js'

/** Nodes started at once after the first three (the seed set). */
const START_BATCH = 8
/**
 * Peers each node dials at start: a few random nodes already up, not one hub. With every node
 * bootstrapping from the same three, those three carry every DHT query and identify of the
 * network (N connections each) while everyone else's routing table starts from them alone.
 */
const BOOTSTRAP_PEERS = 3

export interface SimOptions {
  environment: SimEnvironment
  nodes?: number
  jobs?: number
  seed?: number
  scenario?: Scenario
  /** Where report.json and report.html go (created); none written when undefined. */
  outDir?: string
  /** Shows a progress bar on stderr. */
  progress?: boolean
  logger?: Logger
  /** Keep the nodes' data directories (default: removed at the end). */
  keepData?: boolean
}

/** A node of the simulation and its role. */
export interface SimPeer {
  index: number
  group: GroupSpec
  dataDir: string
  peerId: string
  node: SimNode
  /** Set while the node is down (crashed). */
  down: boolean
  rng: Rng
}

export interface SimResult {
  report: SimReport
  /** Paths written, when `outDir` was given. */
  files: { json: string; html: string } | undefined
}

/** Runs the whole simulation and writes its report. */
export async function runSimulation(options: SimOptions): Promise<SimResult> {
  const scenario = options.scenario ?? DEFAULT_SCENARIO
  const total = options.nodes ?? 12
  const jobCount = options.jobs ?? 100
  const seed = options.seed ?? 1
  const env = options.environment
  const log = options.logger
  const rng = new Rng(seed)
  const startedAt = new Date()
  const t0 = performance.now()
  const work = await mkdtemp(join(tmpdir(), 'bazaar-sim-'))
  const peers: SimPeer[] = []
  let bar: ProgressBar | undefined
  try {
    // Deal roles: group sizes by weight, then a seeded shuffle of which index plays what.
    const counts = allocate(scenario.groups, total)
    const roles: GroupSpec[] = []
    scenario.groups.forEach((g, i) => {
      for (let k = 0; k < counts[i]!; k++) roles.push(g)
    })
    const dealt = rng.shuffle(roles)
    // Clients first in index order, so node 0 (the bootstrap and observer) is a client.
    dealt.sort((a, b) => (a.role === b.role ? 0 : a.role === 'client' ? -1 : 1))

    // Identities first: the clients are the pre-trusted peers of everyone's trust computation.
    const ids: string[] = []
    for (let i = 0; i < total; i++) {
      const dataDir = join(work, `node-${String(i).padStart(3, '0')}`)
      await mkdir(dataDir, { recursive: true })
      ids.push(await env.prepareIdentity(dataDir))
    }
    const preTrusted = ids.filter((_, i) => dealt[i]!.role === 'client')

    const rssBefore = process.memoryUsage().rss
    const startT = performance.now()
    bar = options.progress === true ? createProgressBar(total, 'starting nodes') : undefined
    // Nodes 0-2 first (a chain), then the rest in batches, each node dialing a few random nodes
    // started before its batch (seeded: the topology is reproducible).
    const topologyRng = rng.fork()
    const slots: (SimPeer | undefined)[] = new Array(total)
    let started = 0
    const startOne = async (i: number, upTo: number): Promise<void> => {
      const group = dealt[i]!
      const dataDir = join(work, `node-${String(i).padStart(3, '0')}`)
      const earlier = slots.slice(0, upTo).filter((p): p is SimPeer => p !== undefined)
      const node = await env.startNode({
        index: i,
        name: `${group.name}-${i}`,
        dataDir,
        bootstrap: bootstrapFor(earlier, topologyRng),
        preTrusted,
        channelCapacity: BigInt(group.budget ?? 100_000),
        maxJobPrice: BigInt(scenario.maxBudget),
      })
      slots[i] = { index: i, group, dataDir, peerId: node.peerId, node, down: false, rng: peerRngs[i]! }
      bar?.update(++started)
    }
    const peerRngs = dealt.map(() => rng.fork())
    for (let i = 0; i < Math.min(3, total); i++) await startOne(i, i)
    for (let i = 3; i < total; i += START_BATCH) {
      await Promise.all(
        Array.from({ length: Math.min(START_BATCH, total - i) }, (_, k) => startOne(i + k, i)),
      )
    }
    peers.push(...(slots as SimPeer[]))
    bar?.finish(`${total} nodes`)
    const startupMs = performance.now() - startT

    // Workers advertise every skill at a price drawn from their group's range; each advertise
    // resolves once its provide finished (or timed out), so clients start on stored records.
    // (Advertising a few workers at a time was measured slower: 83 s at N = 50, every provide
    // still taking 5 to 30 s on the saturated event loop.)
    await Promise.all(
      peers.filter((p) => p.group.role === 'worker').map(async (p) => advertiseAll(p, scenario)),
    )
    const rssAfter = process.memoryUsage().rss

    const balancesBefore = await Promise.all(peers.map((p) => env.balanceOf(p.node)))
    const feesBefore = await env.feesPaid(peers.map((p) => p.node))

    bar = options.progress === true ? createProgressBar(jobCount, 'jobs') : undefined
    const jobs = await runCheckedJobs({
      peers,
      scenario,
      jobCount,
      rng,
      environment: env,
      onProgress: (done, detail) => bar?.update(done, detail),
      restart: async (peer) => {
        const node = await env.startNode({
          index: peer.index,
          name: `${peer.group.name}-${peer.index}`,
          dataDir: peer.dataDir,
          bootstrap: bootstrapFor(
            peers.filter((p) => p !== peer && !p.down),
            topologyRng,
          ),
          preTrusted,
          channelCapacity: BigInt(peer.group.budget ?? 100_000),
          maxJobPrice: BigInt(scenario.maxBudget),
        })
        peer.node = node
        await advertiseAll(peer, scenario)
      },
      ...(log === undefined ? {} : { logger: log }),
    })
    bar?.finish(`${jobs.completed} completed`)

    const settleStart = performance.now()
    const books = await computeBooks(peers, env, { balances: balancesBefore, fees: feesBefore }, jobs.paid)
    const groups: GroupReport[] = scenario.groups
      .filter((g, i) => counts[i]! > 0 && g.weight > 0)
      .map((g) => {
        const members = peers.filter((p) => p.group === g)
        const stats = jobs.byGroup.get(g.name) ?? {
          hired: 0,
          completed: 0,
          badResult: 0,
          failed: 0,
          earned: 0n,
        }
        const scores = members.map((p) => jobs.finalScores.get(p.peerId) ?? 0)
        return {
          name: g.name,
          role: g.role,
          behaviour: g.behaviour,
          peers: members.map((p) => p.peerId),
          hired: stats.hired,
          completed: stats.completed,
          badResult: stats.badResult,
          failed: stats.failed,
          earned: stats.earned.toString(),
          finalScore: scores.length === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / scores.length,
        }
      })

    const settleMs = Math.round(performance.now() - settleStart)
    const checks = [...books.checks, ...rankingChecks(groups)]
    const report: SimReport = {
      version: 1,
      scenario,
      seed,
      nodes: total,
      threads: env.threads,
      jobs: jobCount,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - t0),
      settlement: { kind: env.kind, chainId: env.chainId.toString(), contract: env.contract },
      groups,
      outcomes: {
        completed: jobs.completed,
        badResult: jobs.badResult,
        failed: Object.fromEntries([...jobs.failed.entries()].sort()),
        sybilSelfJobs: jobs.sybilSelfJobs,
      },
      money: books.money,
      reputation: {
        observer: peers[0]!.peerId,
        samples: jobs.samples,
        final: peers
          .filter((p) => p.group.role === 'worker')
          .map((p) => ({ peer: p.peerId, group: p.group.name, score: jobs.finalScores.get(p.peerId) ?? 0 })),
      },
      latency: {
        startupMs: Math.round(startupMs * 100) / 100,
        discovery: summarize(jobs.discoveryMs),
        hire: summarize(jobs.hireMs),
        gossip: summarize(jobs.gossipMs),
      },
      phases: { startupMs: Math.round(startupMs), sybilMs: jobs.sybilMs, jobsMs: jobs.jobsMs, settleMs },
      memory: { rssBytes: rssAfter, perNodeBytes: Math.max(0, Math.round((rssAfter - rssBefore) / total)) },
      checks,
    }
    let files: SimResult['files']
    if (options.outDir !== undefined) files = await writeReport(report, options.outDir)
    return { report, files }
  } finally {
    await Promise.allSettled(peers.filter((p) => !p.down).map((p) => p.node.stop()))
    await env.stop().catch((error: unknown) => log?.warn({ err: error }, 'settlement did not stop cleanly'))
    if (options.keepData !== true) {
      await rm(work, { recursive: true, force: true, maxRetries: 5 }).catch((error: unknown) =>
        log?.warn({ err: error, dir: work }, 'could not remove the simulation directory'),
      )
    }
  }
}

/** Addresses of up to BOOTSTRAP_PEERS distinct random peers of `candidates`. */
function bootstrapFor(candidates: SimPeer[], rng: Rng): string[] {
  return rng
    .shuffle(candidates)
    .slice(0, BOOTSTRAP_PEERS)
    .flatMap((p) => p.node.addresses())
}

async function advertiseAll(peer: SimPeer, scenario: Scenario): Promise<void> {
  const behaviour = peer.group.behaviour ?? 'honest'
  const [min, max] = peer.group.price ?? [50, 100]
  const priceRng = new Rng(peer.index + 1)
  const offers = scenario.skills.map((skill) => ({
    skill,
    price: BigInt(priceRng.int(min, max)),
    spec: {
      kind: 'behaviour' as const,
      behaviour,
      skill,
      seed: peer.rng.nextUint32(),
      slowMs: scenario.slowMs,
    },
  }))
  // All skills at once: each advertise puts its offer in the card synchronously, then provides.
  await Promise.all(
    offers.map((o) => peer.node.advertise({ id: o.skill, price: o.price, concurrency: 16 }, o.spec)),
  )
}

/** Honest workers must end with a higher mean score than every adversarial worker group. */
function rankingChecks(groups: GroupReport[]): { name: string; ok: boolean; detail: string }[] {
  const honest = groups.filter((g) => g.role === 'worker' && g.behaviour === 'honest')
  const bad = groups.filter((g) => g.role === 'worker' && g.behaviour !== 'honest' && g.behaviour !== 'slow')
  if (honest.length === 0) return []
  const best = Math.min(...honest.map((g) => g.finalScore))
  return bad.map((g) => ({
    name: `honest outrank ${g.name}`,
    ok: best > g.finalScore,
    // A group nobody hired has no ratings: say so rather than let the check read as evidence.
    detail: `honest ${best.toFixed(4)} vs ${g.name} ${g.finalScore.toFixed(4)}${g.hired === 0 ? ' (never hired in this run: holds trivially)' : ''}`,
  }))
}

/** Writes report.json and report.html into `outDir`. */
export async function writeReport(
  report: SimReport,
  outDir: string,
): Promise<{ json: string; html: string }> {
  await mkdir(outDir, { recursive: true })
  const json = join(outDir, 'report.json')
  const html = join(outDir, 'report.html')
  await writeFile(json, `${toJson(report, 2)}\n`)
  await writeFile(html, renderReportHtml(report, await chartJsSource()))
  return { json, html }
}
