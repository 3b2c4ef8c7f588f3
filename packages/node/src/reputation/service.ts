/**
 * The reputation service: attestations over gossipsub (validated before they are forwarded), a
 * persistent store, catch-up from peers, and EigenTrust-like scores. A libp2p service: the factory
 * `reputation(init)` is passed in the node's services map next to gossipsub (`pubsub`).
 */
import { join } from 'node:path'
import type { GossipSub } from '@libp2p/gossipsub'
import {
  type ComponentLogger,
  type IdentifyResult,
  type Libp2pEvents,
  type Logger,
  type PeerId,
  type PrivateKey,
  type Startable,
  serviceDependencies,
  TypedEventEmitter,
  type TypedEventTarget,
} from '@libp2p/interface'
import { peerKeyOf } from '../identity.js'
import {
  Attestation,
  AttestationBody,
  issuedAtOf,
  Receipt,
  ReceiptBody,
  signAttestationWithKey,
  toHex,
} from './codec.js'
import {
  ATTESTATION_VERSION,
  DEFAULT_MAX_ATTESTATION_AGE_MS,
  DEFAULT_SYNC_MAX_COUNT,
  DEFAULT_SYNC_MAX_INBOUND_STREAMS,
  DEFAULT_SYNC_MAX_OUTBOUND_STREAMS,
  DEFAULT_SYNC_MAX_PAGES,
  DEFAULT_SYNC_MAX_REQUEST_BYTES,
  DEFAULT_SYNC_MAX_RESPONSE_BYTES,
  DEFAULT_SYNC_PEER_COOLDOWN_MS,
  DEFAULT_SYNC_RATE_PER_MINUTE,
  DEFAULT_SYNC_TIMEOUT_MS,
  DEFAULT_TRUST_RECOMPUTE_DELAY_MS,
  MAX_RATING,
  REPUTATION_SYNC_PROTOCOL,
  REPUTATION_TOPIC,
} from './constants.js'
import { NotReceiptPartyError, RatingOutOfRangeError, ReceiptMalformedError } from './errors.js'
import { type PeerRef, peerIdStringOfKey, peerKeyHex } from './peer-key.js'
import { AttestationStore, type AttestationStoreOptions } from './store.js'
import { syncFromPeer } from './sync-client.js'
import { createSyncHandler } from './sync-handler.js'
import { type TrustExplanation, TrustGraph, type TrustOptions } from './trust.js'
import type { VerifiedAttestation } from './types.js'
import {
  AttestationValidator,
  toTopicResult,
  type ValidationResult,
  type ValidatorOptions,
} from './validator.js'

export interface ReputationInit {
  /** Data directory; the store is `<dataDir>/reputation.sqlite`. Without it, an in-memory store. */
  dataDir?: string
  /** Store bounds (`path` is derived from `dataDir`). */
  store?: Omit<AttestationStoreOptions, 'path' | 'protectedAttester' | 'maxAgeMs'>
  /** Peers whose trust anchors the score (EigenTrust's pre-trusted set `P`). */
  preTrusted?: PeerRef[]
  trust?: Omit<TrustOptions, 'preTrusted' | 'self'>
  validator?: Omit<ValidatorOptions, 'known'>
  /** Name of the gossipsub service in the node's services map. Default `pubsub`. */
  pubsubService?: string
  /** Catch up from peers as they connect. Default true. */
  autoSync?: boolean
  sync?: {
    maxCount?: number
    maxRequestBytes?: number
    maxResponseBytes?: number
    maxPages?: number
    timeoutMs?: number
    ratePerMinute?: number
    peerCooldownMs?: number
    maxInboundStreams?: number
    maxOutboundStreams?: number
  }
  /** Delay between an attestation's arrival and the trust recompute, ms. */
  recomputeDelayMs?: number
}

export interface ReputationComponents {
  peerId: PeerId
  privateKey: PrivateKey
  logger: ComponentLogger
  events: TypedEventTarget<Libp2pEvents>
  registrar: {
    handle(protocol: string, handler: ReturnType<typeof createSyncHandler>, options?: object): Promise<void>
    unhandle(protocol: string): Promise<void>
  }
  connectionManager: {
    openStream(peer: PeerId, protocol: string, options?: object): Promise<import('@libp2p/interface').Stream>
    getConnections(peer?: PeerId): Array<{ remotePeer: PeerId }>
  }
}

