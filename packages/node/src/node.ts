/**
 * `createBazaarNode`: one call that composes libp2p with Bazaar's services and returns a node an
 * agent embeds. The services map is built in one place, `bazaarServices`, where new features
 * (reputation, metrics) plug in.
 */
import type { PaymentTerms } from '@bazaar/protocol'
import { libp2pRawKey, loadPeerKey } from '@bazaar/wallet'
import { generateKeyPair, privateKeyFromRaw } from '@libp2p/crypto/keys'
import type { ComponentLogger, PeerId, PrivateKey } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import type { Libp2p, Libp2pInit, ServiceFactoryMap } from 'libp2p'
import { type CardService, type CardServiceInit, cardService } from './card/card-service.js'
import { DEFAULT_BOOTSTRAP_DIAL_TIMEOUT_MS, DEFAULT_LISTEN, DEFAULT_STOP_GRACE_MS } from './constants.js'
import { openDatastore } from './datastore.js'
import { BazaarEvents } from './events.js'
import {
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_DURATION_MS,
  DEFAULT_MAX_INPUT_BYTES,
  DEFAULT_MAX_OUTPUT_BYTES,
} from './jobs/constants.js'
import type { JobLimits } from './jobs/job-context.js'
import { type JobService, type JobServiceInit, jobService } from './jobs/job-service.js'
import type { SpendingPolicyInit } from './jobs/spending-policy.js'
import { type BaseServices, createBazaarLibp2p, type Datastore, parseBootstrap } from './libp2p.js'
import { type PayServiceInit, payService } from './payments/pay-service.js'
import type { Payments } from './payments/types.js'
import type { WalletLike } from './payments/wallet-api.js'
import type { Reputation, ReputationInit } from './reputation/api.js'
import { NodeReputation } from './reputation/node-reputation.js'
import { reputation } from './reputation/service.js'
import { DEFAULT_ASSET } from './skills/constants.js'
import { rankByPrice } from './skills/rank.js'
import { type SkillLimitDefaults, SkillRegistry } from './skills/registry.js'
import { type SkillsService, type SkillsServiceInit, skillsService } from './skills/skills-service.js'
import type { RankCandidates } from './skills/types.js'

/** Limits of every protocol, each optional (defaults in the features' constants.ts). */
export interface BazaarLimits {
  jobs?: Partial<JobLimits> &
    Pick<JobServiceInit, 'maxInboundStreams' | 'maxOutboundStreams' | 'rateBurst' | 'ratePerSecond'>
  card?: Omit<CardServiceInit, 'name' | 'description' | 'payment'>
  skills?: Omit<SkillsServiceInit, 'registry' | 'rank'>
  /** Defaults for skills that set no limits of their own. */
  skillDefaults?: Partial<SkillLimitDefaults>
  /** Connections libp2p keeps before pruning. */
  maxConnections?: number
  /**
   * Milliseconds between the liveness pings libp2p's connection monitor sends on every open
   * connection (default 10 s); 0 turns the monitor off, e.g. for many nodes in one process on
   * loopback, where a stopped node's sockets close at once.
   */
  connectionPingIntervalMs?: number
}

/** Channel settings of the pay service (see payments/constants.ts for defaults). */
export type ChannelOptions = Omit<PayServiceInit, 'wallet' | 'events'>

