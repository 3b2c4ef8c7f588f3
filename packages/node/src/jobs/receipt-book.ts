/**
 * The dual-signed receipts of this node's paid jobs, as client and as worker, by hex job id: what
 * an attestation about the other party rests on (`node.reputation.attest(jobId, rating)`).
 * In memory and bounded: the oldest receipt is dropped first.
 */
import { encodeReceipt } from '@bazaar/protocol'
import { DEFAULT_MAX_RECEIPTS } from './constants.js'

export class ReceiptBook {
  private readonly receipts = new Map<string, Uint8Array>()

  constructor(private readonly capacity = DEFAULT_MAX_RECEIPTS) {}

  /** Keeps the encoded Receipt of job `jobId` (hex). */
  put(jobId: string, receipt: Uint8Array): void {
    this.receipts.delete(jobId)
    this.receipts.set(jobId, receipt)
    if (this.receipts.size > this.capacity) this.receipts.delete(this.receipts.keys().next().value!)
  }

  /** Keeps a receipt given as its signed body and both signatures; returns the encoded Receipt. */
  keep(
    jobId: string,
    body: Uint8Array<ArrayBuffer>,
    clientSignature: Uint8Array<ArrayBuffer>,
    workerSignature: Uint8Array<ArrayBuffer>,
  ): Uint8Array {
    const bytes = encodeReceipt({ body, clientSignature, workerSignature })
    this.put(jobId, bytes)
    return bytes
  }

  /** The encoded Receipt of job `jobId` (hex), if this node took part in it and still holds it. */
  get(jobId: string): Uint8Array | undefined {
    return this.receipts.get(jobId)
  }

  get size(): number {
    return this.receipts.size
  }
}
