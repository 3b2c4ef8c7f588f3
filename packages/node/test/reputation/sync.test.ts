import { lpStream } from '@libp2p/utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPUTATION_SYNC_PROTOCOL } from '../../src/reputation/constants.js'
import { requestPage, type SyncClientOptions, syncFromPeer } from '../../src/reputation/sync-client.js'
import { pageOf } from '../../src/reputation/sync-handler.js'
import { attestation, type Identity, identity, receipt } from './fixtures.js'
import { startNode, stopAll, type TestNode, until } from './network.js'

let server: TestNode
let client: TestNode
let other: Identity
let base = 0
const served: Uint8Array[] = []

beforeAll(async () => {
  ;[server, client] = await Promise.all([
    startNode({ autoSync: false, sync: { maxCount: 4, ratePerMinute: 8 } }),
    startNode({ autoSync: false }),
  ])
  other = await identity()
  // Ten attestations by the server about jobs with `other`, issued 1 ms apart.
  base = Date.now() - 10_000
  for (let i = 0; i < 10; i++) {
    const r = receipt({ client: server.id, worker: other, completedAt: base - 1 })
    const bytes = attestation({ attester: server.id, subject: other, receipt: r, issuedAt: base + i })
    expect(server.rep.receive(bytes).ok).toBe(true)
    served.push(bytes)
  }
  await client.node.dial(server.node.getMultiaddrs()[0]!)
})
afterAll(async () => {
  await stopAll([server, client])
})

function options(onPage: SyncClientOptions['onPage'] = () => undefined): SyncClientOptions {
  return {
    openStream: (peer, o) => client.node.dialProtocol(peer, REPUTATION_SYNC_PROTOCOL, o),
    maxCount: 100,
    maxResponseBytes: 1 << 20,
    maxPages: 10,
    timeoutMs: 5_000,
    onPage,
  }
}

describe('reputation sync', () => {
  it('fits a page to the count and byte limits', () => {
    const rows = [new Uint8Array(100), new Uint8Array(100), new Uint8Array(100)]
    expect(pageOf(rows, 2, 10_000)).toEqual({ attestations: rows.slice(0, 2), more: true })
    expect(pageOf(rows, 10, 250).attestations).toHaveLength(2)
    expect(pageOf(rows, 10, 10_000).more).toBe(false)
  })

  it('serves at most the server’s count per page, oldest first, and pages through the rest', async () => {
    const peer = server.id.peerId
    const first = await requestPage(peer, 0, options())
    expect(first.attestations.map((a) => Buffer.from(a).toString('hex'))).toEqual(
      served.slice(0, 4).map((a) => Buffer.from(a).toString('hex')),
    )
    expect(first.more).toBe(true)
    const got: Uint8Array[] = []
    const result = await syncFromPeer(
      peer,
      0,
      options((page) => {
        got.push(...page)
        return page.length === 0
          ? undefined
          : base + served.indexOf(served.find((s) => Buffer.compare(s, page.at(-1)!) === 0)!)
      }),
    )
    expect(result.pages).toBe(3)
    expect(new Set(got.map((a) => Buffer.from(a).toString('hex'))).size).toBe(10)
  })

  it('feeds served attestations through the receiver’s own validator', async () => {
    // Feed the served pages through the client's own service: all valid, all new.
    let added = 0
    await syncFromPeer(
      server.id.peerId,
      0,
      options((page) => {
        for (const bytes of page) if (client.rep.receive(bytes).ok) added++
        return undefined
      }),
    )
    expect(added).toBe(4)
    const forged = attestation({
      attester: other,
      subject: server.id,
      receipt: receipt({ client: other, worker: server.id }),
      signer: server.id,
    })
    expect(client.rep.receive(forged).ok).toBe(false)
    expect(client.rep.stats().rejected).toBe(1)
  })

  it('resets a stream whose request is larger than the limit, before reading it', async () => {
    const stream = await client.node.dialProtocol(server.id.peerId, REPUTATION_SYNC_PROTOCOL)
    const lp = lpStream(stream)
    await lp.write(new Uint8Array(1_000))
    await expect(lp.read({ signal: AbortSignal.timeout(5_000) })).rejects.toThrow()
  })

  it('rate limits a peer that asks too often', async () => {
    // Earlier tests used 6 of the 8 requests per minute.
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => requestPage(server.id.peerId, 0, options())),
    )
    const failed = results.filter((r) => r.status === 'rejected')
    expect(failed.length).toBeGreaterThanOrEqual(2)
    expect((failed[0] as PromiseRejectedResult).reason.name).toBe('SyncFailedError')
  })
})

describe('periodic catch-up', () => {
  it('fetches what gossip never delivered', async () => {
    const [a, b] = await Promise.all([
      startNode({ autoSync: false }),
      startNode({ sync: { intervalMs: 300, peerCooldownMs: 0 } }),
    ])
    try {
      // The catch-up on connect comes first and finds nothing.
      const first = new Promise<number>((resolve) =>
        b.rep.addEventListener('sync', ({ detail }) => resolve(detail.added), { once: true }),
      )
      await b.node.dial(a.node.getMultiaddrs()[0]!)
      expect(await first).toBe(0)
      // Then `a` stores one without gossip (as if the message had been lost on the way to `b`):
      // only the periodic catch-up can bring it.
      const r = receipt({ client: a.id, worker: other })
      expect(a.rep.receive(attestation({ attester: a.id, subject: other, receipt: r })).ok).toBe(true)
      await until(b, () => b.rep.stats().attestations === 1, 10_000, 'periodic catch-up')
    } finally {
      await stopAll([a, b])
    }
  })
})
