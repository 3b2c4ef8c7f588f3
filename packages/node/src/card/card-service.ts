/**
 * The agent card service: keeps this node's signed card current (re-signed with sequence + 1 on
 * every change and before it expires), serves it on `/bazaar/card/1.0.0`, and fetches and
 * verifies other peers' cards.
 */
import { encodeCard, type PaymentTerms, type SkillOffer, signCard } from '@bazaar/protocol'
import type {
  AbortOptions,
  ComponentLogger,
  Connection,
  Logger,
  PeerId,
  PrivateKey,
  Startable,
  Stream,
} from '@libp2p/interface'
import type { AddressManager, ConnectionManager, Registrar } from '@libp2p/interface-internal'
import { type PeerSigner, peerKeyOf, peerSigner } from '../identity.js'
import { bytesCodec } from '../stream/bytes-codec.js'
import { FrameStream } from '../stream/frame-stream.js'
import { RateLimiter } from '../stream/rate-limiter.js'
import {
  CARD_PROTOCOL,
  CARD_VERSION,
  DEFAULT_CARD_CACHE_MS,
  DEFAULT_CARD_CLOCK_SKEW_MS,
  DEFAULT_CARD_FETCH_TIMEOUT_MS,
  DEFAULT_CARD_MAX_INBOUND_STREAMS,
  DEFAULT_CARD_MAX_OUTBOUND_STREAMS,
  DEFAULT_CARD_RATE_BURST,
  DEFAULT_CARD_RATE_PER_SECOND,
  DEFAULT_CARD_REQUEST_TIMEOUT_MS,
  DEFAULT_CARD_TTL_MS,
  DEFAULT_MAX_CARD_BYTES,
  MAX_CACHED_CARDS,
  MAX_CARD_ADDRESSES,
} from './constants.js'
import { CardFetchError, InvalidCardError } from './errors.js'
import { type VerifiedCard, verifyCard } from './verify-card.js'

export interface CardServiceInit {
  /** Agent name shown in the card. */
  name?: string
  description?: string
  /** How this agent accepts payment (settlement network, contract, payee address). */
  payment?: PaymentTerms[]
  ttlMs?: number
  maxCardBytes?: number
  fetchTimeoutMs?: number
  requestTimeoutMs?: number
  maxInboundStreams?: number
  maxOutboundStreams?: number
  rateBurst?: number
  ratePerSecond?: number
  clockSkewMs?: number
  /** Milliseconds a fetched card is reused by `get`. */
  cacheMs?: number
}

export interface CardServiceComponents {
  registrar: Registrar
  connectionManager: ConnectionManager
  addressManager: AddressManager
  privateKey: PrivateKey
  peerId: PeerId
  logger: ComponentLogger
}

export class CardService implements Startable {
  private readonly log: Logger
  private readonly signer: PeerSigner
  private readonly offers = new Map<string, SkillOffer>()
  private readonly limiter: RateLimiter
  private readonly ttlMs: number
  private payment: PaymentTerms[]
  private sequence = BigInt(Date.now())
  private signed: { bytes: Uint8Array; expiresAt: number } | undefined
  private started = false
  private readonly cache = new Map<string, { card: VerifiedCard; at: number }>()
  private readonly fetching = new Map<string, Promise<VerifiedCard>>()

  constructor(
    private readonly components: CardServiceComponents,
    private readonly init: CardServiceInit = {},
  ) {
    this.log = components.logger.forComponent('bazaar:card')
    this.signer = peerSigner(components.privateKey)
    this.ttlMs = init.ttlMs ?? DEFAULT_CARD_TTL_MS
    this.payment = init.payment ?? []
    this.limiter = new RateLimiter({
      capacity: init.rateBurst ?? DEFAULT_CARD_RATE_BURST,
      perSecond: init.ratePerSecond ?? DEFAULT_CARD_RATE_PER_SECOND,
    })
  }

  readonly [Symbol.toStringTag] = '@bazaar/card'

  async start(): Promise<void> {
    await this.components.registrar.handle(
      CARD_PROTOCOL,
      (stream, connection) => this.serve(stream, connection),
      {
        maxInboundStreams: this.init.maxInboundStreams ?? DEFAULT_CARD_MAX_INBOUND_STREAMS,
        maxOutboundStreams: this.init.maxOutboundStreams ?? DEFAULT_CARD_MAX_OUTBOUND_STREAMS,
      },
    )
    this.started = true
  }

  async stop(): Promise<void> {
    await this.components.registrar.unhandle(CARD_PROTOCOL)
    this.started = false
  }

  isStarted(): boolean {
    return this.started
  }

  /** Adds or replaces a skill offer; the card is re-signed with the next sequence. */
  setOffer(offer: SkillOffer): void {
    const previous = this.offers.get(offer.id)
    this.offers.set(offer.id, offer)
    this.invalidate()
    try {
      this.current()
    } catch (err) {
      // Sign now so an offer the protocol refuses fails here, not on every card request.
      if (previous === undefined) this.offers.delete(offer.id)
      else this.offers.set(offer.id, previous)
      this.invalidate()
      throw err
    }
  }

  removeOffer(skillId: string): void {
    if (this.offers.delete(skillId)) this.invalidate()
  }

  /** Replaces the payment terms (set once the wallet knows its settlement address). */
  setPayment(payment: PaymentTerms[]): void {
    this.payment = payment
    this.invalidate()
  }

