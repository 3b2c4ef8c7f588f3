/**
 * Spending policy: an autonomous agent must not be able to drain its wallet. A hire reserves its
 * budget against three limits (per job, per peer per day, per day, rolling 24 hours) before
 * anything is sent; the reservation is committed at the price actually paid or released.
 * Above a limit the hire is denied: there is no "ask", callers raise the limit explicitly.
 */

import { SpendingLimitError } from './errors.js'
import {
  DAY_MS,
  DEFAULT_MAX_PER_DAY,
  DEFAULT_MAX_PER_JOB,
  DEFAULT_MAX_PER_PEER_PER_DAY,
} from './policy-constants.js'

export interface SpendingPolicyInit {
  /** Most one job may cost, base units. */
  maxPerJob?: bigint
  /** Most spent on one peer in a rolling day, base units. */
  maxPerPeerPerDay?: bigint
  /** Most spent in a rolling day, base units. */
  maxPerDay?: bigint
}

interface Entry {
  at: number
  peer: string
  amount: bigint
  /** False once pruned: its amount has left the sums. */
  live: boolean
}

export interface Reservation {
  /** Records the amount actually spent (at most the reserved amount). */
  commit(amount: bigint): void
  /** Returns the reservation unused. */
  release(): void
}

export class SpendingPolicy {
  private readonly entries: Entry[] = []
  /** Sums of `entries`, kept as they change: a hire costs O(1), however many came that day. */
  private total = 0n
  private readonly perPeer = new Map<string, bigint>()
  readonly maxPerJob: bigint
  readonly maxPerPeerPerDay: bigint
  readonly maxPerDay: bigint

  constructor(init: SpendingPolicyInit = {}) {
    this.maxPerJob = init.maxPerJob ?? DEFAULT_MAX_PER_JOB
    this.maxPerPeerPerDay = init.maxPerPeerPerDay ?? DEFAULT_MAX_PER_PEER_PER_DAY
    this.maxPerDay = init.maxPerDay ?? DEFAULT_MAX_PER_DAY
  }

  /** Spent or reserved in the last day, in total and with `peer`. */
  spent(peer?: string, now = Date.now()): bigint {
    this.prune(now)
    return peer === undefined ? this.total : (this.perPeer.get(peer) ?? 0n)
  }

  /** Reserves `amount` for a job with `peer`, or throws SpendingLimitError. */
  reserve(peer: string, amount: bigint, now = Date.now()): Reservation {
    if (amount > this.maxPerJob) throw new SpendingLimitError('per-job', amount, this.maxPerJob)
    const perPeer = this.maxPerPeerPerDay - this.spent(peer, now)
    if (amount > perPeer) throw new SpendingLimitError('per-peer', amount, perPeer < 0n ? 0n : perPeer)
    const perDay = this.maxPerDay - this.spent(undefined, now)
    if (amount > perDay) throw new SpendingLimitError('per-day', amount, perDay < 0n ? 0n : perDay)
    const entry: Entry = { at: now, peer, amount, live: true }
    this.entries.push(entry)
    this.add(peer, amount)
    let settled = false
    const lower = (to: bigint): void => {
      if (to >= entry.amount) return
      if (entry.live) this.add(peer, to - entry.amount)
      entry.amount = to
    }
    return {
      commit: (spent) => {
        if (settled) return
        settled = true
        lower(spent)
      },
      release: () => {
        if (settled) return
        settled = true
        lower(0n)
      },
    }
  }

  private add(peer: string, delta: bigint): void {
    this.total += delta
    const next = (this.perPeer.get(peer) ?? 0n) + delta
    if (next === 0n) this.perPeer.delete(peer)
    else this.perPeer.set(peer, next)
  }

  private prune(now: number): void {
    while (this.entries.length > 0 && this.entries[0]!.at <= now - DAY_MS) {
      const old = this.entries.shift()!
      old.live = false
      this.add(old.peer, -old.amount)
    }
  }
}
