/**
 * Skills: `advertise` registers a handler, puts the offer in the signed agent card and provides
 * the skill's key in the DHT (re-provided on an interval); `find` looks providers up, fetches and
 * verifies their cards in parallel, drops anything that does not verify or does not offer the
 * skill, and ranks the rest.
 */
import type { ComponentLogger, ContentRouting, Logger, PeerId, Startable } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { multiaddr } from '@multiformats/multiaddr'
import type { CID } from 'multiformats/cid'
import type { CardService } from '../card/card-service.js'
import {
  DEFAULT_FIND_LIMIT,
  DEFAULT_FIND_TIMEOUT_MS,
  DEFAULT_MAX_PROVIDERS,
  DEFAULT_PROVIDE_RETRY_MS,
  DEFAULT_PROVIDE_TIMEOUT_MS,
  DEFAULT_REPROVIDE_INTERVAL_MS,
} from './constants.js'
import { rankByPrice } from './rank.js'
import type { SkillRegistry } from './registry.js'
import { assertSkillId, skillCid } from './skill-key.js'
import type { FindOptions, RankCandidates, SkillCandidate, SkillDefinition, SkillHandler } from './types.js'

export interface SkillsServiceInit {
  registry: SkillRegistry
  /** Ranking applied by `find` (best first). Defaults to cheapest first. */
  rank?: RankCandidates
  reprovideIntervalMs?: number
  provideRetryMs?: number
  provideTimeoutMs?: number
  findTimeoutMs?: number
  maxProviders?: number
}

export interface SkillsServiceComponents {
  contentRouting: ContentRouting
  peerId: PeerId
  logger: ComponentLogger
  /** The card service, registered under the name `card` in the node's services map. */
  card: CardService
  connectionManager: ConnectionManager
}

export class SkillsService implements Startable {
  private readonly log: Logger
  private readonly provided = new Map<string, { cid: CID; timer?: ReturnType<typeof setTimeout> }>()
  private rank: RankCandidates
  private started = false
  private readonly stopController = new AbortController()

  constructor(
    private readonly components: SkillsServiceComponents,
    private readonly init: SkillsServiceInit,
  ) {
    this.log = components.logger.forComponent('bazaar:skills')
    this.rank = init.rank ?? rankByPrice
  }

  readonly [Symbol.toStringTag] = '@bazaar/skills'

  start(): void {
    this.started = true
  }

  stop(): void {
    this.stopController.abort()
    for (const entry of this.provided.values()) clearTimeout(entry.timer)
    this.provided.clear()
    this.started = false
  }

  isStarted(): boolean {
    return this.started
  }

  /** Replaces the ranking used by `find` (the reputation service installs its own). */
  setRank(rank: RankCandidates): void {
    this.rank = rank
  }

  /**
   * Serves `skill` with `handler`: the offer goes into the re-signed card at once, and the skill
   * key is provided in the DHT. Resolves once the first provide finished; returns false when it
   * failed or the node has no peers yet: it is retried in the background.
   */
  async advertise(skill: SkillDefinition, handler: SkillHandler): Promise<boolean> {
    const entry = this.init.registry.register(skill, handler)
    this.components.card.setOffer(entry.offer)
    const cid = await skillCid(skill.id)
    const previous = this.provided.get(skill.id)
    clearTimeout(previous?.timer)
    const state: { cid: CID; timer?: ReturnType<typeof setTimeout> } = { cid }
    this.provided.set(skill.id, state)
    const provided = this.provide(skill.id, state)
    // Alone on the network, a provide only stores the record locally and then waits out its
    // timeout: do not hold the caller for that (peers that connect later can still ask us).
    if (this.components.connectionManager.getConnections().length === 0) return false
    return provided
  }

