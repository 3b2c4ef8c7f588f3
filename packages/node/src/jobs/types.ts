/** Public types of hiring. */
import type { ReceiptBody } from '@bazaar/protocol'
import type { PeerId } from '@libp2p/interface'

export interface HireOptions {
  /**
   * Skill id to hire for. May be left out when `peer` is given and its card offers exactly one
   * skill.
   */
  skill?: string
  /** A specific worker; without it the best candidate of `skills.find` is hired. */
  peer?: PeerId
  input: Uint8Array | string
  contentType?: string
  /** Most the caller will pay, base units. A budget covering the price accepts it in advance. */
  budget: bigint
  /** Unix ms by which the result must arrive (default: now + 60 s). */
  deadline?: number
  signal?: AbortSignal
  onProgress?: (progress: { permille: number; message: string }) => void
  /** Ask the worker for a signed quote before any work. */
  quoteFirst?: boolean
  /** Milliseconds for the DHT lookup when no peer is given. */
  findTimeout?: number
}

/** The dual-signed receipt of a paid job. */
export interface JobReceipt {
  body: ReceiptBody
  /** Encoded ReceiptBody, exactly as both parties signed it. */
  bodyBytes: Uint8Array
  clientSignature: Uint8Array
  workerSignature: Uint8Array
  /** Encoded Receipt message (what an attestation embeds). */
  bytes: Uint8Array
}

export interface HireResult {
  /** Hex job id. */
  jobId: string
  peer: PeerId
  output: Uint8Array
  contentType: string
  price: bigint
  /** The dual-signed receipt; undefined for a free job (price 0), since receipts name a payment. */
  receipt: JobReceipt | undefined
  /** The output decoded as UTF-8. */
  text(): string
}
