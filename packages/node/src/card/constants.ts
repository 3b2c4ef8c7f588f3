/** Constants of the agent card protocol (`/bazaar/card/1.0.0`). */

export const CARD_PROTOCOL = '/bazaar/card/1.0.0'

/** Version of AgentCardBody this node writes and accepts. */
export const CARD_VERSION = 1

/** Largest card accepted, in bytes (a card lists skills with JSON schemas). */
export const DEFAULT_MAX_CARD_BYTES = 256 * 1024

/** Largest card request accepted, in bytes (the request is an empty frame). */
export const MAX_CARD_REQUEST_BYTES = 0

/** Milliseconds a signed card stays valid; it is re-signed when half of it has passed. */
export const DEFAULT_CARD_TTL_MS = 60 * 60 * 1000

/** Milliseconds of clock skew tolerated on a card's issue time. */
export const DEFAULT_CARD_CLOCK_SKEW_MS = 5 * 60 * 1000

/** Milliseconds to fetch a remote card (dial, request, response). */
export const DEFAULT_CARD_FETCH_TIMEOUT_MS = 5_000

/** Milliseconds the server waits for the request frame. */
export const DEFAULT_CARD_REQUEST_TIMEOUT_MS = 5_000

/** Concurrent inbound card streams per connection. */
export const DEFAULT_CARD_MAX_INBOUND_STREAMS = 4

/** Concurrent outbound card streams per connection. */
export const DEFAULT_CARD_MAX_OUTBOUND_STREAMS = 4

/** Card requests a peer may burst, then the sustained rate per second. */
export const DEFAULT_CARD_RATE_BURST = 20
export const DEFAULT_CARD_RATE_PER_SECOND = 5

/** Listen addresses published in a card at most. */
export const MAX_CARD_ADDRESSES = 8

/** Milliseconds a fetched card is reused when hiring the same peer again. */
export const DEFAULT_CARD_CACHE_MS = 30_000

/** Cards kept in that cache at most. */
export const MAX_CACHED_CARDS = 1_024
