/**
 * 20 real libp2p nodes: honest clients and workers who rate truthfully, bad workers who deliver
 * garbage, and a Sybil ring of fresh identities that rate each other (and the bad workers) highly
 * through tiny self-payments. Every receipt is a real dual-signed receipt between the two nodes'
 * keys; every attestation is published by the attester's own node and travels over gossipsub.
 * Then a late node catches up over the sync protocol, and keeps what it learnt across a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seededRandom } from '../../src/reputation/eigentrust-sim.js'
import { type Identity, identity, receipt } from './fixtures.js'
import { connect, meshReady, startNode, stopAll, type TestNode, until } from './network.js'

const rnd = seededRandom(42)
const HONEST_PRICE = 250_000n // 250 units of 1,000 base units
const SYBIL_PRICE = 10n // 0.01 unit

interface Roles {
  pre: TestNode[]
  clients: TestNode[]
  workers: TestNode[]
  bad: TestNode[]
  sybils: TestNode[]
}

let all: TestNode[] = []
let roles: Roles
let total = 0
const dataDir = mkdtempSync(join(tmpdir(), 'bazaar-rep-net-'))
let gossipMs = 0
let repaired: TestNode[] = []

async function job(
  client: TestNode,
  worker: TestNode,
  price: bigint,
  clientRating: number,
  workerRating: number,
) {
  const r = receipt({ client: client.id, worker: worker.id, price })
  await client.rep.publish(r, clientRating)
  await worker.rep.publish(r, workerRating)
  total += 2
}

beforeAll(async () => {
  const ids: Identity[] = await Promise.all(Array.from({ length: 20 }, () => identity()))
  const preTrusted = [ids[0]!.peerId, ids[1]!.peerId]
  all = await Promise.all(ids.map((id) => startNode({ preTrusted }, id)))
  roles = {
    pre: all.slice(0, 2),
    clients: all.slice(0, 6),
    workers: all.slice(6, 12),
    bad: all.slice(12, 16),
    sybils: all.slice(16, 20),
  }
  await Promise.all(
    all.map((n, i) => Promise.all([connect(n, all[(i + 1) % 20]!), connect(n, all[(i + 5) % 20]!)])),
  )
  await meshReady(all)

  const started = performance.now()
  const published: Array<Promise<void>> = []
  for (const c of roles.clients) {
    published.push(
      (async () => {
        for (const w of roles.workers) await job(c, w, HONEST_PRICE, 80 + Math.floor(rnd() * 20), 85)
        for (const b of roles.bad) await job(c, b, HONEST_PRICE, 5 + Math.floor(rnd() * 15), 0)
      })(),
    )
  }
  // One honest client once hired a ring member that did fine: trust now has a way into the ring.
  published.push(job(roles.clients[5]!, roles.sybils[0]!, HONEST_PRICE, 75, 90))
  for (const s of roles.sybils) {
    published.push(
      (async () => {
        for (const other of roles.sybils) {
          if (other === s) continue
          for (let k = 0; k < 5; k++) await job(s, other, SYBIL_PRICE, 100, 100)
        }
        // The ring also vouches for the bad workers.
        for (const b of roles.bad) await job(s, b, SYBIL_PRICE, 100, 100)
      })(),
    )
  }
  await Promise.all(published)
  const complete = (n: TestNode) => () => n.rep.stats().attestations === total
  await Promise.allSettled(all.map((n) => until(n, complete(n), 30_000, 'all attestations by gossip')))
  gossipMs = performance.now() - started
  // Gossip is best effort (under heavy load a message can miss a node): catch-up repairs it.
  repaired = all.filter((n) => !complete(n)())
  for (const n of repaired) await n.rep.catchUp()
  await Promise.all(all.map((n) => until(n, complete(n), 30_000, 'all attestations after catch-up')))
  for (const n of all) n.rep.refresh()
}, 180_000)

afterAll(async () => {
  await stopAll(all)
  rmSync(dataDir, { recursive: true, force: true })
})

function groupScores(observer: TestNode, group: TestNode[]): number[] {
  return group.map((n) => observer.rep.score(n.id.peerId))
}

describe('reputation across 20 real nodes', () => {
  it('ranks honest workers clearly above bad workers and the Sybil ring, from every honest node', () => {
    const table: string[] = []
    for (const observer of [...roles.clients, ...roles.workers]) {
      const honest = groupScores(observer, roles.workers)
      const bad = groupScores(observer, roles.bad)
      const sybil = groupScores(observer, roles.sybils)
      expect(Math.min(...honest)).toBeGreaterThan(3 * Math.max(...bad))
      expect(Math.min(...honest)).toBeGreaterThan(3 * Math.max(...sybil))
      if (observer === roles.clients[2]) {
        const row = (name: string, xs: number[]) =>
          `| ${name} | ${xs.length} | ${(xs.reduce((s, x) => s + x, 0) / xs.length).toFixed(4)} | ${Math.min(...xs).toFixed(4)} | ${Math.max(...xs).toFixed(4)} |`
        table.push(
          '| group (scores seen by an honest, not pre-trusted client) | nodes | mean | min | max |',
          '| --- | --- | --- | --- | --- |',
          row('honest workers (rated 80-99)', honest),
          row('bad workers (rated 5-19, vouched for by the ring)', bad),
          row('Sybil ring (rate each other 100 over 0.01-unit jobs; one did one real job)', sybil),
          row('honest clients', groupScores(observer, roles.clients)),
        )
      }
    }
    console.log(
      `${total} attestations reached all 20 nodes in ${gossipMs.toFixed(0)} ms ` +
        `(${repaired.length} nodes completed by catch-up)\n${table.join('\n')}`,
    )
  })

  it('explains a score with the attestations and weights behind it, and ranks candidates', () => {
    const observer = roles.clients[3]!
    const w = roles.workers[0]!
    const e = observer.rep.explain(w.id.peerId)
    expect(e.peerId).toBe(w.id.peerId.toString())
    expect(e.inbound.length).toBe(roles.clients.length)
    expect(e.inbound.map((x) => x.attesterPeerId).sort()).toEqual(
      roles.clients.map((c) => c.id.peerId.toString()).sort(),
    )
    for (const edge of e.inbound) {
      expect(edge.attestations).toHaveLength(1)
      expect(edge.paid).toBe(HONEST_PRICE)
      expect(edge.weight).toBeCloseTo(Math.log1p(250), 9)
    }
    const sum = e.teleport + e.inbound.reduce((s, x) => s + x.contribution, 0)
    expect(sum).toBeCloseTo(e.score, 6)
    const ranked = observer.rep.rank([
      { peer: roles.sybils[0]!.id.peerId, name: 'sybil' },
      { peer: roles.bad[0]!.id.peerId, name: 'bad' },
      { peer: w.id.peerId, name: 'honest' },
    ])
    expect(ranked[0]!.name).toBe('honest')
    expect(ranked[0]!.score).toBe(observer.rep.score(w.id.peerId))
  })

  it('lets a late node catch up over the sync protocol and keep it across a restart', async () => {
    const preTrusted = [roles.pre[0]!.id.peerId, roles.pre[1]!.id.peerId]
    const id = await identity()
    const late = await startNode({ preTrusted, dataDir }, id)
    await connect(late, roles.workers[2]!)
    await until(late, () => late.rep.stats().attestations === total, 30_000, 'catch-up')
    late.rep.refresh()
    const before = late.rep.score(roles.workers[1]!.id.peerId)
    expect(before).toBeGreaterThan(3 * late.rep.score(roles.bad[1]!.id.peerId))
    await late.bazaar.stop({ graceMs: 0 })

    const again = await startNode({ preTrusted, dataDir, autoSync: false }, id)
    try {
      expect(again.rep.stats().attestations).toBe(total)
      expect(again.rep.score(roles.workers[1]!.id.peerId)).toBeCloseTo(before, 6)
    } finally {
      await again.bazaar.stop({ graceMs: 0 })
    }
  })
})
