/**
 * Serves `/bazaar/reputation-sync/1.0.0`: one SyncRequest in, one SyncResponse out, then close.
 * Bounded by request size (checked from the length prefix before the body is read), a timeout on
 * the whole exchange, a per-peer rate limit, and a response capped in count and bytes.
 */
import type { Connection, Logger, Stream } from '@libp2p/interface'
import { pbStream, RateLimiter } from '@libp2p/utils'
import { type SyncResponse, syncRequestCodec, syncResponseCodec } from './codec.js'
import type { AttestationStore } from './store.js'

export interface SyncHandlerOptions {
  store: AttestationStore
  maxCount: number
  maxRequestBytes: number
  maxResponseBytes: number
  timeoutMs: number
  ratePerMinute: number
  maxAgeMs: number
  now: () => number
  log: Logger
}

/** Bytes a length-delimited field of `n` bytes costs in the response (tag + varint + data). */
function fieldCost(n: number): number {
  return 1 + (n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4) + n
}

/** Picks what fits: at most `maxCount` attestations whose encoding stays under `maxBytes`. */
export function pageOf(rows: Uint8Array<ArrayBuffer>[], maxCount: number, maxBytes: number): SyncResponse {
  const attestations: Uint8Array<ArrayBuffer>[] = []
  let size = 2 // the `more` flag
  for (const bytes of rows) {
    if (attestations.length === maxCount || size + fieldCost(bytes.byteLength) > maxBytes) break
    attestations.push(bytes)
    size += fieldCost(bytes.byteLength)
  }
  return { attestations, more: attestations.length < rows.length }
}

export function createSyncHandler(
  options: SyncHandlerOptions,
): (stream: Stream, connection: Connection) => Promise<void> {
  const limiter = new RateLimiter({ points: options.ratePerMinute, duration: 60 })
  return async (stream, connection) => {
    const peer = connection.remotePeer.toString()
    try {
      limiter.consume(peer)
    } catch {
      // SyncResponse has no status field: a reset is the documented "rate limited" answer.
      options.log('sync from %s rate limited', peer)
      stream.abort(new Error('rate limited'))
      return
    }
    const signal = AbortSignal.timeout(options.timeoutMs)
    try {
      const pb = pbStream(stream, { maxDataLength: options.maxRequestBytes })
      const request = await pb.read(
        { decode: (data) => syncRequestCodec.decode(data, options.maxRequestBytes) },
        { signal },
      )
      const limit = Math.max(
        1,
        Math.min(request.limit === 0 ? options.maxCount : request.limit, options.maxCount),
      )
      const oldest = options.now() - options.maxAgeMs
      const since =
        request.since > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(request.since)
      // One row more than asked tells whether there is more.
      const rows = options.store.since(Math.max(since, oldest), limit + 1).map((a) => new Uint8Array(a.bytes))
      const page = pageOf(rows, limit, options.maxResponseBytes)
      await pb.write(
        page,
        syncResponseCodec({ maxBytes: options.maxResponseBytes, maxAttestations: options.maxCount }),
        { signal },
      )
      await stream.close({ signal })
    } catch (err) {
      options.log('sync from %s failed: %s', peer, (err as Error).message)
      stream.abort(err as Error)
    }
  }
}
