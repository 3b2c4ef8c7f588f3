/** Constants of the job protocol (`/bazaar/job/1.0.0`). Every limit is overridable through init. */

export const JOB_PROTOCOL = '/bazaar/job/1.0.0'

/** Version of the job messages this node writes and accepts. */
export const JOB_VERSION = 1

/** Largest job frame accepted, in bytes (bounds inputs and encrypted results on the wire). */
export const DEFAULT_MAX_JOB_FRAME_BYTES = 4 * 1024 * 1024

/** Largest input a skill accepts when it sets no limit, in bytes. */
export const DEFAULT_MAX_INPUT_BYTES = 1024 * 1024

/** Largest result a skill returns when it sets no limit, in bytes. */
export const DEFAULT_MAX_OUTPUT_BYTES = 2 * 1024 * 1024

/** Jobs of one skill that run at once when it sets no limit; more are answered BUSY. */
export const DEFAULT_MAX_CONCURRENCY = 16

/** Longest a job may run when its skill sets no limit, in milliseconds. */
export const DEFAULT_MAX_DURATION_MS = 5 * 60 * 1000

/** Deadline of a hire when the caller sets none: milliseconds from now. */
export const DEFAULT_HIRE_DEADLINE_MS = 60_000

/** A request whose deadline is nearer than this (milliseconds) is rejected DEADLINE_TOO_SHORT. */
export const DEFAULT_MIN_DEADLINE_MS = 100

/** Milliseconds either side waits for a control frame (request, quote, accept, pay, reveal). */
export const DEFAULT_FRAME_TIMEOUT_MS = 10_000

/** Seconds the client's lock stays claimable after the delivery (the payee's window to be paid). */
export const DEFAULT_LOCK_TTL_S = 600

/** Milliseconds a quote stays valid. */
export const DEFAULT_QUOTE_TTL_MS = 30_000

/** Milliseconds of clock skew tolerated on issue times. */
export const DEFAULT_CLOCK_SKEW_MS = 60_000

/** Concurrent inbound job streams per connection (beyond it libp2p resets the stream). */
export const DEFAULT_JOB_MAX_INBOUND_STREAMS = 128

/** Concurrent outbound job streams per connection. */
export const DEFAULT_JOB_MAX_OUTBOUND_STREAMS = 128

/** Job requests a peer may burst, then the sustained rate per second (beyond: RATE_LIMITED). */
export const DEFAULT_JOB_RATE_BURST = 100
export const DEFAULT_JOB_RATE_PER_SECOND = 50

/** Progress frames a worker sends per job at most (more are dropped, not queued). */
export const DEFAULT_MAX_PROGRESS_FRAMES = 100

/** Frames a side may queue unread on a job stream before it is reset. */
export const MAX_QUEUED_JOB_FRAMES = 8

/** Length of job ids and delivery keys, in bytes. */
export const JOB_ID_BYTES = 32
export const DELIVERY_KEY_BYTES = 32

/** XChaCha20-Poly1305 nonce length: the first 24 bytes of the job id. */
export const NONCE_BYTES = 24

/** Receipts of paid jobs kept for attestations (client and worker side); the oldest go first. */
export const DEFAULT_MAX_RECEIPTS = 10_000
