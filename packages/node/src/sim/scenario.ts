/**
 * Simulation scenarios: which roles the nodes play, what the skills cost, how the load arrives.
 * A scenario is a JSON file (`bazaar sim --scenario file.json`); every field has a default, so a
 * file names only what it changes. Roles are dealt to nodes by the seeded RNG.
 */
import { readFile } from 'node:fs/promises'
import { ScenarioInvalidError } from './errors.js'

/** How a worker behaves when hired. */
export type Behaviour =
  /** Computes the skill correctly. */
  | 'honest'
  /** Accepts the job and never delivers (the client's deadline expires; nothing is paid). */
  | 'never-deliver'
  /** Delivers random bytes of the right size (paid, then rated 0 by the client). */
  | 'garbage'
  /** Correct, but takes between `slowMs[0]` and `slowMs[1]`: some jobs pass the deadline. */
  | 'slow'
  /** Garbage to outsiders; hires the other ring members with tiny payments and rates them 100. */
  | 'sybil'

export interface GroupSpec {
  /** Group name in the report (`honest`, `garbage`, ...). */
  name: string
  role: 'client' | 'worker'
  behaviour?: Behaviour
  /** Share of the nodes (weights are normalised; every group with weight > 0 gets at least one). */
  weight: number
  /** Workers: [min, max] price per job, base units. */
  price?: [number, number]
  /** Clients: channel capacity opened with each worker, base units. */
  budget?: number
}

export interface Scenario {
  name: string
  groups: GroupSpec[]
  /** Skill ids; each worker sells all of them (the sim's skills are checkable functions). */
  skills: string[]
  /** Jobs in flight at once across all clients. */
  concurrency: number
  /** Client-side deadline of a job, ms. */
  deadlineMs: number
  /** Slow workers' delay range, ms. */
  slowMs: [number, number]
  /** Most a client pays for one job. */
  maxBudget: number
  /** Tiny self-payment jobs each Sybil ring member hires from the others before the load. */
  sybilJobsPerMember: number
  /** Price the ring charges itself. */
  sybilPrice: number
  /** Time a client gives one DHT lookup (and the card fetches it starts), ms. */
  findTimeoutMs: number
  /** How long a client reuses a discovery result for the same skill, ms (0: look up every job). */
  discoveryCacheMs: number
  /** Probability that a client hires a random candidate instead of the best ranked (exploration). */
  explore: number
  /** Crash and restart: `count` workers of `group` go down at `atFraction` of the jobs for `downMs`. */
  crash: { group: string; count: number; atFraction: number; downMs: number }
  /** Reputation samples taken during the run (evenly spaced in jobs). */
  samples: number
}

/** The default: about 12 nodes, adversarial, under a minute on 2 cores. */
export const DEFAULT_SCENARIO: Scenario = {
  name: 'adversarial',
  groups: [
    { name: 'client', role: 'client', weight: 3, budget: 100_000 },
    { name: 'honest', role: 'worker', behaviour: 'honest', weight: 3, price: [80, 120] },
    { name: 'slow', role: 'worker', behaviour: 'slow', weight: 1, price: [60, 90] },
    { name: 'never-deliver', role: 'worker', behaviour: 'never-deliver', weight: 1, price: [50, 70] },
    { name: 'garbage', role: 'worker', behaviour: 'garbage', weight: 1, price: [50, 70] },
    { name: 'sybil', role: 'worker', behaviour: 'sybil', weight: 3, price: [40, 60] },
  ],
  skills: ['reverse', 'uppercase', 'sha256'],
  concurrency: 6,
  deadlineMs: 3_000,
  slowMs: [1_000, 5_000],
  maxBudget: 150,
  sybilJobsPerMember: 4,
  sybilPrice: 1,
  explore: 0.1,
  discoveryCacheMs: 10_000,
  findTimeoutMs: 8_000,
  crash: { group: 'honest', count: 1, atFraction: 0.4, downMs: 1_500 },
  samples: 10,
}

function fail(message: string): never {
  throw new ScenarioInvalidError(message)
}

