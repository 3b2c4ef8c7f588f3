/**
 * The reputation service: attestations over gossipsub (validated before they are forwarded), a
 * persistent store, catch-up from peers, and EigenTrust-like scores. A libp2p service: the factory
 * `reputation(init)` is passed in the node's services map next to gossipsub (`pubsub`).
 */
import { join } from 'node:path'
import type { GossipSub } from '@libp2p/gossipsub'
import {
  type IdentifyResult,
  type Logger,
  type PeerId,
  type Startable,
  serviceDependencies,
  TypedEventEmitter,
} from '@libp2p/interface'
import { peerKeyOf } from '../identity.js'
import type {
  Ranked,
  Reputation,
  ReputationComponents,
  ReputationEvents,
  ReputationExplanation,
  ReputationInit,
} from './api.js'
import { createAttestation } from './attest.js'
import { CatchUp } from './catch-up.js'
import { toHex } from './codec.js'
import {
  DEFAULT_MAX_ATTESTATION_AGE_MS,
  DEFAULT_SYNC_INTERVAL_MS,
  DEFAULT_SYNC_MAX_COUNT,
  DEFAULT_SYNC_MAX_INBOUND_STREAMS,
  DEFAULT_SYNC_MAX_OUTBOUND_STREAMS,
  DEFAULT_SYNC_MAX_PAGES,
  DEFAULT_SYNC_MAX_REQUEST_BYTES,
  DEFAULT_SYNC_MAX_RESPONSE_BYTES,
  DEFAULT_SYNC_PEER_COOLDOWN_MS,
  DEFAULT_SYNC_RATE_PER_MINUTE,
  DEFAULT_SYNC_TIMEOUT_MS,
  DEFAULT_SYNC_WINDOW_MS,
  DEFAULT_TRUST_RECOMPUTE_DELAY_MS,
  REPUTATION_SYNC_PROTOCOL,
  REPUTATION_TOPIC,
} from './constants.js'
import { ReputationError } from './errors.js'
import { type PeerRef, peerIdStringOfKey, peerKeyHex } from './peer-key.js'
import { AttestationStore } from './store.js'
import { createSyncHandler } from './sync-handler.js'
import { rankByTrust, TrustGraph } from './trust.js'
import type { VerifiedAttestation } from './types.js'
import { AttestationValidator, toTopicResult, type ValidationResult } from './validator.js'

/** The shapes most callers need next to the factory (all of them are in `api.ts`). */
export type { Reputation, ReputationInit } from './api.js'

const SYNC_CONCURRENCY = 2

/** The sync limits of `init`, defaults filled in (constants.ts). */
function syncLimits(s: ReputationInit['sync'] = {}): Required<NonNullable<ReputationInit['sync']>> {
  return {
    maxCount: s.maxCount ?? DEFAULT_SYNC_MAX_COUNT,
    maxRequestBytes: s.maxRequestBytes ?? DEFAULT_SYNC_MAX_REQUEST_BYTES,
    maxResponseBytes: s.maxResponseBytes ?? DEFAULT_SYNC_MAX_RESPONSE_BYTES,
    maxPages: s.maxPages ?? DEFAULT_SYNC_MAX_PAGES,
    timeoutMs: s.timeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS,
    ratePerMinute: s.ratePerMinute ?? DEFAULT_SYNC_RATE_PER_MINUTE,
    peerCooldownMs: s.peerCooldownMs ?? DEFAULT_SYNC_PEER_COOLDOWN_MS,
    intervalMs: s.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS,
    windowMs: s.windowMs ?? DEFAULT_SYNC_WINDOW_MS,
    maxInboundStreams: s.maxInboundStreams ?? DEFAULT_SYNC_MAX_INBOUND_STREAMS,
    maxOutboundStreams: s.maxOutboundStreams ?? DEFAULT_SYNC_MAX_OUTBOUND_STREAMS,
  }
}

export class ReputationService extends TypedEventEmitter<ReputationEvents> implements Reputation, Startable {
  readonly [Symbol.toStringTag] = '@bazaar/reputation'
  readonly [serviceDependencies] = ['@libp2p/pubsub']
  private readonly components: ReputationComponents
  private readonly init: ReputationInit
  private readonly log: Logger
  private readonly self: string
  private readonly maxAgeMs: number
  private readonly now: () => number
  private store?: AttestationStore
  private trust: TrustGraph
  private validator: AttestationValidator
  private timer: ReturnType<typeof setTimeout> | undefined
  private pruneTimer: ReturnType<typeof setInterval> | undefined
  private syncTimer: ReturnType<typeof setInterval> | undefined
  private readonly sync: CatchUp
  private readonly limits: Required<NonNullable<ReputationInit['sync']>>
  private rejected = 0
  private ignored = 0
  private started = false

