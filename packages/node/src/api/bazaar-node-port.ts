/**
 * `MarketNode` over a real `BazaarNode`: the one place where the control API, the CLI daemon and
 * the simulation meet the node's library API (skills, jobs, reputation, the wallet's channels).
 */
import type { PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdOfKey } from '../identity.js'
import { NoWorkerFoundError } from '../jobs/errors.js'
import type { BazaarNode } from '../node.js'
import type { Reputation } from '../reputation/service.js'
import type {
  Candidate,
  ChannelView,
  FindOptions,
  HireOutcome,
  HireRequest,
  MarketNode,
  NodeEvent,
  NodeStatus,
  ReputationView,
  SettleOutcome,
  SkillHandler,
  SkillOffer,
} from './node-port.js'

/** The channel book-keeping the port needs, implemented over the wallet by `walletBooks()`. */
export interface ChannelBooks {
  /** Settlement kind and account, for status. */
  describe(): { kind: string; chainId: bigint; account: string }
  balance(): Promise<bigint>
  list(options: { onChain: boolean }): Promise<ChannelView[]>
  settle(peer: string | undefined): Promise<SettleOutcome[]>
  withdraw(): Promise<SettleOutcome[]>
}

export interface BazaarPortOptions {
  node: BazaarNode
  reputation?: Reputation | undefined
  books?: ChannelBooks | undefined
  /** Stops what the port's owner started beside the node (wallet, settlement), after the node. */
  onStop?: (() => Promise<void>) | undefined
  /** Grace period of `stop()` for in-flight jobs, ms. */
  stopGraceMs?: number | undefined
}

/** Thrown by operations that need a part the node was started without. */
export class FeatureUnavailableError extends Error {
  readonly feature: string
  constructor(feature: string) {
    super(`this node runs without ${feature}`)
    this.name = 'FeatureUnavailableError'
    this.feature = feature
  }
}

/** Thrown when `rate()` names a job this node holds no receipt for. */
export class UnknownReceiptError extends Error {
  readonly jobId: string
  constructor(jobId: string) {
    super(`no receipt for job ${jobId}`)
    this.name = 'UnknownReceiptError'
    this.jobId = jobId
  }
}

/** Receipts kept for rating, bounded (oldest dropped first). */
const MAX_RECEIPTS = 10_000

