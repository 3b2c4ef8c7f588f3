/** Node-wide constants. Each feature service keeps its own in its folder's `constants.ts`. */

/** Bazaar's private Kademlia DHT protocol id (kept apart from the public IPFS DHT). */
export const DHT_PROTOCOL = '/bazaar/kad/1.0.0'

/** Listen addresses when none are given: loopback TCP on a free port. */
export const DEFAULT_LISTEN: readonly string[] = ['/ip4/127.0.0.1/tcp/0']

/** Milliseconds `stop()` waits for in-flight jobs to finish before aborting them. */
export const DEFAULT_STOP_GRACE_MS = 5_000

/** Connections libp2p keeps open before pruning. */
export const DEFAULT_MAX_CONNECTIONS = 300

/**
 * Milliseconds between the connection monitor's pings of each open connection (libp2p's own
 * default). Each ping is a new stream; a node with hundreds of connections pays for them.
 */
export const DEFAULT_CONNECTION_PING_INTERVAL_MS = 10_000

/** Milliseconds to wait for one bootstrap dial at start. */
export const DEFAULT_BOOTSTRAP_DIAL_TIMEOUT_MS = 10_000

/** Name of the folder inside the data directory that holds the libp2p datastore. */
export const DATASTORE_DIR = 'libp2p'

/** Concurrent ping streams per connection, each way (the connection monitor and kad-dht share it). */
export const PING_MAX_STREAMS = 8
