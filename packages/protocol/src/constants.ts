/**
 * Every identifier, version and limit of the Bazaar wire protocol (docs/PROTOCOL.md "Limits").
 * Limits are the protocol's defaults; decoders take overrides through their `limits` argument.
 */

/** Protocol ids (libp2p stream protocols) and the gossipsub topic. */
export const DHT_PROTOCOL = '/bazaar/kad/1.0.0'
export const CARD_PROTOCOL = '/bazaar/card/1.0.0'
export const JOB_PROTOCOL = '/bazaar/job/1.0.0'
export const PAY_PROTOCOL = '/bazaar/pay/1.0.0'
export const REPUTATION_SYNC_PROTOCOL = '/bazaar/reputation-sync/1.0.0'
export const REPUTATION_TOPIC = 'bazaar/reputation/1'

/** Current version of every versioned message body (its `version` field). */
export const CARD_VERSION = 1
export const JOB_REQUEST_VERSION = 1
export const QUOTE_VERSION = 1
export const DELIVERY_VERSION = 1
export const RECEIPT_VERSION = 1
export const CHANNEL_OPEN_VERSION = 1
export const CHANNEL_UPDATE_VERSION = 1
export const ATTESTATION_VERSION = 1

/** Largest encoded AgentCard, in bytes (skills carry JSON schemas). */
export const MAX_CARD_BYTES = 256 * 1024
/** Largest JobFrame, in bytes: bounds a request's input and a delivery's ciphertext. */
export const MAX_JOB_FRAME_BYTES = 8 * 1024 * 1024
/** Largest PayFrame, in bytes: an update with {@link MAX_LOCKS_PER_UPDATE} locks fits. */
export const MAX_PAY_FRAME_BYTES = 64 * 1024
/** Largest encoded Attestation, in bytes (it embeds a dual-signed receipt). */
export const MAX_ATTESTATION_BYTES = 4096
/** Largest encoded Receipt, in bytes. */
export const MAX_RECEIPT_BYTES = 2048
/** Largest SyncRequest frame, in bytes (two varints). */
export const MAX_SYNC_REQUEST_BYTES = 64
/** Largest SyncResponse frame, in bytes. */
export const MAX_SYNC_RESPONSE_BYTES = 1024 * 1024
/** Largest ChannelOpen, in bytes. */
export const MAX_CHANNEL_OPEN_BYTES = 1024

/** Most skills one card offers. */
export const MAX_SKILLS_PER_CARD = 64
/** Most multiaddrs one card lists. */
export const MAX_ADDRESSES_PER_CARD = 16
/** Longest binary multiaddr on a card, in bytes. */
export const MAX_ADDRESS_BYTES = 256
/** Most payment terms (settlement networks) one card lists. */
export const MAX_PAYMENT_TERMS_PER_CARD = 8
/** Most open hash locks one channel update carries (Lightning allows 483 HTLCs). */
export const MAX_LOCKS_PER_UPDATE = 256
/** Most attestations one SyncResponse carries. */
export const MAX_SYNC_ATTESTATIONS = 256

/** Longest agent name, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 128
/** Longest description (agent or skill) and quote terms, in UTF-8 bytes. */
export const MAX_DESCRIPTION_BYTES = 4096
/** Longest skill id, in UTF-8 bytes. */
export const MAX_SKILL_ID_BYTES = 128
/** Longest skill version string, in UTF-8 bytes. */
export const MAX_SKILL_VERSION_BYTES = 64
/** Longest JSON schema text (input or output), in UTF-8 bytes. */
export const MAX_SCHEMA_BYTES = 64 * 1024
/** Longest CAIP-19 asset id, in UTF-8 bytes. */
export const MAX_ASSET_BYTES = 128
/** Longest content type, in UTF-8 bytes. */
export const MAX_CONTENT_TYPE_BYTES = 128
/** Longest human-readable message of a Reject, Progress, Cancel or error, in UTF-8 bytes. */
export const MAX_MESSAGE_BYTES = 1024

/** Clock skew tolerated on `issued_at` times, in milliseconds. */
export const DEFAULT_CLOCK_SKEW_MS = 60_000
/** Highest rating of an attestation (0..100). */
export const MAX_RATING = 100
/** Progress is reported in permille (0..1000). */
export const MAX_PERMILLE = 1000
/**
 * Largest time value accepted, in ms or s alike: 2^53 - 1, so every time fits a JS number and a
 * uint64 can never smuggle a value that wraps.
 */
export const MAX_TIME = BigInt(Number.MAX_SAFE_INTEGER)

/** Byte lengths of the fixed-size fields. */
export const PEER_KEY_LENGTH = 32
export const ED25519_SIGNATURE_BYTES = 64
export const SETTLEMENT_SIGNATURE_BYTES = 65
export const ID_LENGTH = 32
export const HASH_LENGTH = 32
export const EVM_ADDRESS_LENGTH = 20
/** Length of a lock preimage (the delivery's content key), in bytes. */
export const PREIMAGE_LENGTH = 32
