/** The simulation report: what `report.json` holds and `report.html` draws. */
import type { Scenario } from './scenario.js'
import type { LatencySummary } from './stats.js'

/** One named check of the run (books balance, ranking holds). */
export interface SimCheck {
  name: string
  ok: boolean
  detail: string
}

export interface GroupReport {
  name: string
  role: 'client' | 'worker'
  behaviour?: string | undefined
  peers: string[]
  /** Jobs hired from this group's workers (client load, not Sybil self-dealing). */
  hired: number
  completed: number
  /** Delivered, paid, and wrong. */
  badResult: number
  failed: number
  /** Base units earned by this group's workers (off-chain receipts), decimal string. */
  earned: string
  /** Mean final reputation score of the group's peers as the observer sees it. */
  finalScore: number
}

export interface SimReport {
  version: 1
  scenario: Scenario
  seed: number
  nodes: number
  /** Worker threads the nodes ran in (0: all in the main thread). */
  threads: number
  jobs: number
  startedAt: string
  durationMs: number
  settlement: { kind: string; chainId: string; contract: string }
  groups: GroupReport[]
  outcomes: {
    completed: number
    badResult: number
    /** Failures by reason (the error's `.name`, or `deadline`, `no-candidate`, ...). */
    failed: Record<string, number>
    sybilSelfJobs: number
  }
  /** All amounts are decimal strings of base units. */
  money: {
    /** Sum of the prices of every paid job, from the clients' receipts. */
    paid: string
    /** Payers' channel books: cumulative paid, still locked, deposits, before settlement. */
    offChain: { cumulativePaid: string; locked: string; deposits: string }
    /** Payees' channel books before settlement (must equal the payers'). */
    payeeBooks: string
    /** Owed to payees off-chain and not yet settled, before and after settlement. */
    owedBefore: string
    owedAfter: string
    /** What settlement paid out: to payees, back to payers. */
    settled: { toPayees: string; toPayers: string; channels: number }
    /**
     * Balance changes on the settlement layer with transaction fees added back (what settlement
     * moved), the fees themselves (gas, native coin), and lock amounts claimed on chain.
     */
    onChain: { payeesDelta: string; payersDelta: string; fees: string; claimed: string }
  }
  reputation: {
    observer: string
    /** Mean score per group at evenly spaced points of the run. */
    samples: { atJob: number; scores: Record<string, number> }[]
    final: { peer: string; group: string; score: number }[]
  }
  latency: {
    /** Milliseconds to create and start all nodes. */
    startupMs: number
    discovery: LatencySummary
    hire: LatencySummary
    gossip: LatencySummary
  }
  /** Wall-clock milliseconds of each phase of the run. */
  phases: { startupMs: number; sybilMs: number; jobsMs: number; settleMs: number }
  memory: { rssBytes: number; perNodeBytes: number }
  checks: SimCheck[]
}