  /** Stops serving a skill: new jobs are refused and the card no longer lists it. */
  async withdraw(skillId: string): Promise<void> {
    const state = this.provided.get(skillId)
    clearTimeout(state?.timer)
    this.provided.delete(skillId)
    this.init.registry.unregister(skillId)
    this.components.card.removeOffer(skillId)
    if (state !== undefined) {
      await this.components.contentRouting.cancelReprovide(state.cid).catch(() => {})
    }
  }

  /** Skills this node advertises. */
  list(): string[] {
    return this.init.registry.ids()
  }

  /** Finds workers offering `skillId`, verified and ranked best first. */
  async find(skillId: string, options: FindOptions = {}): Promise<SkillCandidate[]> {
    assertSkillId(skillId)
    const limit = options.limit ?? DEFAULT_FIND_LIMIT
    const timeout = AbortSignal.timeout(options.timeout ?? this.init.findTimeoutMs ?? DEFAULT_FIND_TIMEOUT_MS)
    const signal = AbortSignal.any([timeout, ...(options.signal === undefined ? [] : [options.signal])])
    const cid = await skillCid(skillId)
    const self = this.components.peerId.toString()
    const seen = new Set<string>()
    const fetches: Array<Promise<SkillCandidate | undefined>> = []
    const maxProviders = this.init.maxProviders ?? DEFAULT_MAX_PROVIDERS
    try {
      for await (const provider of this.components.contentRouting.findProviders(cid, { signal })) {
        const id = provider.id.toString()
        if (id === self || seen.has(id)) continue
        seen.add(id)
        fetches.push(this.candidate(provider.id, skillId, options.maxPrice, signal))
        if (seen.size >= maxProviders) break
      }
    } catch (err) {
      // A lookup cut short by our own timeout still returns what it found.
      if (options.signal?.aborted === true) throw err
      if (!timeout.aborted) this.log('provider lookup for %s failed: %s', skillId, (err as Error).message)
    }
    const found = (await Promise.all(fetches)).filter((c): c is SkillCandidate => c !== undefined)
    const ranked = await this.rank(found)
    return ranked.slice(0, limit)
  }

  private async candidate(
    peer: PeerId,
    skillId: string,
    maxPrice: bigint | undefined,
    signal: AbortSignal,
  ): Promise<SkillCandidate | undefined> {
    try {
      const card = await this.components.card.fetch(peer, { signal })
      const offer = card.body.skills.find((s) => s.id === skillId)
      if (offer === undefined) return undefined
      if (maxPrice !== undefined && offer.price > maxPrice) return undefined
      const addresses = card.body.addresses.flatMap((bytes) => {
        try {
          return [multiaddr(bytes)]
        } catch {
          return []
        }
      })
      return { peer, offer, price: offer.price, card: card.body, addresses }
    } catch (err) {
      this.log('dropping provider %p of %s: %s', peer, skillId, (err as Error).message)
      return undefined
    }
  }

  private async provide(
    skillId: string,
    state: { cid: CID; timer?: ReturnType<typeof setTimeout> },
  ): Promise<boolean> {
    let ok = false
    try {
      const signal = AbortSignal.any([
        this.stopController.signal,
        AbortSignal.timeout(this.init.provideTimeoutMs ?? DEFAULT_PROVIDE_TIMEOUT_MS),
      ])
      await this.components.contentRouting.provide(state.cid, { signal })
      ok = true
    } catch (err) {
      this.log('provide of %s failed, retrying: %s', skillId, (err as Error).message)
    }
    if (this.stopController.signal.aborted || this.provided.get(skillId) !== state) return ok
    const delay = ok
      ? (this.init.reprovideIntervalMs ?? DEFAULT_REPROVIDE_INTERVAL_MS)
      : (this.init.provideRetryMs ?? DEFAULT_PROVIDE_RETRY_MS)
    state.timer = setTimeout(() => void this.provide(skillId, state), delay)
    state.timer.unref?.()
    return ok
  }
}

/** libp2p service factory for skills. */
export function skillsService(
  init: SkillsServiceInit,
): (components: SkillsServiceComponents) => SkillsService {
  return (components) => new SkillsService(components, init)
}
