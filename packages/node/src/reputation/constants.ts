/**
 * Identifiers and limits of the reputation feature. Every limit is a default that the service's
 * `init` can override; units are in the name or the TSDoc.
 */
import {
  ATTESTATION_VERSION,
  MAX_ATTESTATION_BYTES,
  MAX_RATING,
  MAX_SYNC_ATTESTATIONS,
  MAX_SYNC_REQUEST_BYTES,
  MAX_SYNC_RESPONSE_BYTES,
  RECEIPT_VERSION,
} from '@bazaar/protocol'

/** Gossipsub topic that carries attestations (docs/DESIGN.md "Protocols"). */
export const REPUTATION_TOPIC = 'bazaar/reputation/1'

/** Catch-up protocol: a late or restarted node fetches recent attestations from a peer. */
export const REPUTATION_SYNC_PROTOCOL = '/bazaar/reputation-sync/1.0.0'

/** Wire versions and the rating range (0..100, 50 neutral) are the protocol package's. */
export { ATTESTATION_VERSION, MAX_RATING, RECEIPT_VERSION }

/**
 * Largest encoded Attestation accepted, in bytes, checked before decoding: the protocol's 4 KiB
 * (a receipt of at most 2 KiB plus keys, ids, a skill id and a signature). A typical attestation
 * is about 450 bytes.
 */
export const DEFAULT_MAX_ATTESTATION_BYTES = MAX_ATTESTATION_BYTES

/**
 * Oldest attestation accepted and kept, in ms (30 days). Older ones are rejected on arrival
 * (gossip and sync alike) and evicted from the store.
 */
export const DEFAULT_MAX_ATTESTATION_AGE_MS = 30 * 24 * 60 * 60 * 1000

/** How far in the future an attestation's `issued_at` may be (clock skew), in ms. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 60_000

/** Store bound: total attestations kept. */
export const DEFAULT_STORE_MAX_ATTESTATIONS = 100_000

/** Store bound: attestations kept about one subject (the newest win). */
export const DEFAULT_STORE_MAX_PER_SUBJECT = 2_000

/** Store bound: attestations kept from one attester (the newest win). */
export const DEFAULT_STORE_MAX_PER_ATTESTER = 2_000

/** Sync: most attestations a peer may ask for, or we send, in one response (256). */
export const DEFAULT_SYNC_MAX_COUNT = MAX_SYNC_ATTESTATIONS

/** Sync: largest response frame, in bytes (1 MiB; checked from the length prefix before reading). */
export const DEFAULT_SYNC_MAX_RESPONSE_BYTES = MAX_SYNC_RESPONSE_BYTES

/** Sync: largest request frame, in bytes (64: a request is two varints). */
export const DEFAULT_SYNC_MAX_REQUEST_BYTES = MAX_SYNC_REQUEST_BYTES

/** Sync: timeout of one request/response exchange, in ms. */
export const DEFAULT_SYNC_TIMEOUT_MS = 10_000

/** Sync: most pages fetched from one peer per catch-up. */
export const DEFAULT_SYNC_MAX_PAGES = 16

/** Sync: requests one peer may make per minute before it is answered with a reset stream. */
export const DEFAULT_SYNC_RATE_PER_MINUTE = 10

/** Sync: do not catch up from the same peer again within this many ms. */
export const DEFAULT_SYNC_PEER_COOLDOWN_MS = 60_000

/**
 * Sync: anti-entropy. Gossip is best effort (a message published while a mesh re-forms can miss
 * a node), so every interval the node catches up from one random connected peer, over the last
 * `DEFAULT_SYNC_WINDOW_MS`. In ms.
 */
export const DEFAULT_SYNC_INTERVAL_MS = 5 * 60_000

/** Sync: how far back the periodic catch-up asks, in ms. */
export const DEFAULT_SYNC_WINDOW_MS = 60 * 60_000

/** Sync: concurrent inbound sync streams per connection. */
export const DEFAULT_SYNC_MAX_INBOUND_STREAMS = 2

/** Sync: concurrent outbound sync streams per connection. */
export const DEFAULT_SYNC_MAX_OUTBOUND_STREAMS = 2

/** Trust: teleport probability `a` of `t = (1-a) C^T t + a p` (EigenTrust uses 0.1-0.2). */
export const DEFAULT_TRUST_ALPHA = 0.15

/** Trust: power iteration stops when the L1 change falls below this. */
export const DEFAULT_TRUST_EPSILON = 1e-9

/** Trust: most power-iteration steps per recompute (bounds the CPU spent per update; a cold start needs about log(epsilon) / log(1 - a), 128 with the defaults). */
export const DEFAULT_TRUST_MAX_ITERATIONS = 200

/** Trust: an amount of this many asset base units counts as one unit in the concave weight. */
export const DEFAULT_TRUST_PRICE_UNIT = 1_000n

/** Trust: cap on the weight of one (attester, subject) pair, in weight units (log1p of units). */
export const DEFAULT_TRUST_PAIR_CAP = 8

/**
 * Trust: payment weight (log1p of price units paid in all of a rater's rated jobs) at which a rater
 * passes on all of its trust; below it the rest returns to the teleport vector. log1p(100): a
 * rater must have paid or been paid about 100 units before its word carries fully.
 */
export const DEFAULT_TRUST_FULL_ROW_WEIGHT = Math.log1p(100)

/** Trust: delay between an attestation's arrival and the recompute it triggers, in ms. */
export const DEFAULT_TRUST_RECOMPUTE_DELAY_MS = 50

/** Validator: how many (receipt, attester) keys the in-memory duplicate filter remembers. */
export const DEFAULT_SEEN_CACHE_SIZE = 65_536
