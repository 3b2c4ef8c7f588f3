/**
 * The reputation feature's public shapes: the service's init, the components it needs from
 * libp2p, its events, and the API the node exposes as `node.reputation`.
 */
import type {
  ComponentLogger,
  Libp2pEvents,
  PeerId,
  PrivateKey,
  Stream,
  StreamHandler,
  TypedEventTarget,
} from '@libp2p/interface'
import type { PeerRef } from './peer-key.js'
import type { AttestationStoreOptions } from './store.js'
import type { TrustEdge, TrustExplanation, TrustOptions } from './trust.js'
import type { VerifiedAttestation } from './types.js'
import type { ValidationResult, ValidatorOptions } from './validator.js'

export interface ReputationInit {
  /** Data directory; the store is `<dataDir>/reputation.sqlite`. Without it, an in-memory store. */
  dataDir?: string
  /** Store bounds (`path` is derived from `dataDir`). */
  store?: Omit<AttestationStoreOptions, 'path' | 'protectedAttester' | 'maxAgeMs'>
  /** Peers whose trust anchors the score (EigenTrust's pre-trusted set `P`). */
  preTrusted?: PeerRef[]
  trust?: Omit<TrustOptions, 'preTrusted' | 'self'>
  validator?: Omit<ValidatorOptions, 'known'>
  /** Name of the gossipsub service in the node's services map. Default `pubsub`. */
  pubsubService?: string
  /** Catch up from peers as they connect. Default true. */
  autoSync?: boolean
  sync?: {
    maxCount?: number
    maxRequestBytes?: number
    maxResponseBytes?: number
    maxPages?: number
    timeoutMs?: number
    ratePerMinute?: number
    peerCooldownMs?: number
    /** Periodic catch-up from one random peer, ms (0 disables). */
    intervalMs?: number
    /** How far back the periodic catch-up asks, ms. */
    windowMs?: number
    maxInboundStreams?: number
    maxOutboundStreams?: number
  }
  /** Delay between an attestation's arrival and the trust recompute, ms. */
  recomputeDelayMs?: number
}

export interface ReputationComponents {
  peerId: PeerId
  privateKey: PrivateKey
  logger: ComponentLogger
  events: TypedEventTarget<Libp2pEvents>
  registrar: {
    handle(protocol: string, handler: StreamHandler, options?: object): Promise<void>
    unhandle(protocol: string): Promise<void>
  }
  connectionManager: {
    openStream(peer: PeerId, protocol: string, options?: object): Promise<Stream>
    getConnections(peer?: PeerId): Array<{ remotePeer: PeerId }>
  }
}

export interface ReputationEvents {
  /** A new valid attestation was stored (from gossip, sync or our own publish). */
  attestation: CustomEvent<VerifiedAttestation>
  /** A catch-up from `peer` completed, adding `added` new attestations. */
  sync: CustomEvent<{ peer: string; added: number }>
  /** Scores were recomputed. */
  scores: CustomEvent<{ iterations: number; peers: number; attestations: number }>
}

/** A candidate with its reputation score attached, as returned by `rank`. */
export type Ranked<T> = T & { score: number }

/** What the node exposes as `node.reputation`. */
export interface Reputation extends TypedEventTarget<ReputationEvents> {
  /**
   * Signs, stores and gossips an attestation about the other party of a dual-signed receipt.
   * A gossip failure is logged, not thrown: the stored attestation still spreads by catch-up.
   */
  publish(receipt: Uint8Array, rating: number): Promise<VerifiedAttestation>
  /**
   * Validates an encoded attestation from anywhere (gossip, sync, an import) and stores it if
   * valid. Gossip and catch-up both go through here.
   */
  receive(bytes: Uint8Array): ValidationResult
  /** O(1): the peer's global trust (0..1, summing to 1 over known peers). */
  score(peer: PeerRef): number
  /** The attestations and weights behind a score. */
  explain(peer: PeerRef): ReputationExplanation
  /**
   * Candidates sorted by reputation, highest first, each with its `score` set. Among equal
   * scores, peers that trusted raters rated badly (`TrustGraph.distrust`) go last; otherwise
   * the caller's order (e.g. by price) is kept.
   */
  rank<T extends { peer: PeerRef }>(candidates: readonly T[]): Array<Ranked<T>>
  /**
   * Fetches recent attestations from connected peers (or `peers`) now, one after another; a peer
   * that fails or times out is skipped. Returns how many were new.
   */
  catchUp(options?: { signal?: AbortSignal; peers?: PeerId[] }): Promise<number>
  /** Recomputes scores now if anything changed. */
  refresh(): number
  stats(): { attestations: number; peers: number; rejected: number; ignored: number }
}

/** {@link TrustExplanation} with peer ids for people (the CLI, the control API). */
export interface ReputationExplanation extends Omit<TrustExplanation, 'inbound'> {
  /** The subject's peer id ('' when the peer has no Ed25519 key). */
  peerId: string
  inbound: Array<TrustEdge & { attesterPeerId: string }>
}