export interface ReputationEvents {
  /** A new valid attestation was stored (from gossip, sync or our own publish). */
  attestation: CustomEvent<VerifiedAttestation>
  /** Scores were recomputed. */
  scores: CustomEvent<{ iterations: number; peers: number; attestations: number }>
}

/** A candidate with its reputation score attached, as returned by `rank`. */
export type Ranked<T> = T & { score: number }

/** What the node exposes as `node.reputation`. */
export interface Reputation extends TypedEventTarget<ReputationEvents> {
  /** Signs, stores and gossips an attestation about the other party of a dual-signed receipt. */
  publish(receipt: Uint8Array, rating: number): Promise<VerifiedAttestation>
  /**
   * Validates an encoded attestation from anywhere (gossip, sync, an import) and stores it if
   * valid. Gossip and catch-up both go through here.
   */
  receive(bytes: Uint8Array): ValidationResult
  /** O(1): the peer's global trust (0..1, summing to 1 over known peers). */
  score(peer: PeerRef): number
  /** The attestations and weights behind a score. */
  explain(peer: PeerRef): ReputationExplanation
  /**
   * Candidates sorted by reputation, highest first, each with its `score` set. Stable: equal
   * scores (unknown peers) keep the caller's order, e.g. by price.
   */
  rank<T extends { peer: PeerRef }>(candidates: readonly T[]): Array<Ranked<T>>
  /** Fetches recent attestations from connected peers now; returns how many were new. */
  catchUp(options?: { signal?: AbortSignal; peers?: PeerId[] }): Promise<number>
  /** Recomputes scores now if anything changed. */
  refresh(): number
  stats(): { attestations: number; peers: number; rejected: number; ignored: number }
}

export interface ReputationExplanation extends TrustExplanation {
  peerId: string
}