/** Fills defaults and validates a scenario object (from JSON). */
export function normalizeScenario(input: unknown): Scenario {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail('a scenario is a JSON object')
  const s = { ...DEFAULT_SCENARIO, ...(input as Partial<Scenario>) }
  s.crash = { ...DEFAULT_SCENARIO.crash, ...((input as Partial<Scenario>).crash ?? {}) }
  if (!Array.isArray(s.groups) || s.groups.length === 0) fail('groups must be a non-empty array')
  const names = new Set<string>()
  for (const g of s.groups) {
    if (typeof g.name !== 'string' || names.has(g.name))
      fail(`group names must be unique strings (${g.name})`)
    names.add(g.name)
    if (g.role !== 'client' && g.role !== 'worker') fail(`group ${g.name}: role must be client or worker`)
    if (!(typeof g.weight === 'number' && g.weight >= 0)) fail(`group ${g.name}: weight must be >= 0`)
    if (g.role === 'worker') {
      g.behaviour ??= 'honest'
      if (!['honest', 'never-deliver', 'garbage', 'slow', 'sybil'].includes(g.behaviour)) {
        fail(`group ${g.name}: unknown behaviour ${g.behaviour}`)
      }
      g.price ??= [50, 100]
      if (!(g.price[0] >= 1 && g.price[1] >= g.price[0]))
        fail(`group ${g.name}: price must be [min>=1, max>=min]`)
    } else {
      g.budget ??= 100_000
    }
  }
  if (!s.groups.some((g) => g.role === 'client' && g.weight > 0)) fail('at least one client group is needed')
  if (!s.groups.some((g) => g.role === 'worker' && g.weight > 0)) fail('at least one worker group is needed')
  if (!Array.isArray(s.skills) || s.skills.length === 0) fail('skills must be a non-empty array')
  for (const skill of s.skills) {
    if (!SIM_SKILLS.includes(skill)) fail(`unknown sim skill ${skill} (one of ${SIM_SKILLS.join(', ')})`)
  }
  if (!(Number.isInteger(s.concurrency) && s.concurrency >= 1)) fail('concurrency must be an integer >= 1')
  if (!(s.deadlineMs >= 100)) fail('deadlineMs must be >= 100')
  if (!(s.explore >= 0 && s.explore <= 1)) fail('explore must be in [0, 1]')
  if (s.crash.count > 0 && !names.has(s.crash.group)) fail(`crash.group ${s.crash.group} is not a group`)
  return s
}

/** Reads and normalises a scenario file. */
export async function loadScenario(path: string): Promise<Scenario> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new ScenarioInvalidError(`cannot read ${path}: ${(error as Error).message}`, { cause: error })
  }
  return normalizeScenario(parsed)
}

/** Skills the simulation knows how to compute and check. */
export const SIM_SKILLS: readonly string[] = ['reverse', 'uppercase', 'sha256']

/**
 * Splits `total` nodes among the groups by weight (largest remainder), every group with a
 * positive weight getting at least one node. Throws if there are fewer nodes than groups.
 */
export function allocate(groups: readonly GroupSpec[], total: number): number[] {
  const active = groups.map((g) => g.weight > 0)
  const needed = active.filter(Boolean).length
  if (total < needed) fail(`${total} nodes cannot fill ${needed} groups; use --nodes ${needed} or more`)
  const weightSum = groups.reduce((a, g) => a + g.weight, 0)
  const counts: number[] = active.map((a) => (a ? 1 : 0))
  const rest = total - needed
  const exact = groups.map((g) => (g.weight / weightSum) * total)
  // Give each group its share above the one it already has, then the remainders.
  const extra = exact.map((x, i) => Math.max(0, Math.floor(x) - counts[i]!))
  let left = rest - extra.reduce((a, b) => a + b, 0)
  for (let i = 0; i < counts.length; i++) counts[i]! += extra[i]!
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i)
  while (left > 0) {
    for (const { i } of order) {
      if (left === 0) break
      if (!active[i]) continue
      counts[i]! += 1
      left--
    }
  }
  while (left < 0) {
    // Rounding gave too many: take from the largest groups.
    const i = counts.indexOf(Math.max(...counts))
    counts[i]! -= 1
    left++
  }
  return counts
}
