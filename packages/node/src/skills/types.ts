/** Public types of skills: what a worker advertises, what its handler receives, what `find` returns. */
import type { AgentCardBody, SkillOffer } from '@bazaar/protocol'
import type { PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

/** Limits a worker enforces on one skill (also published in its card). */
export interface SkillLimits {
  /** Largest input accepted, in bytes. */
  maxInputBytes?: number
  /** Largest result produced, in bytes. */
  maxOutputBytes?: number
  /** Jobs of this skill run at once; more are answered BUSY. */
  maxConcurrency?: number
  /** Longest a job may run, in milliseconds. */
  maxDurationMs?: number
}

/** A skill as a worker advertises it. */
export interface SkillDefinition {
  /** Skill id, e.g. "summarize"; the DHT key is derived from it. */
  id: string
  /** Semver of the skill's interface. */
  version?: string
  description?: string
  /** JSON Schema of the input, as text. */
  inputSchema?: string
  /** JSON Schema of the output, as text. */
  outputSchema?: string
  /** Price per job in base units of `asset`. */
  price: bigint
  /** CAIP-19 asset id. */
  asset?: string
  limits?: SkillLimits
}

/** What a skill handler receives for one job. */
export interface JobContext {
  /** 32-byte job id chosen by the client. */
  jobId: Uint8Array
  skill: string
  client: PeerId
  input: Uint8Array
  contentType: string
  /** Unix ms by which the result must be delivered. */
  deadline: number
  /** Aborted when the client cancels, the deadline passes, or the node stops. */
  signal: AbortSignal
  /** Reports progress to the client (permille 0..1000). Best effort, never throws. */
  progress(permille: number, message?: string): void
}

/** A handler's result: bytes or text, optionally with a content type. */
export type SkillResult = Uint8Array | string | { output: Uint8Array | string; contentType?: string }

export type SkillHandler = (job: JobContext) => Promise<SkillResult> | SkillResult

/** A worker found by `find`, with its verified card. */
export interface SkillCandidate {
  peer: PeerId
  offer: SkillOffer
  price: bigint
  card: AgentCardBody
  addresses: Multiaddr[]
  /** Set by a ranking function (for example reputation); higher is better. */
  score?: number
}

/**
 * Orders candidates best first. The default ranks by price; the reputation service supplies one
 * that weighs scores. It may drop candidates.
 */
export type RankCandidates = (candidates: SkillCandidate[]) => SkillCandidate[] | Promise<SkillCandidate[]>

export interface FindOptions {
  /** Most candidates returned. */
  limit?: number
  /** Drop offers above this price (base units). */
  maxPrice?: bigint
  /** Milliseconds for the whole lookup. */
  timeout?: number
  signal?: AbortSignal
}
