/** Constants of skill advertising and discovery. */

/** Prefix hashed with the skill id into the DHT key: sha256("bazaar:skill:" + skillId). */
export const SKILL_KEY_PREFIX = 'bazaar:skill:'

/** Milliseconds between re-provides of every advertised skill. */
export const DEFAULT_REPROVIDE_INTERVAL_MS = 10 * 60 * 1000

/** Milliseconds before retrying a provide that failed (for example with no peers yet). */
export const DEFAULT_PROVIDE_RETRY_MS = 5_000

/** Milliseconds one provide may take. */
export const DEFAULT_PROVIDE_TIMEOUT_MS = 30_000

/** Milliseconds a `find` may take as a whole (DHT lookup plus card fetches). */
export const DEFAULT_FIND_TIMEOUT_MS = 10_000

/** Candidates `find` returns when no limit is given. */
export const DEFAULT_FIND_LIMIT = 10

/** Providers whose cards are fetched at most, whatever the limit. */
export const DEFAULT_MAX_PROVIDERS = 50

/** Longest skill id accepted, in bytes. */
export const MAX_SKILL_ID_BYTES = 128

/** Default skill interface version when none is given. */
export const DEFAULT_SKILL_VERSION = '1.0.0'

/**
 * Asset (CAIP-19) of a skill that names none and of a node without a wallet: the native coin of
 * the local development chain (LocalLedger's default chain id). A node with a wallet uses the
 * native coin of its settlement network instead.
 */
export const DEFAULT_ASSET = 'eip155:1337/slip44:60'
