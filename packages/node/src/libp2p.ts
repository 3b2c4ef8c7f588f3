/**
 * The one place where Bazaar's libp2p stack is composed: transports, encryption, muxing, the
 * built-in services every Bazaar node needs (identify, ping, kad-dht, gossipsub), and Bazaar's own
 * feature services, passed in by `node.ts` as one map.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
// Gossipsub comes from `@libp2p/gossipsub`, not `@chainsafe/libp2p-gossipsub`: ChainSafe's latest
// release (14.x) is still built for libp2p 2 (`@libp2p/interface ^2`) and does not load in a
// libp2p 3 node. `@libp2p/gossipsub` is the libp2p team's port of the same code for libp2p 3,
// published until ChainSafe/js-libp2p-gossipsub#532 lands. Switching back is this import.
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import type { ComponentLogger, PeerInfo, PrivateKey } from '@libp2p/interface'
import { type KadDHT, kadDHT } from '@libp2p/kad-dht'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p, type Libp2p, type Libp2pInit, type ServiceFactoryMap } from 'libp2p'
import {
  DEFAULT_CONNECTION_PING_INTERVAL_MS,
  DEFAULT_MAX_CONNECTIONS,
  DHT_PROTOCOL,
  PING_MAX_STREAMS,
} from './constants.js'
import { gossipScoreConfig } from './reputation/gossip-score.js'

/** A libp2p datastore (peer store, DHT records). */
export type Datastore = NonNullable<Libp2pInit['datastore']>

/** Services every Bazaar node runs, whatever features it adds. */
export type BaseServices = {
  identify: unknown
  ping: unknown
  dht: KadDHT
  pubsub: ReturnType<ReturnType<typeof gossipsub>>
}

export interface Libp2pStackOptions<S extends Record<string, unknown>> {
  privateKey: PrivateKey
  listen: string[]
  bootstrap: string[]
  datastore?: Datastore | undefined
  logger?: ComponentLogger | undefined
  maxConnections?: number | undefined
  /** Milliseconds between liveness pings of each connection; 0 turns the monitor off. */
  connectionPingIntervalMs?: number | undefined
  /** libp2p's metrics implementation (e.g. `@libp2p/prometheus-metrics`); none by default. */
  metrics?: Libp2pInit['metrics'] | undefined
  /** Bazaar feature services (card, skills, jobs, pay, and later reputation). */
  services: ServiceFactoryMap<S>
}

/**
 * Keeps every address a peer announces, loopback and private ones included. kad-dht's default
 * mapper removes private addresses, which leaves routing tables empty on a single host; Bazaar
 * nodes on one machine (tests, `bazaar sim`) are a supported deployment.
 */
export function keepAllAddresses(peer: PeerInfo): PeerInfo {
  return peer
}

/** Creates (does not start) the libp2p node with Bazaar's stack and the given feature services. */
export async function createBazaarLibp2p<S extends Record<string, unknown>>(
  options: Libp2pStackOptions<S>,
): Promise<Libp2p<BaseServices & S>> {
  const services = {
    identify: identify(),
    // libp2p's connection monitor and kad-dht both ping over this one protocol; with ping's
    // default of one outbound stream per connection their pings collide under load, and the
    // monitor then aborts the whole connection (every job on it). Allow a few at once.
    ping: ping({ maxOutboundStreams: PING_MAX_STREAMS, maxInboundStreams: PING_MAX_STREAMS }),
    dht: kadDHT({
      protocol: DHT_PROTOCOL,
      clientMode: false,
      peerInfoMapper: keepAllAddresses,
    }),
    // Peer scoring for the reputation topic (docs/REPUTATION.md "Gossipsub peer scoring").
    pubsub: gossipsub({ allowPublishToZeroTopicPeers: true, ...gossipScoreConfig() }),
    ...options.services,
  } as ServiceFactoryMap<BaseServices & S>

  const node = await createLibp2p({
    start: false,
    privateKey: options.privateKey,
    addresses: { listen: options.listen },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS },
    connectionMonitor: connectionMonitor(
      options.connectionPingIntervalMs ?? DEFAULT_CONNECTION_PING_INTERVAL_MS,
    ),
    ...(options.datastore === undefined ? {} : { datastore: options.datastore }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    services,
  })
  return node
}

function connectionMonitor(pingIntervalMs: number): NonNullable<Libp2pInit['connectionMonitor']> {
  return pingIntervalMs <= 0 ? { enabled: false } : { pingInterval: pingIntervalMs }
}

/** Parses bootstrap multiaddrs once, so a typo fails at creation rather than at start. */
export function parseBootstrap(addresses: string[]): ReturnType<typeof multiaddr>[] {
  return addresses.map((a) => multiaddr(a))
}
