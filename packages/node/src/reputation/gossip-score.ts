/**
 * Gossipsub v1.1 peer-score parameters for Bazaar (libp2p/specs pubsub/gossipsub/gossipsub-v1.1.md).
 * Every value is explained in docs/REPUTATION.md "Gossipsub peer scoring". The node passes
 * `gossipScoreConfig()` to its one gossipsub constructor (`src/libp2p.ts`).
 *
 * The design in one line: a peer that forwards invalid attestations (the validator's Reject) is
 * penalised quadratically (P4) and, after a handful, no longer gossiped with, published to, or
 * listened to; a duplicate (Ignore) costs nothing; a quiet topic never penalises honest peers for
 * delivering too little (P3 off).
 */
import type { PeerScoreParams, PeerScoreThresholds, TopicScoreParams } from '@libp2p/gossipsub/score'
import { REPUTATION_TOPIC } from './constants.js'

/** Interval at which gossipsub decays score counters, ms. */
export const SCORE_DECAY_INTERVAL_MS = 1_000

/**
 * Per-interval decay factor that shrinks a counter to `to` of its value after `afterMs`
 * (the usual way to state gossipsub decays: as a time, not a magic factor).
 */
export function decayFactor(afterMs: number, to: number, intervalMs = SCORE_DECAY_INTERVAL_MS): number {
  return to ** (intervalMs / afterMs)
}

/** Score parameters of topic `bazaar/reputation/1`. */
export const REPUTATION_TOPIC_SCORE_PARAMS: TopicScoreParams = {
  topicWeight: 1,
  // P1: up to +3 for 5 minutes in the mesh: a small tie-breaker in favour of stable neighbours.
  timeInMeshWeight: 0.01,
  timeInMeshQuantum: 1_000,
  timeInMeshCap: 300,
  // P2: +1 per first delivery of a valid attestation, capped at +20, decaying to 10% in an hour.
  firstMessageDeliveriesWeight: 1,
  firstMessageDeliveriesDecay: decayFactor(3_600_000, 0.1),
  firstMessageDeliveriesCap: 20,
  // P3/P3b off: attestations are rare and bursty (one per job), so a delivery quota would
  // penalise every honest mesh peer of a quiet market.
  meshMessageDeliveriesWeight: 0,
  meshMessageDeliveriesDecay: 0.5,
  meshMessageDeliveriesCap: 100,
  meshMessageDeliveriesThreshold: 1,
  meshMessageDeliveriesWindow: 10,
  meshMessageDeliveriesActivation: 5_000,
  meshFailurePenaltyWeight: 0,
  meshFailurePenaltyDecay: 0.5,
  // P4: -100 * n^2 for n invalid attestations, the counter halving every 10 minutes.
  // 1 => -100, 2 => -400 (a bug is forgiven), 3 => -900 (below gossip), 4 => -1600 (below
  // publish), 6 => -3600 (graylisted).
  invalidMessageDeliveriesWeight: -100,
  invalidMessageDeliveriesDecay: decayFactor(600_000, 0.5),
}

/** Peer score thresholds. Positive topic scores are capped at 25, far from any of them. */
export const BAZAAR_SCORE_THRESHOLDS: PeerScoreThresholds = {
  gossipThreshold: -500,
  publishThreshold: -1_000,
  graylistThreshold: -2_500,
  // Above any reachable score (topic cap 25, P5 off): peer exchange is never accepted.
  acceptPXThreshold: 100,
  opportunisticGraftThreshold: 5,
}

export interface GossipScoreOptions {
  /**
   * IPs exempt from the colocation penalty (P6). Loopback is exempt by default so that many nodes
   * on one machine (tests, `bazaar sim`) are not mistaken for a Sybil farm; remote peers can never
   * connect from it.
   */
  ipColocationWhitelist?: Iterable<string>
}

/** Peer score parameters (the non-topic parts) for gossipsub's `scoreParams`. */
export function bazaarPeerScoreParams(options: GossipScoreOptions = {}): Partial<PeerScoreParams> {
  return {
    topics: { [REPUTATION_TOPIC]: REPUTATION_TOPIC_SCORE_PARAMS },
    topicScoreCap: 25,
    // P5 off: EigenTrust measures service quality, gossip scoring measures relay behaviour;
    // mixing them would let a good worker's invalid gossip be forgiven.
    appSpecificScore: () => 0,
    appSpecificWeight: 0,
    // P6: more than 10 peers behind one IP costs -5 * surplus^2.
    IPColocationFactorWeight: -5,
    IPColocationFactorThreshold: 10,
    IPColocationFactorWhitelist: new Set(options.ipColocationWhitelist ?? ['127.0.0.1', '::1']),
    // P7: GRAFT during backoff, broken IHAVE promises: -10 * (n - 6)^2, decaying to 1% in a minute.
    behaviourPenaltyWeight: -10,
    behaviourPenaltyThreshold: 6,
    behaviourPenaltyDecay: decayFactor(60_000, 0.01),
    decayInterval: SCORE_DECAY_INTERVAL_MS,
    decayToZero: 0.01,
    // Keep a disconnected peer's score an hour: reconnecting must not wash a penalty away.
    retainScore: 3_600_000,
  }
}

/** `{ scoreParams, scoreThresholds }`, spread into gossipsub's init. */
export function gossipScoreConfig(options: GossipScoreOptions = {}): {
  scoreParams: Partial<PeerScoreParams>
  scoreThresholds: PeerScoreThresholds
} {
  return { scoreParams: bazaarPeerScoreParams(options), scoreThresholds: { ...BAZAAR_SCORE_THRESHOLDS } }
}
