/** Default spending limits, in base units of the channel's asset. Deliberately small. */

/** Most one job may cost unless configured otherwise. */
export const DEFAULT_MAX_PER_JOB = 1_000_000n

/** Most spent on one peer in a rolling day unless configured otherwise. */
export const DEFAULT_MAX_PER_PEER_PER_DAY = 10_000_000n

/** Most spent in a rolling day unless configured otherwise. */
export const DEFAULT_MAX_PER_DAY = 100_000_000n

/** The rolling window of the daily limits, in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000
