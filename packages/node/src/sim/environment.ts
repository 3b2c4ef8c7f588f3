/**
 * What the simulation needs from the world its nodes live in: a way to create (and re-create
 * after a crash) a started node in a data directory, the settlement layer's balances, and
 * clean-up. `createSimEnvironment()` in `bazaar-environment.ts` builds the real one: Bazaar nodes
 * on loopback TCP settling on a local chain (or `LocalLedger`).
 */
import type { MarketNode, SkillOffer } from '../api/node-port.js'
import { type SimSkill, simHandler } from './behaviours.js'

/**
 * A simulated node: the `MarketNode` port, except that a skill is served from a `SimSkill`
 * description rather than a function, so that the node may live in another thread.
 */
export interface SimNode extends Omit<MarketNode, 'advertise'> {
  advertise(offer: SkillOffer, skill: SimSkill): Promise<void>
}

/** A `SimNode` over a node of this thread. */
export function simNodeOf(node: MarketNode): SimNode {
  return {
    peerId: node.peerId,
    addresses: () => node.addresses(),
    connect: (address) => node.connect(address),
    status: () => node.status(),
    advertise: (offer, skill) => node.advertise(offer, simHandler(skill)),
    find: (skill, options) => node.find(skill, options),
    hire: (request) => node.hire(request),
    rate: (jobId, rating) => node.rate(jobId, rating),
    channels: (options) => node.channels(options),
    settle: (peer) => node.settle(peer),
    withdraw: () => node.withdraw(),
    reputation: (peer) => node.reputation(peer),
    explain: (peer) => node.explain(peer),
    onEvent: (listener) => node.onEvent(listener),
    stop: () => node.stop(),
  }
}

export interface SimNodeParams {
  /** Node index, stable across restarts. */
  index: number
  /** Agent name (the card's), e.g. `honest-3`. */
  name: string
  dataDir: string
  /** Multiaddrs to dial at start. */
  bootstrap: string[]
  /** Peers whose attestations anchor trust (EigenTrust's pre-trusted set). */
  preTrusted: string[]
  /** Deposit of each channel this node opens. */
  channelCapacity: bigint
  /** Most this node pays for one job. */
  maxJobPrice: bigint
}

export interface SimEnvironment {
  /** `evm-local` (anvil + the channel contract) or `ledger` (LocalLedger). */
  readonly kind: string
  readonly chainId: bigint
  /** Hex address of the settlement contract (or ledger). */
  readonly contract: string
  /** Creates the node's identity in `dataDir` (if absent) and returns its peer id, without starting. */
  prepareIdentity(dataDir: string): Promise<string>
  /** Creates, funds and starts a node. */
  startNode(params: SimNodeParams): Promise<SimNode>
  /** Stops a node abruptly (crash): in-flight jobs are cut, no drain. */
  crashNode(node: SimNode): Promise<void>
  /** The node's balance on the settlement layer, in the channel token's base units. */
  balanceOf(node: SimNode): Promise<bigint>
  /** Fees each node's account has paid so far (gas on a chain; zeros on a ledger). */
  feesPaid(nodes: SimNode[]): Promise<bigint[]>
  /** Threads the nodes run in (0: all in the calling thread). */
  readonly threads: number
  /** Moves settlement time forward (past dispute windows and channel expiries). */
  advanceTime(seconds: bigint): Promise<void>
  /** Dispute window and lifetime of the channels the nodes open, seconds. */
  readonly disputeWindowSeconds: bigint
  readonly channelTtlSeconds: bigint
  /** Stops the settlement layer (and anything else the environment started). */
  stop(): Promise<void>
}