  constructor(components: ReputationComponents, init: ReputationInit = {}) {
    super()
    this.components = components
    this.init = init
    this.log = components.logger.forComponent('bazaar:reputation')
    const self = peerKeyOf(components.peerId)
    if (self === undefined) throw new ReputationError('the reputation service needs an Ed25519 peer identity')
    this.self = toHex(self)
    this.maxAgeMs = init.validator?.maxAgeMs ?? DEFAULT_MAX_ATTESTATION_AGE_MS
    this.now = init.validator?.now ?? Date.now
    this.trust = this.newTrust()
    this.validator = new AttestationValidator({
      ...init.validator,
      known: (id) => this.store?.has(id) ?? false,
    })
    this.limits = syncLimits(init.sync)
    this.sync = new CatchUp({
      ...this.limits,
      openStream: (peer, options) =>
        components.connectionManager.openStream(peer, REPUTATION_SYNC_PROTOCOL, options),
      receive: (bytes) => this.receive(bytes),
      now: this.now,
      maxAgeMs: this.maxAgeMs,
      concurrency: SYNC_CONCURRENCY,
      onDone: (peer, added) => this.safeDispatch('sync', { peer: peer.toString(), added }),
    })
    this.onIdentify = this.onIdentify.bind(this)
  }

  async start(): Promise<void> {
    const path = this.init.dataDir === undefined ? ':memory:' : join(this.init.dataDir, 'reputation.sqlite')
    this.store = new AttestationStore({
      ...this.init.store,
      path,
      maxAgeMs: this.maxAgeMs,
      protectedAttester: this.self,
    })
    this.store.pruneExpired(this.now())
    this.trust = this.newTrust()
    for (const a of this.store.all()) this.trust.add(a)
    this.trust.recompute()
    const l = this.limits
    await this.components.registrar.handle(
      REPUTATION_SYNC_PROTOCOL,
      createSyncHandler({ ...l, store: this.store, maxAgeMs: this.maxAgeMs, now: this.now, log: this.log }),
      { maxInboundStreams: l.maxInboundStreams, maxOutboundStreams: l.maxOutboundStreams },
    )
    this.pruneTimer = setInterval(() => this.prune(), 3_600_000)
    this.pruneTimer.unref?.()
    this.started = true
  }

  /** Gossipsub accepts subscriptions only once started, and services start concurrently. */
  afterStart(): void {
    const pubsub = this.pubsub()
    pubsub.topicValidators.set(REPUTATION_TOPIC, (_peer, message) =>
      toTopicResult(this.receive(message.data)),
    )
    pubsub.subscribe(REPUTATION_TOPIC)
    if (this.init.autoSync === false) return
    this.components.events.addEventListener('peer:identify', this.onIdentify)
    if (this.limits.intervalMs > 0) {
      this.syncTimer = setInterval(() => this.antiEntropy(), this.limits.intervalMs)
      this.syncTimer.unref?.()
    }
  }

  beforeStop(): void {
    this.components.events.removeEventListener('peer:identify', this.onIdentify)
    const pubsub = this.pubsub()
    pubsub.topicValidators.delete(REPUTATION_TOPIC)
    try {
      pubsub.unsubscribe(REPUTATION_TOPIC)
    } catch {
      // gossipsub already stopped: nothing to leave
    }
  }

  async stop(): Promise<void> {
    this.started = false
    clearTimeout(this.timer)
    this.timer = undefined
    clearInterval(this.pruneTimer)
    clearInterval(this.syncTimer)
    await this.components.registrar.unhandle(REPUTATION_SYNC_PROTOCOL)
    this.store?.close()
  }

  isStarted(): boolean {
    return this.started
  }

  async publish(receipt: Uint8Array, rating: number): Promise<VerifiedAttestation> {
    const me = peerKeyOf(this.components.peerId)!
    const bytes = await createAttestation(receipt, rating, me, this.components.privateKey, this.now())
    const result = this.validator.validate(bytes)
    if (!result.ok) throw result.error
    this.ingest(result.attestation)
    try {
      await this.pubsub().publish(REPUTATION_TOPIC, bytes)
    } catch (err) {
      // Stored already: peers still get it through catch-up.
      this.log('gossip of attestation %s failed: %s', result.attestation.id, (err as Error).message)
    }
    return result.attestation
  }

  receive(bytes: Uint8Array): ValidationResult {
    const result = this.validator.validate(bytes)
    if (result.ok) this.ingest(result.attestation)
    else if (result.error.action === 'ignore') this.ignored++
    else {
      this.rejected++
      this.log('rejected attestation: %s', result.error.reason)
    }
    return result
  }

