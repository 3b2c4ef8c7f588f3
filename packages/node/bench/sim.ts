/**
 * Simulation benchmark: the default adversarial scenario at growing network sizes, each run
 * bounded to the same number of client jobs. Per size: start-up time (per node), memory per
 * node, discovery p50, hire p50, gossip p95; each beside the smallest size measured in the same
 * run, as a ratio (how the figure scales with N).
 *
 *   pnpm exec tsc -b packages/node && pnpm exec node packages/node/dist/bench/sim.js
 *   BAZAAR_SIM_BENCH_NODES=10,50,100,200 BAZAAR_SIM_BENCH_JOBS=100 pnpm exec node packages/node/dist/bench/sim.js
 *
 * `pnpm bench` runs N = 10 and 50 by default (about a minute each); the full table in
 * docs/benchmarks.md comes from the second command.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import {
  createSimEnvironment,
  DEFAULT_SCENARIO,
  defaultSimThreads,
  runSimulation,
  type SimReport,
} from '../src/index.js'

const SIZES = (process.env.BAZAAR_SIM_BENCH_NODES ?? '10,50').split(',').map(Number)
const JOBS = Number(process.env.BAZAAR_SIM_BENCH_JOBS ?? 100)
/** Longest one size may run, seconds (a bound for the large sizes on a small machine). */
const LIMIT_S = Number(process.env.BAZAAR_SIM_BENCH_LIMIT_S ?? 900)
const SETTLEMENT = process.env.BAZAAR_SIM_BENCH_SETTLEMENT === 'ledger' ? 'ledger' : 'chain'
/** Node threads per size (default: what `bazaar sim` picks for that size). */
const THREADS = process.env.BAZAAR_SIM_BENCH_THREADS

interface Row {
  nodes: number
  startupPerNodeMs: number
  mibPerNode: number
  discoveryP50: number
  hireP50: number
  gossipP95: number
  completed: number
  balanced: boolean
  seconds: number
}

function row(report: SimReport): Row {
  return {
    nodes: report.nodes,
    startupPerNodeMs: report.latency.startupMs / report.nodes,
    mibPerNode: report.memory.perNodeBytes / 2 ** 20,
    discoveryP50: report.latency.discovery.p50,
    hireP50: report.latency.hire.p50,
    gossipP95: report.latency.gossip.p95,
    completed: report.outcomes.completed,
    balanced: report.checks.filter((c) => !c.name.startsWith('honest')).every((c) => c.ok),
    seconds: report.durationMs / 1000,
  }
}

/** Runs one size in this process and prints its row as the last line (JSON). */
async function one(nodes: number): Promise<void> {
  const threads = THREADS === undefined ? defaultSimThreads(nodes, SETTLEMENT) : Number(THREADS)
  const environment = await createSimEnvironment({ settlement: SETTLEMENT, threads })
  const { report } = await runSimulation({
    environment,
    nodes,
    jobs: JOBS,
    seed: 1,
    scenario: { ...DEFAULT_SCENARIO, concurrency: 8 },
  })
  const failed = Object.entries(report.outcomes.failed)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')
  console.error(
    `N=${nodes}: ${(report.durationMs / 1000).toFixed(1)} s, ${report.outcomes.completed}/${JOBS} completed ` +
      `(bad result ${report.outcomes.badResult}; failed: ${failed || 'none'}), phases ${JSON.stringify(report.phases)}`,
  )
  console.log(JSON.stringify(row(report)))
}

const child = process.env.BAZAAR_SIM_BENCH_CHILD
if (child !== undefined) {
  await one(Number(child))
  process.exit(0)
}

// Each size in a fresh process: memory per node is then not blurred by an earlier run's heap.
const rows: Row[] = []
for (const nodes of SIZES) {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
    env: { ...process.env, BAZAAR_SIM_BENCH_CHILD: String(nodes) },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    timeout: LIMIT_S * 1000,
  })
  if (result.error !== undefined && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    console.error(`N=${nodes}: no report within ${LIMIT_S} s (BAZAAR_SIM_BENCH_LIMIT_S), left out`)
    continue
  }
  const last = result.stdout.trim().split('\n').at(-1)
  if (result.status !== 0 || last === undefined) {
    console.error(`N=${nodes}: the run failed (exit ${result.status})`)
    process.exit(1)
  }
  rows.push(JSON.parse(last) as Row)
}
if (rows.length === 0) process.exit(1)

const base = rows[0]!
const ratio = (x: number, b: number): string => (b === 0 ? '-' : `${(x / b).toFixed(2)}x`)
const fmt = (x: number, digits = 1): string => x.toFixed(digits)
console.log(
  `\nsettlement: ${SETTLEMENT}; ${JOBS} client jobs per run; ratios against N=${base.nodes} in this run`,
)
console.log(
  '| N | start-up per node (ms) | memory per node (MiB) | discovery p50 (ms) | hire p50 (ms) | gossip p95 (ms) | jobs completed | books |',
)
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |')
for (const r of rows) {
  console.log(
    `| ${r.nodes} | ${fmt(r.startupPerNodeMs)} (${ratio(r.startupPerNodeMs, base.startupPerNodeMs)}) | ${fmt(r.mibPerNode)} (${ratio(r.mibPerNode, base.mibPerNode)}) | ${fmt(r.discoveryP50, 0)} (${ratio(r.discoveryP50, base.discoveryP50)}) | ${fmt(r.hireP50, 0)} (${ratio(r.hireP50, base.hireP50)}) | ${fmt(r.gossipP95, 0)} (${ratio(r.gossipP95, base.gossipP95)}) | ${r.completed}/${JOBS} | ${r.balanced ? 'balanced' : 'NOT balanced'} |`,
  )
}
if (!rows.every((r) => r.balanced)) process.exit(1)
