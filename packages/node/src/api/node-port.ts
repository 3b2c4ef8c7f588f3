/**
 * What the control API, the CLI daemon and the simulation need from a running Bazaar node: one
 * narrow port, so that each of them is a thin layer over the same library calls an embedding agent
 * makes. `fromBazaarNode()` (in `bazaar-node-port.ts`) implements it over `createBazaarNode()`.
 *
 * Amounts are `bigint` base units of the channel's asset; peers are libp2p peer id strings.
 */

/** Context given to a skill handler. */
export interface SkillContext {
  /** Aborted when the client cancels, the deadline passes or the node stops. */
  signal: AbortSignal
  /** Reports progress (0..1) to the client. */
  progress(fraction: number, note?: string): void
}

/** Serves one skill: input bytes in, result bytes out. */
export type SkillHandler = (input: Uint8Array, context: SkillContext) => Promise<Uint8Array>

/** A skill this node sells. */
export interface SkillOffer {
  /** Skill id, e.g. `summarize`. */
  id: string
  /** Price per job in base units. */
  price: bigint
  /** Jobs of this skill run at once (others are answered busy). */
  concurrency?: number
}

/** A worker found for a skill. */
export interface Candidate {
  peer: string
  skill: string
  price: bigint
  /** Reputation score in [0, 1] as this node sees it (undefined before any attestation). */
  score?: number | undefined
  addresses: string[]
}

export interface FindOptions {
  limit?: number
  maxPrice?: bigint
  timeoutMs?: number
  signal?: AbortSignal
}

/** A step of a hire, streamed to API clients. */
export interface HireProgress {
  stage: 'finding' | 'requesting' | 'running' | 'delivered' | 'paying' | 'paid'
  peer?: string
  fraction?: number
  note?: string
}

export interface HireRequest {
  skill: string
  /** Hire this peer instead of the best candidate. */
  peer?: string | undefined
  input: Uint8Array
  /** Most the client pays for this job, base units. */
  budget: bigint
  /** Milliseconds the whole job may take. */
  deadlineMs?: number | undefined
  signal?: AbortSignal | undefined
  onProgress?: ((progress: HireProgress) => void) | undefined
}

export interface HireOutcome {
  jobId: string
  peer: string
  skill: string
  price: bigint
  output: Uint8Array
  /** Milliseconds spent finding the worker (0 when `peer` was given). */
  discoveryMs: number
  /** Milliseconds from request to paid receipt. */
  hireMs: number
}

/** One payment channel as this node's books and the settlement layer see it. */
export interface ChannelView {
  channelId: string
  peer: string
  role: 'payer' | 'payee'
  deposit: bigint
  /** Off-chain: latest signed state. */
  sequence: bigint
  cumulativePaid: bigint
  lockedTotal: bigint
  /** Settlement layer's view (undefined if not queried or unknown there). */
  onChain?:
    | {
        status: 'open' | 'closing' | 'closed'
        sequence: bigint
        cumulativePaid: bigint
        /** Paid to the payee from hash locks claimed on chain (beyond `cumulativePaid`). */
        claimed: bigint
        /** Deposit the settlement layer holds (or held, once paid out). */
        deposit: bigint
        paidOut: boolean
      }
    | undefined
}

/** What a settle did for one channel. */
export interface SettleOutcome {
  channelId: string
  peer: string
  /** Paid to the payee on settlement, base units. */
  toPayee: bigint
  /** Returned to the payer, base units. */
  toPayer: bigint
  /** Part of `toPayee` claimed on chain from hash locks (revealed keys never folded). */
  claimed?: bigint
  /** Settlement references (transaction hashes or ledger entries). */
  refs: string[]
}

export interface ReputationView {
  peer: string
  score: number
  attestations: number
}

export interface NodeStatus {
  peerId: string
  addresses: string[]
  peers: number
  skills: { id: string; price: bigint }[]
  startedAt: number
  jobs: { served: number; hired: number; failed: number }
  settlement: { kind: string; chainId: bigint; account: string; balance?: bigint | undefined }
}

/** Events the metrics and the simulation count. */
export type NodeEvent =
  | { type: 'job:served'; jobId: string; skill: string; price: bigint; peer: string }
  | { type: 'job:hired'; jobId: string; skill: string; price: bigint; peer: string }
  | { type: 'job:failed'; skill: string; reason: string; side: 'client' | 'worker' }
  | { type: 'payment:sent'; amount: bigint; peer: string }
  | { type: 'payment:received'; amount: bigint; peer: string }
  /** A valid attestation arrived (gossip, sync or our own); `jobId` in hex. */
  | { type: 'attestation'; jobId: string; subject: string; attester: string }

/** The port itself. */
export interface MarketNode {
  readonly peerId: string
  addresses(): string[]
  /** Dials a peer at a multiaddr ending in /p2p/<peer-id> (peers found later need no dial). */
  connect(address: string): Promise<void>
  status(): Promise<NodeStatus>
  advertise(offer: SkillOffer, handler: SkillHandler): Promise<void>
  find(skill: string, options?: FindOptions): Promise<Candidate[]>
  hire(request: HireRequest): Promise<HireOutcome>
  /** Publishes a rating (0..100) of the other party of a finished, paid job. */
  rate(jobId: string, rating: number): Promise<void>
  channels(options?: { onChain?: boolean }): Promise<ChannelView[]>
  /** Closes and pays out every channel with `peer` (all channels when undefined). */
  settle(peer?: string): Promise<SettleOutcome[]>
  /** Pays out channels whose dispute window has ended (after a unilateral close). */
  withdraw(): Promise<SettleOutcome[]>
  reputation(peer?: string): Promise<ReputationView[]>
  /** Detailed reasons behind a peer's score (shape owned by the reputation service). */
  explain(peer: string): Promise<unknown>
  /** Subscribes to node events; returns an unsubscribe function. */
  onEvent(listener: (event: NodeEvent) => void): () => void
  stop(): Promise<void>
}
