/**
 * `node.reputation`: the reputation service as an agent uses it, joined to the receipts of the
 * node's own paid jobs so that either party rates the other by job id.
 */
import type { PeerId } from '@libp2p/interface'
import type { ReceiptBook } from '../jobs/receipt-book.js'
import type { Ranked, Reputation, ReputationEvents, ReputationExplanation } from './api.js'
import { UnknownReceiptError } from './errors.js'
import type { PeerRef } from './peer-key.js'
import type { VerifiedAttestation } from './types.js'

type Listener<K extends keyof ReputationEvents> = (evt: ReputationEvents[K]) => void

export class NodeReputation {
  constructor(
    /** The libp2p reputation service behind this view. */
    readonly service: Reputation,
    private readonly receipts: ReceiptBook,
  ) {}

  /** The peer's global trust (0..1); 0 for a peer nobody vouched for. */
  score(peer: PeerRef): number {
    return this.service.score(peer)
  }

  /** The attestations and weights behind `score(peer)`. */
  explain(peer: PeerRef): ReputationExplanation {
    return this.service.explain(peer)
  }

  /** Candidates by reputation, best first; equal scores keep the given order. */
  rank<T extends { peer: PeerRef }>(candidates: readonly T[]): Array<Ranked<T>> {
    return this.service.rank(candidates)
  }

  /**
   * Rates the other party of paid job `jobId` (hex), as its client or its worker: signs, stores
   * and gossips an attestation resting on the job's dual-signed receipt.
   */
  attest(jobId: string, rating: number): Promise<VerifiedAttestation> {
    const receipt = this.receipts.get(jobId)
    if (receipt === undefined) return Promise.reject(new UnknownReceiptError(jobId))
    return this.service.publish(receipt, rating)
  }

  /** Rates the other party of an encoded dual-signed receipt this node is a party to. */
  publish(receipt: Uint8Array, rating: number): Promise<VerifiedAttestation> {
    return this.service.publish(receipt, rating)
  }

  /** The encoded receipt of one of this node's paid jobs (hex id), if still held. */
  receipt(jobId: string): Uint8Array | undefined {
    return this.receipts.get(jobId)
  }

  /** Fetches recent attestations from connected peers (or `peers`); returns how many were new. */
  catchUp(options?: { signal?: AbortSignal; peers?: PeerId[] }): Promise<number> {
    return this.service.catchUp(options)
  }

  /** Recomputes scores now if attestations arrived since the last computation. */
  refresh(): number {
    return this.service.refresh()
  }

  stats(): ReturnType<Reputation['stats']> {
    return this.service.stats()
  }

  /** `attestation` (stored), `sync` (a catch-up finished), `scores` (recomputed). */
  addEventListener<K extends keyof ReputationEvents>(type: K, listener: Listener<K>): void {
    this.service.addEventListener(type, listener as never)
  }

  removeEventListener<K extends keyof ReputationEvents>(type: K, listener: Listener<K>): void {
    this.service.removeEventListener(type, listener as never)
  }
}
