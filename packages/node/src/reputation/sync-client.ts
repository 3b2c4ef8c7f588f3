/**
 * Fetches attestations from one peer over `/bazaar/reputation-sync/1.0.0`, page by page. Every
 * read is bounded: the response's length prefix is checked against `maxResponseBytes` before the
 * body is read, the count by the decoder's limit, each exchange by a timeout, and the number of
 * pages by `maxPages`. The caller validates every attestation like a gossiped one.
 */
import type { AbortOptions, PeerId, Stream } from '@libp2p/interface'
import { pbStream } from '@libp2p/utils'
import { type SyncResponse, syncRequestCodec, syncResponseCodec } from './codec.js'
import { SyncFailedError } from './errors.js'

export interface SyncClientOptions {
  openStream: (peer: PeerId, options: AbortOptions) => Promise<Stream>
  maxCount: number
  maxResponseBytes: number
  maxPages: number
  timeoutMs: number
  /** Handles one page; returns the newest `issued_at` it contained (ms), or undefined if none. */
  onPage: (attestations: Uint8Array[]) => number | undefined
}

/** One request/response exchange. */
export async function requestPage(
  peer: PeerId,
  since: number,
  options: SyncClientOptions,
  signal?: AbortSignal,
): Promise<SyncResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs)
  const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout])
  let stream: Stream | undefined
  try {
    stream = await options.openStream(peer, { signal: combined })
    const pb = pbStream(stream, { maxDataLength: options.maxResponseBytes })
    await pb.write(
      { since: BigInt(Math.max(0, Math.floor(since))), limit: options.maxCount },
      syncRequestCodec,
      { signal: combined },
    )
    const response = await pb.read(
      syncResponseCodec({ maxBytes: options.maxResponseBytes, maxAttestations: options.maxCount }),
      { signal: combined },
    )
    await stream.close({ signal: combined })
    return response
  } catch (err) {
    stream?.abort(err as Error)
    throw new SyncFailedError(peer.toString(), (err as Error).message, { cause: err })
  }
}

/** Pages from `since` until the peer has no more or `maxPages` is reached; returns pages fetched. */
export async function syncFromPeer(
  peer: PeerId,
  since: number,
  options: SyncClientOptions,
  signal?: AbortSignal,
): Promise<{ pages: number; received: number }> {
  let cursor = since
  let received = 0
  for (let pages = 1; pages <= options.maxPages; pages++) {
    const page = await requestPage(peer, cursor, options, signal)
    received += page.attestations.length
    const newest = options.onPage(page.attestations)
    if (!page.more || newest === undefined) return { pages, received }
    // Ties at the boundary are fetched again (and ignored as duplicates); a page made only of
    // one timestamp moves past it rather than looping.
    cursor = newest > cursor ? newest : cursor + 1
  }
  return { pages: options.maxPages, received }
}