export function fromBazaarNode(options: BazaarPortOptions): MarketNode {
  const { node, reputation, books } = options
  const startedAt = Date.now()
  const offers = new Map<string, bigint>()
  const receipts = new Map<string, Uint8Array>()
  const counters = { served: 0, hired: 0, failed: 0 }
  const listeners = new Set<(event: NodeEvent) => void>()
  const emit = (event: NodeEvent): void => {
    for (const l of listeners) l(event)
  }

  node.addEventListener('job', ({ detail }) => {
    const peer = detail.peer.toString()
    if (detail.state === 'completed') {
      const price = detail.price ?? 0n
      if (detail.role === 'worker') {
        counters.served++
        emit({ type: 'job:served', jobId: detail.jobId, skill: detail.skill, price, peer })
      } else {
        counters.hired++
        emit({ type: 'job:hired', jobId: detail.jobId, skill: detail.skill, price, peer })
      }
    } else if (detail.state === 'failed' || detail.state === 'canceled' || detail.state === 'rejected') {
      counters.failed++
      emit({
        type: 'job:failed',
        skill: detail.skill,
        reason: detail.error ?? detail.state,
        side: detail.role,
      })
    }
  })
  node.addEventListener('payment', ({ detail }) => {
    if (detail.kind !== 'fold') return
    const peer = detail.peer.toString()
    emit({
      type: detail.direction === 'outbound' ? 'payment:sent' : 'payment:received',
      amount: detail.amount,
      peer,
    })
  })
  reputation?.addEventListener('attestation', ({ detail }) => {
    emit({
      type: 'attestation',
      jobId: detail.jobId,
      attester: peerOfKey(detail.attester),
      subject: peerOfKey(detail.subject),
    })
  })

  const toPeerId = (peer: string): PeerId => peerIdFromString(peer)

  const find = async (skill: string, findOptions: FindOptions = {}): Promise<Candidate[]> => {
    const found = await node.skills.find(skill, {
      ...(findOptions.limit === undefined ? {} : { limit: findOptions.limit }),
      ...(findOptions.maxPrice === undefined ? {} : { maxPrice: findOptions.maxPrice }),
      ...(findOptions.timeoutMs === undefined ? {} : { timeout: findOptions.timeoutMs }),
      ...(findOptions.signal === undefined ? {} : { signal: findOptions.signal }),
    })
    return found.map((c) => ({
      peer: c.peer.toString(),
      skill,
      price: c.price,
      score: c.score ?? (reputation === undefined ? undefined : reputation.score(c.peer)),
      addresses: c.addresses.map(String),
    }))
  }

  return {
    get peerId() {
      return node.peerId.toString()
    },
    addresses: () => node.getMultiaddrs().map(String),
    async connect(address: string) {
      await node.libp2p.dial(multiaddr(address), { signal: AbortSignal.timeout(10_000) })
    },
    async status(): Promise<NodeStatus> {
      const settlement = books?.describe() ?? { kind: 'none', chainId: 0n, account: '' }
      return {
        peerId: node.peerId.toString(),
        addresses: node.getMultiaddrs().map(String),
        peers: node.libp2p.getPeers().length,
        skills: [...offers].map(([id, price]) => ({ id, price })),
        startedAt,
        jobs: { ...counters },
        settlement: { ...settlement, balance: books === undefined ? undefined : await books.balance() },
      }
    },
    async advertise(offer: SkillOffer, handler: SkillHandler): Promise<void> {
      offers.set(offer.id, offer.price)
      await node.skills.advertise(
        {
          id: offer.id,
          price: offer.price,
          ...(offer.concurrency === undefined ? {} : { limits: { maxConcurrency: offer.concurrency } }),
        },
        async (job) =>
          handler(job.input, {
            signal: job.signal,
            progress: (fraction, note) =>
              job.progress(Math.round(Math.min(1, Math.max(0, fraction)) * 1000), note),
          }),
      )
    },
    find,
    async hire(request: HireRequest): Promise<HireOutcome> {
      const started = performance.now()
      let peer = request.peer
      let discoveryMs = 0
      if (peer === undefined) {
        request.onProgress?.({ stage: 'finding' })
        const candidates = await find(request.skill, {
          limit: 5,
          maxPrice: request.budget,
          ...(request.signal === undefined ? {} : { signal: request.signal }),
        })
        discoveryMs = performance.now() - started
        peer = candidates[0]?.peer
        if (peer === undefined)
          throw new NoWorkerFoundError(`no worker offers ${request.skill} within the budget`)
      }
      request.onProgress?.({ stage: 'requesting', peer })
      const hireStart = performance.now()
      const result = await node.jobs.hire({
        skill: request.skill,
        peer: toPeerId(peer),
        input: request.input,
        budget: request.budget,
        ...(request.deadlineMs === undefined ? {} : { deadline: Date.now() + request.deadlineMs }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
        onProgress: (p) =>
          request.onProgress?.({ stage: 'running', peer, fraction: p.permille / 1000, note: p.message }),
      })
      if (result.receipt !== undefined) {
        receipts.set(result.jobId, result.receipt.bytes)
        if (receipts.size > MAX_RECEIPTS) receipts.delete(receipts.keys().next().value!)
      }
      request.onProgress?.({ stage: 'paid', peer })
      return {
        jobId: result.jobId,
        peer,
        skill: request.skill,
        price: result.price,
        output: result.output,
        discoveryMs,
        hireMs: performance.now() - hireStart,
      }
    },
    async rate(jobId: string, rating: number): Promise<void> {
      if (reputation === undefined) throw new FeatureUnavailableError('reputation')
      const receipt = receipts.get(jobId)
      if (receipt === undefined) throw new UnknownReceiptError(jobId)
      await reputation.publish(receipt, rating)
    },
    channels: async (channelOptions = {}) => {
      if (books === undefined) return []
      return books.list({ onChain: channelOptions.onChain ?? true })
    },
    settle: async (peer) => {
      if (books === undefined) throw new FeatureUnavailableError('payments')
      return books.settle(peer)
    },
    withdraw: async () => {
      if (books === undefined) throw new FeatureUnavailableError('payments')
      return books.withdraw()
    },
    async reputation(peer?: string): Promise<ReputationView[]> {
      if (reputation === undefined) return []
      reputation.refresh()
      const peers = peer === undefined ? node.libp2p.getPeers().map(String) : [peer]
      const known = new Set(peers)
      if (peer === undefined) {
        for (const p of await node.libp2p.peerStore.all()) known.add(p.id.toString())
      }
      return [...known].map((p) => {
        const explanation = reputation.explain(toPeerId(p))
        return { peer: p, score: reputation.score(toPeerId(p)), attestations: explanationCount(explanation) }
      })
    },
    async explain(peer: string): Promise<unknown> {
      if (reputation === undefined) throw new FeatureUnavailableError('reputation')
      reputation.refresh()
      return reputation.explain(toPeerId(peer))
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async stop() {
      await node.stop(options.stopGraceMs === undefined ? {} : { graceMs: options.stopGraceMs })
      await options.onStop?.()
    },
  }
}

function explanationCount(explanation: { inbound: { attestations: unknown[] }[] }): number {
  return explanation.inbound.reduce((a, e) => a + e.attestations.length, 0)
}

/** Peer id string of a hex raw Ed25519 key (how attestations name peers). */
function peerOfKey(hex: string): string {
  return peerIdOfKey(new Uint8Array(Buffer.from(hex, 'hex'))).toString()
}