export interface BazaarNodeOptions {
  /**
   * Directory for durable state: the libp2p peer store and DHT records (and, through the wallet,
   * identity and channels). Without it everything lives in memory.
   */
  dataDir?: string
  /**
   * Where the libp2p peer store and DHT records live when `dataDir` is set: `disk` (the
   * default; they survive restarts) or `memory` (a restarted node learns its peers again from
   * its bootstrap peers). `bazaar sim` uses `memory`: a file written per peer-store update is
   * a tenth of the CPU of a hundred nodes sharing a process.
   */
  peerStore?: 'disk' | 'memory'
  /** Decrypts (and encrypts on creation) the identity key file of the data directory. */
  passphrase?: string
  /** Listen multiaddrs (default: loopback TCP on a free port). */
  listen?: string[]
  /** Multiaddrs (with /p2p/ id) dialed at start to join the network. */
  bootstrap?: string[]
  /**
   * The node's Ed25519 identity (its peer id). Default: the wallet's key, else `peer.key` in the
   * data directory (created on first start), else a fresh key.
   */
  privateKey?: PrivateKey
  /** Agent name and description shown in the card. */
  name?: string
  description?: string
  /**
   * The wallet (channels, settlement key, settlement layer) that pays and gets paid. Without it
   * the node can serve and hire free skills only.
   */
  wallet?: WalletLike
  /** Deposit, lifetime and timeouts of lazily opened channels. */
  channels?: ChannelOptions
  /** Spending limits of hires (deny above them). */
  spending?: SpendingPolicyInit
  limits?: BazaarLimits
  /**
   * Ranking of `skills.find` results. Default: by reputation when the node runs the reputation
   * service (ties by price), else cheapest first.
   */
  rank?: RankCandidates
  /**
   * Runs the reputation service (attestations over gossipsub, scores) with these settings;
   * `node.reputation` then rates and scores peers. A `reputation` entry of `services` does too.
   */
  reputation?: ReputationInit
  /** Additional libp2p services, composed next to Bazaar's. */
  services?: ServiceFactoryMap<Record<string, unknown>>
  /** libp2p component logger; scoped `bazaar:*` loggers derive from it. */
  logger?: ComponentLogger
  /**
   * libp2p's own metrics (connections, streams, protocols, DHT, gossipsub), e.g.
   * `prometheusMetrics({ registry })` from `@libp2p/prometheus-metrics`. None by default.
   */
  metrics?: Libp2pInit['metrics']
}

export type BazaarServices = BaseServices & {
  card: CardService
  skills: SkillsService
  jobs: JobService
  pay?: Payments
  reputation?: Reputation
}

/**
 * Builds the services map: Bazaar's features in dependency order (card before skills before
 * jobs), payments when configured, then any extra services (the reputation service goes here).
 */
function bazaarServices(
  options: BazaarNodeOptions,
  registry: SkillRegistry,
  events: BazaarEvents,
): ServiceFactoryMap<Record<string, unknown>> {
  // Bazaar's services read each other from libp2p's components by name (`card`, `skills`,
  // `pay`), which libp2p's own component type does not list: hence the cast.
  const services: Record<string, unknown> = {
    card: cardService({
      ...options.limits?.card,
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.description === undefined ? {} : { description: options.description }),
    }),
    skills: skillsService({
      ...options.limits?.skills,
      registry,
      ...(options.rank === undefined ? {} : { rank: options.rank }),
    }),
    ...(options.wallet === undefined
      ? {}
      : { pay: payService({ ...options.channels, wallet: options.wallet, events }) }),
    jobs: jobService({
      ...options.limits?.jobs,
      registry,
      events,
      ...(options.spending === undefined ? {} : { spending: options.spending }),
    }),
    ...(options.reputation === undefined ? {} : { reputation: reputation(options.reputation) }),
    ...options.services,
  }
  return services as ServiceFactoryMap<Record<string, unknown>>
}

/** A running (or stopped) Bazaar node. Create it with `createBazaarNode`. */
export class BazaarNode extends BazaarEvents {
  private reputationView: NodeReputation | undefined

  constructor(
    readonly libp2p: Libp2p<BazaarServices>,
    private readonly datastore: Datastore | undefined,
    private readonly bootstrap: string[],
  ) {
    super()
  }

  get peerId(): PeerId {
    return this.libp2p.peerId
  }

  /** Advertise skills and find workers. */
  get skills(): SkillsService {
    return this.libp2p.services.skills
  }

  /** Hire workers; spending policy; drain. */
  get jobs(): JobService {
    return this.libp2p.services.jobs
  }

  get card(): CardService {
    return this.libp2p.services.card
  }

  /**
   * Scores, explanations and attestations (rate the other party of a paid job by its id), when
   * the node runs the reputation service.
   */
  get reputation(): NodeReputation | undefined {
    const service = this.libp2p.services.reputation
    if (service === undefined) return undefined
    this.reputationView ??= new NodeReputation(service, this.jobs.receipts)
    return this.reputationView
  }

