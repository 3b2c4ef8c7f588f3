/**
 * Agent cards between real nodes: re-signed with a higher sequence on every change, and a card
 * with a bad signature, an expired time or another peer's key is dropped by `find`, never shown.
 */
import { decodeCard, encodeCard } from '@bazaar/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BazaarNode, verifyCard } from '../../src/index.js'
import { startLine, stopAll, waitForRoutingTables } from '../helpers/nodes.js'

describe('agent cards', () => {
  let nodes: BazaarNode[] = []

  beforeAll(async () => {
    nodes = await startLine(6, (i) => ({
      name: `card-${i}`,
      ...(i === 4 ? { limits: { card: { ttlMs: 1 } } } : {}),
    }))
    await waitForRoutingTables(nodes)
  })

  afterAll(async () => {
    await stopAll(nodes)
  })

  it('re-signs the card with a higher sequence when a skill is added', async () => {
    const node = nodes[1]!
    const before = node.card.currentSequence
    await node.skills.advertise({ id: 'count', price: 1n }, () => '1')
    expect(node.card.currentSequence).toBeGreaterThan(before)
    const fetched = await nodes[0]!.card.fetch(node.peerId)
    expect(fetched.body.sequence).toBe(node.card.currentSequence)
    expect(fetched.body.skills.map((s) => s.id)).toEqual(['count'])
  })

  it('drops forged, expired and borrowed cards from find', async () => {
    const [client, honest, forged, borrowed, expired] = [
      nodes[0]!,
      nodes[1]!,
      nodes[2]!,
      nodes[3]!,
      nodes[4]!,
    ]
    for (const node of [honest, forged, borrowed, expired]) {
      await node.skills.advertise({ id: 'translate', price: 5n }, () => 'ok')
    }
    // A flipped signature byte.
    const good = decodeCard(forged.card.current())
    const signature = new Uint8Array(good.signature)
    signature[0]! ^= 1
    forged.card.current = () => encodeCard({ body: good.body, signature })
    // Another node's valid card, served as if it were its own.
    borrowed.card.current = () => honest.card.current()

    const found = await client.skills.find('translate', { timeout: 10_000 })
    expect(found.map((c) => c.peer.toString())).toEqual([honest.peerId.toString()])

    const reasons = await Promise.all(
      [forged, borrowed, expired].map((n) =>
        client.card.fetch(n.peerId).catch((e: { reason: string }) => e.reason),
      ),
    )
    expect(reasons).toEqual(['bad-signature', 'wrong-peer', 'expired'])
  })

  it('verifyCard names the reason for each defect', () => {
    const bytes = nodes[1]!.card.current()
    const peerKey = nodes[1]!.peerId.publicKey!.raw
    expect(verifyCard(bytes, { peerKey }).body.name).toBe('card-1')
    expect(() => verifyCard(bytes.subarray(0, 10), { peerKey })).toThrow(
      expect.objectContaining({ reason: 'malformed' }),
    )
    expect(() => verifyCard(bytes, { peerKey, now: Date.now() + 2 * 3600_000 })).toThrow(
      expect.objectContaining({ reason: 'expired' }),
    )
    expect(() => verifyCard(bytes, { peerKey, now: Date.now() - 3600_000 })).toThrow(
      expect.objectContaining({ reason: 'not-yet-valid' }),
    )
  })
})
