/** Constants of the payment channel protocol (`/bazaar/pay/1.0.0`). */

export const PAY_PROTOCOL = '/bazaar/pay/1.0.0'

/** Largest pay frame accepted, in bytes (an update carries its open locks). */
export const DEFAULT_MAX_PAY_FRAME_BYTES = 64 * 1024

/** Milliseconds to wait for an ack, an open confirmation or a re-establish answer. */
export const DEFAULT_PAY_TIMEOUT_MS = 10_000

/** Milliseconds a payee waits for a locked update named by a Pay frame to arrive and be accepted. */
export const DEFAULT_AWAIT_LOCK_TIMEOUT_MS = 10_000

/** Deposit of a lazily opened channel when the first hire needs less, base units. */
export const DEFAULT_CHANNEL_DEPOSIT = 1_000_000n

/** Seconds a new channel stays open before the payer may refund. */
export const DEFAULT_CHANNEL_TTL_S = 7n * 24n * 60n * 60n

/** Seconds a unilateral close stays open to challenges and lock claims. */
export const DEFAULT_DISPUTE_WINDOW_S = 600n

/** A channel closer to expiry than this (seconds) is not used for new jobs. */
export const MIN_CHANNEL_REMAINING_S = 3600n

/** Inbound pay streams per connection (one per channel; a peer rarely has many). */
export const DEFAULT_PAY_MAX_INBOUND_STREAMS = 16

/** Outbound pay streams per connection. */
export const DEFAULT_PAY_MAX_OUTBOUND_STREAMS = 16

/**
 * Milliseconds a payee lets accepted updates gather before it acks the latest (acks are
 * cumulative): one signature and one frame for a run of back-to-back updates. The payer never
 * waits on an ack, and each update is persisted before any ack that covers it.
 */
export const DEFAULT_ACK_DELAY_MS = 20

/**
 * Milliseconds a payer lets acks gather before checking them together: it never waits on an ack
 * (a payment's Pay follows its update at once), and acks are cumulative, so back-to-back
 * payments cost one signature check per batch instead of one per update.
 */
export const ACK_BATCH_MS = 20

/** Frames a peer may queue unread on a pay stream before it is reset. */
export const MAX_QUEUED_PAY_FRAMES = 64

/** Milliseconds a worker remembers the key of a delivery whose locked update has not arrived yet. */
export const KEEP_KEY_MS = 60_000

/** Keys remembered that way at most. */
export const MAX_KEPT_KEYS = 1_024

/**
 * Milliseconds a payer's fold waits at most for the locked update of a hire under way on its
 * channel to carry it (one update, one signature, one commit on each side for both). With no
 * hire under way the fold goes out on the next tick, so a single hire's payment is visible at
 * once; back-to-back or concurrent hires carry each other's folds.
 */
export const DEFAULT_FOLD_DELAY_MS = 50

/**
 * Milliseconds between runs of the wallet's settlement deadlines (a payee closes before a
 * channel's or a revealed lock's expiry and claims its locks; anyone withdraws once the dispute
 * window is over; a payer refunds an expired channel nobody closed). 0 turns the timer off.
 */
export const DEFAULT_DEADLINES_INTERVAL_MS = 30_000