  /** The payments backend, when configured. */
  get payments(): Payments | undefined {
    return this.libp2p.services.pay
  }

  getMultiaddrs(): Multiaddr[] {
    return this.libp2p.getMultiaddrs()
  }

  /** Starts libp2p and the services, then dials the bootstrap peers (failures are tolerated). */
  async start(): Promise<void> {
    await this.libp2p.start()
    const pay = this.payments
    if (pay !== undefined) this.card.setPayment(pay.terms() as PaymentTerms[])
    await Promise.allSettled(
      parseBootstrap(this.bootstrap).map((addr) =>
        this.libp2p.dial(addr, { signal: AbortSignal.timeout(DEFAULT_BOOTSTRAP_DIAL_TIMEOUT_MS) }),
      ),
    )
  }

  /** Stops accepting jobs, lets in-flight ones finish for `graceMs`, then stops libp2p. */
  async stop(options: { graceMs?: number } = {}): Promise<void> {
    if (this.libp2p.status === 'started') await this.jobs.drain(options.graceMs ?? DEFAULT_STOP_GRACE_MS)
    await this.libp2p.stop()
    await (this.datastore as { close?: () => Promise<void> } | undefined)?.close?.()
  }
}

/** Creates a node (not started). Call `start()` to listen, bootstrap and serve. */
export async function createBazaarNode(options: BazaarNodeOptions = {}): Promise<BazaarNode> {
  const privateKey = options.privateKey ?? (await identityOf(options))
  const datastore =
    options.dataDir === undefined || options.peerStore === 'memory'
      ? undefined
      : await openDatastore(options.dataDir)
  const events = new BazaarEvents()
  const registry = new SkillRegistry(
    {
      maxInputBytes: DEFAULT_MAX_INPUT_BYTES,
      maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES,
      maxConcurrency: DEFAULT_MAX_CONCURRENCY,
      maxDurationMs: DEFAULT_MAX_DURATION_MS,
      ...options.limits?.skillDefaults,
    },
    options.wallet === undefined ? DEFAULT_ASSET : `eip155:${options.wallet.settlement.chainId}/slip44:60`,
  )
  const libp2p = await createBazaarLibp2p({
    privateKey,
    listen: options.listen ?? [...DEFAULT_LISTEN],
    bootstrap: options.bootstrap ?? [],
    datastore,
    logger: options.logger,
    maxConnections: options.limits?.maxConnections,
    connectionPingIntervalMs: options.limits?.connectionPingIntervalMs,
    metrics: options.metrics,
    services: bazaarServices(options, registry, events),
  })
  const node = new BazaarNode(libp2p as unknown as Libp2p<BazaarServices>, datastore, options.bootstrap ?? [])
  forward(events, node)
  const rep = node.libp2p.services.reputation
  if (rep !== undefined && options.rank === undefined) {
    // Reputation first; equal scores (peers nobody rated yet) cheapest first.
    node.skills.setRank((candidates) => rep.rank(rankByPrice(candidates)))
  }
  libp2p.addEventListener('peer:connect', (evt) => node.emitPeer({ peer: evt.detail, status: 'connected' }))
  libp2p.addEventListener('peer:disconnect', (evt) =>
    node.emitPeer({ peer: evt.detail, status: 'disconnected' }),
  )
  return node
}

/**
 * The node's identity: the wallet's peer key when there is a wallet, else the key file in the
 * data directory (created on first start, mode 0600, encrypted with `passphrase` when given), else
 * a fresh key for an in-memory node.
 */
async function identityOf(options: BazaarNodeOptions): Promise<PrivateKey> {
  const key =
    options.wallet?.peerKey ??
    (options.dataDir === undefined
      ? undefined
      : await loadPeerKey({ dataDir: options.dataDir, passphrase: options.passphrase }))
  if (key === undefined) return generateKeyPair('Ed25519')
  return privateKeyFromRaw(libp2pRawKey({ privateKey: key.privateKey, publicKey: key.publicKey }))
}

function forward(from: BazaarEvents, to: BazaarEvents): void {
  from.addEventListener('job', (evt) => to.emitJob(evt.detail))
  from.addEventListener('payment', (evt) => to.emitPayment(evt.detail))
}