  score(peer: PeerRef): number {
    const key = peerKeyHex(peer)
    return key === undefined ? 0 : this.trust.score(key)
  }

  explain(peer: PeerRef): ReputationExplanation {
    const key = peerKeyHex(peer)
    if (key === undefined) return { peer: '', peerId: '', score: 0, teleport: 0, inbound: [] }
    const e = this.trust.explain(key)
    return {
      ...e,
      peerId: peerIdStringOfKey(key),
      inbound: e.inbound.map((edge) => ({ ...edge, attesterPeerId: peerIdStringOfKey(edge.attester) })),
    }
  }

  rank<T extends { peer: PeerRef }>(candidates: readonly T[]): Array<Ranked<T>> {
    return rankByTrust<PeerRef, T>(this.trust, candidates, peerKeyHex)
  }

  async catchUp(options: { signal?: AbortSignal; peers?: PeerId[] } = {}): Promise<number> {
    const peers = options.peers ?? this.components.connectionManager.getConnections().map((c) => c.remotePeer)
    const unique = [...new Map(peers.map((p) => [p.toString(), p])).values()]
    let added = 0
    for (const peer of unique) {
      if (options.signal?.aborted === true) break
      try {
        added += await this.sync.from(peer, options.signal, true)
      } catch (err) {
        // One slow or broken peer must not stop the catch-up from the others.
        this.log('catch-up from %p failed: %s', peer, (err as Error).message)
      }
    }
    return added
  }

  refresh(): number {
    clearTimeout(this.timer)
    this.timer = undefined
    if (!this.trust.dirty) return 0
    const iterations = this.trust.recompute()
    this.safeDispatch('scores', { iterations, peers: this.trust.peers, attestations: this.trust.size })
    return iterations
  }

  stats(): { attestations: number; peers: number; rejected: number; ignored: number } {
    return {
      attestations: this.trust.size,
      peers: this.trust.peers,
      rejected: this.rejected,
      ignored: this.ignored,
    }
  }

  private newTrust(): TrustGraph {
    const preTrusted = (this.init.preTrusted ?? []).map((p) => peerKeyHex(p)).filter((k) => k !== undefined)
    return new TrustGraph({ ...this.init.trust, preTrusted, self: this.self })
  }

  private pubsub(): GossipSub {
    const name = this.init.pubsubService ?? 'pubsub'
    return (this.components as unknown as Record<string, GossipSub>)[name]!
  }

  /** Stores a verified attestation, updates trust and schedules a recompute. */
  private ingest(a: VerifiedAttestation): boolean {
    if (this.store === undefined) return false
    const { inserted, evicted } = this.store.put(a)
    for (const id of evicted) this.trust.remove(id)
    if (!inserted) return false
    if (!evicted.includes(a.id)) this.trust.add(a)
    this.schedule()
    this.safeDispatch('attestation', a)
    return true
  }

  private schedule(): void {
    if (this.timer !== undefined) return
    this.timer = setTimeout(
      () => this.refresh(),
      this.init.recomputeDelayMs ?? DEFAULT_TRUST_RECOMPUTE_DELAY_MS,
    )
    this.timer.unref?.()
  }

  private prune(): void {
    for (const id of this.store?.pruneExpired(this.now()) ?? []) this.trust.remove(id)
    this.schedule()
  }

  private safeDispatch<K extends keyof ReputationEvents>(
    type: K,
    detail: ReputationEvents[K]['detail'],
  ): void {
    try {
      this.safeDispatchEvent(type, { detail })
    } catch (err) {
      this.log.error('reputation listener threw: %e', err)
    }
  }

  /** Catches up the recent window from one random connected peer (gossip is best effort). */
  private antiEntropy(): void {
    const peers = this.components.connectionManager.getConnections().map((c) => c.remotePeer)
    if (peers.length === 0) return
    const peer = peers[Math.floor(Math.random() * peers.length)]!
    this.sync
      .from(peer, undefined, false, this.limits.windowMs)
      .catch((err) => this.log('periodic catch-up failed: %s', (err as Error).message))
  }

  private onIdentify(event: CustomEvent<IdentifyResult>): void {
    if (!event.detail.protocols.includes(REPUTATION_SYNC_PROTOCOL)) return
    this.sync
      .from(event.detail.peerId)
      .catch((err) => this.log('catch-up failed: %s', (err as Error).message))
  }
}

/** The libp2p service factory: `services: { reputation: reputation({ dataDir }) }`. */
export function reputation(
  init: ReputationInit = {},
): (components: ReputationComponents) => ReputationService {
  return (components) => new ReputationService(components, init)
}
