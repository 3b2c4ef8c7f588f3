/**
 * When to catch up and from whom: once per peer per cooldown, when identify reports that a newly
 * connected peer speaks the sync protocol, at most `concurrency` at a time; or on demand. Every
 * attestation fetched is handed to `receive` (the same validation as gossip).
 */
import type { AbortOptions, PeerId, Stream } from '@libp2p/interface'
import { issuedAtOf } from './codec.js'
import { syncFromPeer } from './sync-client.js'
import type { ValidationResult } from './validator.js'

export interface CatchUpOptions {
  openStream: (peer: PeerId, options: AbortOptions) => Promise<Stream>
  receive: (bytes: Uint8Array) => ValidationResult
  now: () => number
  /** Oldest attestation worth fetching, as an age in ms. */
  maxAgeMs: number
  maxCount: number
  maxResponseBytes: number
  maxPages: number
  timeoutMs: number
  peerCooldownMs: number
  concurrency: number
  /** Called after each completed catch-up. */
  onDone?: (peer: PeerId, added: number) => void
}

export class CatchUp {
  private readonly lastSync = new Map<string, number>()
  private active = 0

  constructor(private readonly options: CatchUpOptions) {}

  /**
   * Fetches from one peer what was issued in the last `sinceAgeMs` (default: everything still
   * valid); returns how many attestations were new. Skipped (0) during the peer's cooldown or
   * when `concurrency` catch-ups already run, unless `force`.
   */
  async from(peer: PeerId, signal?: AbortSignal, force = false, sinceAgeMs?: number): Promise<number> {
    const o = this.options
    const id = peer.toString()
    const busy = this.active >= o.concurrency
    const recent = o.now() - (this.lastSync.get(id) ?? Number.NEGATIVE_INFINITY) < o.peerCooldownMs
    if (!force && (busy || recent)) return 0
    this.lastSync.set(id, o.now())
    this.active++
    let added = 0
    try {
      await syncFromPeer(
        peer,
        o.now() - Math.min(sinceAgeMs ?? o.maxAgeMs, o.maxAgeMs),
        {
          openStream: o.openStream,
          maxCount: o.maxCount,
          maxResponseBytes: o.maxResponseBytes,
          maxPages: o.maxPages,
          timeoutMs: o.timeoutMs,
          onPage: (page) => {
            let newest: number | undefined
            for (const bytes of page) {
              const at = issuedAtOf(bytes)
              if (at !== undefined) newest = Math.max(newest ?? 0, at)
              if (o.receive(bytes).ok) added++
            }
            return newest
          },
        },
        signal,
      )
    } finally {
      this.active--
    }
    o.onDone?.(peer, added)
    return added
  }
}
