/**
 * Real Bazaar nodes on 127.0.0.1 (`createBazaarNode`: tcp, noise, yamux, identify, ping, kad-dht,
 * gossipsub with Bazaar's score parameters, card, skills and jobs) with the reputation service
 * composed through `services`, as an embedding agent or the CLI does.
 */
import type { Libp2p } from 'libp2p'
import type { BaseServices } from '../../src/libp2p.js'
import { type BazaarNode, createBazaarNode } from '../../src/node.js'
import { REPUTATION_TOPIC } from '../../src/reputation/constants.js'
import { type ReputationInit, type ReputationService, reputation } from '../../src/reputation/service.js'
import { type Identity, identity } from './fixtures.js'

export type RepNode = Libp2p<BaseServices & { reputation: ReputationService }>

export interface TestNode {
  id: Identity
  bazaar: BazaarNode
  node: RepNode
  rep: ReputationService
  /** gossipsub's peer score of `peer` as this node sees it. */
  gossipScore(peer: TestNode): number
}

export async function startNode(init: ReputationInit = {}, id?: Identity): Promise<TestNode> {
  const ident = id ?? (await identity())
  const bazaar = await createBazaarNode({
    privateKey: ident.privateKey,
    listen: ['/ip4/127.0.0.1/tcp/0'],
    services: { reputation: reputation(init) as never },
  })
  await bazaar.start()
  const node = bazaar.libp2p as unknown as RepNode
  const pubsub = node.services.pubsub as unknown as { getScore(peer: string): number }
  return {
    id: ident,
    bazaar,
    node,
    rep: node.services.reputation,
    gossipScore: (peer) => pubsub.getScore(peer.id.peerId.toString()),
  }
}

export async function connect(a: TestNode, b: TestNode): Promise<void> {
  // 20 nodes share 127.0.0.1, and libp2p limits inbound connection attempts per host per
  // second: a dial may be reset (CI saw ECONNRESET at connect and mid-handshake). The tests are
  // about reputation, not the dial, so a reset dial is tried again after a backoff, as any
  // client would (at most 5 attempts).
  for (let attempt = 1; ; attempt++) {
    try {
      await a.node.dial(b.node.getMultiaddrs()[0]!)
      return
    } catch (error) {
      const text = `${(error as Error).name} ${(error as Error).message}`
      if (attempt >= 5 || !/ECONNRESET|EncryptionFailed/.test(text)) throw error
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt))
    }
  }
}

/**
 * Resolves once `condition` holds, re-checking on every gossipsub heartbeat of `on` (about 1 s)
 * and on every attestation it stores; rejects after `timeoutMs`.
 */
export async function until(
  on: TestNode,
  condition: () => boolean,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<void> {
  if (condition()) return
  const pubsub = on.node.services.pubsub
  await new Promise<void>((resolve, reject) => {
    const check = (): void => {
      if (!condition()) return
      cleanup()
      resolve()
    }
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error(`timed out waiting for ${what}`))
    }, timeoutMs)
    const cleanup = (): void => {
      clearTimeout(timer)
      pubsub.removeEventListener('gossipsub:heartbeat', check)
      on.rep.removeEventListener('attestation', check)
    }
    pubsub.addEventListener('gossipsub:heartbeat', check)
    on.rep.addEventListener('attestation', check)
  })
}

/** Waits until every node has grafted at least one mesh peer on the reputation topic. */
export async function meshReady(nodes: TestNode[], timeoutMs = 30_000): Promise<void> {
  await Promise.all(
    nodes.map((n) => {
      const pubsub = n.node.services.pubsub as unknown as { getMeshPeers(topic: string): string[] }
      const peers = (): number => n.node.getPeers().length
      return until(
        n,
        () => pubsub.getMeshPeers(REPUTATION_TOPIC).length >= Math.min(peers(), 2),
        timeoutMs,
        'mesh',
      )
    }),
  )
}

export async function stopAll(nodes: TestNode[]): Promise<void> {
  await Promise.all(nodes.map((n) => n.bazaar.stop({ graceMs: 0 })))
}