  /** This node's current skill offer for `skillId`. */
  offer(skillId: string): SkillOffer | undefined {
    return this.offers.get(skillId)
  }

  /** The current card's sequence number. */
  get currentSequence(): bigint {
    return this.sequence
  }

  /** The current signed card (encoded AgentCard), re-signed when half its lifetime has passed. */
  current(now = Date.now()): Uint8Array {
    if (this.signed === undefined || this.signed.expiresAt - now < this.ttlMs / 2) {
      if (this.signed !== undefined) this.sequence += 1n
      this.signed = this.sign(now)
    }
    return this.signed.bytes
  }

  /**
   * A peer's verified card from the cache when fetched less than `maxAgeMs` ago (and not expired),
   * else fetched now. Hiring the same worker again then costs no card round trip.
   */
  async get(peer: PeerId, options: AbortOptions & { maxAgeMs?: number } = {}): Promise<VerifiedCard> {
    const key = peer.toString()
    const hit = this.cache.get(key)
    const now = Date.now()
    const maxAge = options.maxAgeMs ?? this.init.cacheMs ?? DEFAULT_CARD_CACHE_MS
    if (hit !== undefined && now - hit.at < maxAge && hit.card.body.expiresAt > BigInt(now)) return hit.card
    // One fetch per peer at a time: concurrent hires of the same worker share it.
    let pending = this.fetching.get(key)
    if (pending === undefined) {
      pending = this.fetch(peer, options).finally(() => this.fetching.delete(key))
      this.fetching.set(key, pending)
    }
    const card = await pending
    if (this.cache.size >= MAX_CACHED_CARDS) this.cache.delete(this.cache.keys().next().value!)
    this.cache.delete(key)
    this.cache.set(key, { card, at: now })
    return card
  }

  /** Fetches a peer's card and verifies it; throws CardFetchError or InvalidCardError. */
  async fetch(peer: PeerId, options: AbortOptions & { timeoutMs?: number } = {}): Promise<VerifiedCard> {
    const peerKey = peerKeyOf(peer)
    if (peerKey === undefined) throw new InvalidCardError('wrong-peer', 'peer id embeds no Ed25519 key')
    const timeoutMs = options.timeoutMs ?? this.init.fetchTimeoutMs ?? DEFAULT_CARD_FETCH_TIMEOUT_MS
    const signal = AbortSignal.any([
      AbortSignal.timeout(timeoutMs),
      ...(options.signal ? [options.signal] : []),
    ])
    let bytes: Uint8Array
    try {
      const stream = await this.components.connectionManager.openStream(peer, CARD_PROTOCOL, { signal })
      const frames = new FrameStream(stream, bytesCodec, {
        maxFrameBytes: this.init.maxCardBytes ?? DEFAULT_MAX_CARD_BYTES,
        maxQueuedFrames: 1,
      })
      await frames.send(new Uint8Array(0), signal)
      bytes = await frames.next({ timeoutMs, signal })
      void frames.close()
    } catch (err) {
      throw new CardFetchError(peer.toString(), { cause: err })
    }
    return verifyCard(bytes, {
      peerKey,
      clockSkewMs: this.init.clockSkewMs ?? DEFAULT_CARD_CLOCK_SKEW_MS,
      maxBytes: this.init.maxCardBytes ?? DEFAULT_MAX_CARD_BYTES,
    })
  }

  /** Every change of content takes the next sequence, so a newer card always replaces an older one. */
  private invalidate(): void {
    this.sequence += 1n
    this.signed = undefined
  }

  private sign(now: number): { bytes: Uint8Array; expiresAt: number } {
    const expiresAt = now + this.ttlMs
    const card = signCard(
      {
        version: CARD_VERSION,
        peerKey: this.signer.publicKey,
        // A card must name its agent: without a name, the tail of the peer id stands in.
        name: this.init.name ?? `agent-${this.components.peerId.toString().slice(-8)}`,
        description: this.init.description ?? '',
        skills: [...this.offers.values()],
        addresses: this.components.addressManager
          .getAddresses()
          .slice(0, MAX_CARD_ADDRESSES)
          .map((a) => new Uint8Array(a.bytes)),
        issuedAt: BigInt(now),
        expiresAt: BigInt(expiresAt),
        sequence: this.sequence,
        payment: this.payment,
      },
      this.signer.seed,
    )
    return { bytes: encodeCard(card), expiresAt }
  }

  private async serve(stream: Stream, connection: Connection): Promise<void> {
    const peer = connection.remotePeer.toString()
    if (!this.limiter.tryTake(peer)) {
      this.log('card request from %s rate limited', peer)
      stream.abort(new Error('rate limited'))
      return
    }
    const frames = new FrameStream(stream, bytesCodec, { maxFrameBytes: 0, maxQueuedFrames: 1 })
    try {
      await frames.next({ timeoutMs: this.init.requestTimeoutMs ?? DEFAULT_CARD_REQUEST_TIMEOUT_MS })
      await frames.send(this.current())
      await frames.close()
    } catch (err) {
      this.log('card request from %s failed: %s', peer, (err as Error).message)
      frames.abort(err as Error)
    }
  }
}

/** libp2p service factory for the card service. */
export function cardService(init: CardServiceInit = {}): (components: CardServiceComponents) => CardService {
  return (components) => new CardService(components, init)
}