const SYNC_CONCURRENCY = 2

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
  private readonly lastSync = new Map<string, number>()
  private activeSyncs = 0
  private rejected = 0
  private ignored = 0
  private started = false

  constructor(components: ReputationComponents, init: ReputationInit = {}) {
    super()
    this.components = components
    this.init = init
    this.log = components.logger.forComponent('bazaar:reputation')
    const self = peerKeyOf(components.peerId)
    if (self === undefined) throw new NotReceiptPartyError()
    this.self = toHex(self)
    this.maxAgeMs = init.validator?.maxAgeMs ?? DEFAULT_MAX_ATTESTATION_AGE_MS
    this.now = init.validator?.now ?? Date.now
    this.trust = this.newTrust()
    this.validator = new AttestationValidator({
      ...init.validator,
      known: (id) => this.store?.has(id) ?? false,
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
    const s = this.init.sync ?? {}
    await this.components.registrar.handle(
      REPUTATION_SYNC_PROTOCOL,
      createSyncHandler({
        store: this.store,
        maxCount: s.maxCount ?? DEFAULT_SYNC_MAX_COUNT,
        maxRequestBytes: s.maxRequestBytes ?? DEFAULT_SYNC_MAX_REQUEST_BYTES,
        maxResponseBytes: s.maxResponseBytes ?? DEFAULT_SYNC_MAX_RESPONSE_BYTES,
        timeoutMs: s.timeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS,
        ratePerMinute: s.ratePerMinute ?? DEFAULT_SYNC_RATE_PER_MINUTE,
        maxAgeMs: this.maxAgeMs,
        now: this.now,
        log: this.log,
      }),
      {
        maxInboundStreams: s.maxInboundStreams ?? DEFAULT_SYNC_MAX_INBOUND_STREAMS,
        maxOutboundStreams: s.maxOutboundStreams ?? DEFAULT_SYNC_MAX_OUTBOUND_STREAMS,
      },
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
    if (this.init.autoSync !== false)
      this.components.events.addEventListener('peer:identify', this.onIdentify)
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
    await this.components.registrar.unhandle(REPUTATION_SYNC_PROTOCOL)
    this.store?.close()
  }

  isStarted(): boolean {
    return this.started
  }

  async publish(receipt: Uint8Array, rating: number): Promise<VerifiedAttestation> {
    if (!Number.isInteger(rating) || rating < 0 || rating > MAX_RATING)
      throw new RatingOutOfRangeError(rating, MAX_RATING)
    let rb: ReceiptBody
    try {
      rb = ReceiptBody.decode(Receipt.decode(receipt).body)
    } catch (err) {
      throw new ReceiptMalformedError('receipt', (err as Error).message, { cause: err })
    }
    const me = new Uint8Array(peerKeyOf(this.components.peerId)!)
    const isClient = Buffer.compare(rb.clientKey, me) === 0
    if (!isClient && Buffer.compare(rb.workerKey, me) !== 0) throw new NotReceiptPartyError()
    const body = AttestationBody.encode({
      version: ATTESTATION_VERSION,
      attesterKey: me,
      subjectKey: isClient ? rb.workerKey : rb.clientKey,
      jobId: rb.jobId,
      skill: rb.skill,
      receipt: new Uint8Array(receipt),
      rating,
      issuedAt: BigInt(Math.max(this.now(), Number(rb.completedAt))),
    })
    const signature = await signAttestationWithKey(this.components.privateKey, body)
    const bytes = Attestation.encode({ body, signature: new Uint8Array(signature) })
    const result = this.validator.validate(bytes)
    if (!result.ok) throw result.error
    this.ingest(result.attestation)
    await this.pubsub().publish(REPUTATION_TOPIC, bytes)
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
    const key = peerKeyHex(peer) ?? ''
    const explanation =
      key === '' ? { peer: key, score: 0, teleport: 0, inbound: [] } : this.trust.explain(key)
    return { ...explanation, peerId: key === '' ? '' : peerIdStringOfKey(key) }
  }

  rank<T extends { peer: PeerRef }>(candidates: readonly T[]): Array<Ranked<T>> {
    return candidates
      .map((c, i) => ({ c: { ...c, score: this.score(c.peer) }, i }))
      .sort((x, y) => y.c.score - x.c.score || x.i - y.i)
      .map((x) => x.c)
  }

  async catchUp(options: { signal?: AbortSignal; peers?: PeerId[] } = {}): Promise<number> {
    const peers = options.peers ?? this.components.connectionManager.getConnections().map((c) => c.remotePeer)
    const unique = [...new Map(peers.map((p) => [p.toString(), p])).values()]
    let added = 0
    for (const peer of unique) added += await this.syncWith(peer, options.signal, true)
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

  private onIdentify(event: CustomEvent<IdentifyResult>): void {
    if (!event.detail.protocols.includes(REPUTATION_SYNC_PROTOCOL)) return
    this.syncWith(event.detail.peerId).catch((err) => this.log('catch-up failed: %s', (err as Error).message))
  }

  /** Catches up from one peer (skipped during its cooldown or when too many syncs run). */
  private async syncWith(peer: PeerId, signal?: AbortSignal, force = false): Promise<number> {
    const s = this.init.sync ?? {}
    const id = peer.toString()
    const cooldown = s.peerCooldownMs ?? DEFAULT_SYNC_PEER_COOLDOWN_MS
    if (
      !force &&
      (this.activeSyncs >= SYNC_CONCURRENCY || this.now() - (this.lastSync.get(id) ?? -Infinity) < cooldown)
    ) {
      return 0
    }
    if (this.store === undefined) return 0
    this.lastSync.set(id, this.now())
    this.activeSyncs++
    let added = 0
    try {
      await syncFromPeer(
        peer,
        this.now() - this.maxAgeMs,
        {
          openStream: (p, options) =>
            this.components.connectionManager.openStream(p, REPUTATION_SYNC_PROTOCOL, options),
          maxCount: s.maxCount ?? DEFAULT_SYNC_MAX_COUNT,
          maxResponseBytes: s.maxResponseBytes ?? DEFAULT_SYNC_MAX_RESPONSE_BYTES,
          maxPages: s.maxPages ?? DEFAULT_SYNC_MAX_PAGES,
          timeoutMs: s.timeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS,
          onPage: (page) => {
            let newest: number | undefined
            for (const bytes of page) {
              const at = issuedAtOf(bytes)
              if (at !== undefined) newest = Math.max(newest ?? 0, at)
              if (this.receive(bytes).ok) added++
            }
            return newest
          },
        },
        signal,
      )
    } finally {
      this.activeSyncs--
    }
    return added
  }
}

/** The libp2p service factory: `services: { reputation: reputation({ dataDir }) }`. */
export function reputation(
  init: ReputationInit = {},
): (components: ReputationComponents) => ReputationService {
  return (components) => new ReputationService(components, init)
}
