/**
 * Shared state and settings of the job service, handed to the client and worker halves.
 */
import type { Logger, PeerId } from '@libp2p/interface'
import type { BazaarEvents } from '../events.js'
import type { PeerSigner } from '../identity.js'
import type { PayeePayments, PayerPayments } from '../payments/types.js'
import type { SkillRegistry } from '../skills/registry.js'
import type { ReceiptBook } from './receipt-book.js'

/** Effective limits of the job protocol (units in the names; see constants.ts for defaults). */
export interface JobLimits {
  maxFrameBytes: number
  frameTimeoutMs: number
  minDeadlineMs: number
  defaultDeadlineMs: number
  lockTtlS: number
  quoteTtlMs: number
  clockSkewMs: number
  maxProgressFrames: number
  maxInputBytes: number
}

export interface JobContextDeps {
  signer: PeerSigner
  self: PeerId
  registry: SkillRegistry
  events: BazaarEvents
  log: Logger
  limits: JobLimits
  /** Receipts of paid jobs (both roles), for attestations. */
  receipts: ReceiptBook
  /** Resolved lazily: the pay service may be absent (no settlement configured). */
  payments(): (PayerPayments & PayeePayments) | undefined
  /** True once the node is stopping: new jobs are refused. */
  stopping(): boolean
  /** Registers a served job so the worker can cancel it by id; returns the unregister function. */
  track(jobId: string, abort: (reason: Error) => void): () => void
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}
