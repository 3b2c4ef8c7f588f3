/**
 * What the simulation needs from the world its nodes live in: a way to create (and re-create
 * after a crash) a started node in a data directory, the settlement layer's balances, and
 * clean-up. `createSimEnvironment()` in `bazaar-environment.ts` builds the real one: Bazaar nodes
 * on loopback TCP settling on a local chain (or `LocalLedger`).
 */
import type { MarketNode } from '../api/node-port.js'

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
  startNode(params: SimNodeParams): Promise<MarketNode>
  /** Stops a node abruptly (crash): in-flight jobs are cut, no drain. */
  crashNode(node: MarketNode): Promise<void>
  /** The node's balance on the settlement layer, in the channel token's base units. */
  balanceOf(node: MarketNode): Promise<bigint>
  /** Fees each node's account has paid so far (gas on a chain; zeros on a ledger). */
  feesPaid(nodes: MarketNode[]): Promise<bigint[]>
  /** Moves settlement time forward (past dispute windows and channel expiries). */
  advanceTime(seconds: bigint): Promise<void>
  /** Dispute window and lifetime of the channels the nodes open, seconds. */
  readonly disputeWindowSeconds: bigint
  readonly channelTtlSeconds: bigint
  /** Stops the settlement layer (and anything else the environment started). */
  stop(): Promise<void>
}
