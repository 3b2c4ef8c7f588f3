/**
 * Re-establish names the same state on the wire as in the wallet: the latest update's hash, or
 * before any update the channel id (DESIGN.md: the first update's previousStateHash). A channel
 * opened without any update re-establishes over a new connection and then pays.
 */
import { randomBytes } from 'node:crypto'
import { decodePayFrame, encodePayFrame } from '@bazaar/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toWire } from '../../src/payments/reestablish.js'
import { waitForRoutingTables } from '../helpers/nodes.js'
import { closePaid, type PaidNode, paidNetwork } from '../helpers/paid.js'

describe('re-establish at sequence 0', () => {
  it('sends the channel id as the state hash; an empty or other hash is refused', () => {
    const channelId = new Uint8Array(randomBytes(32))
    const wire = toWire({ channelId, lastSequence: 0n, lastStateHash: channelId })
    const frame = decodePayFrame(encodePayFrame({ reestablish: wire }))
    expect(frame.reestablish?.lastStateHash).toEqual(channelId)
    const bad = (lastStateHash: Uint8Array<ArrayBuffer>) => () =>
      decodePayFrame(encodePayFrame({ reestablish: { channelId, lastSequence: 0n, lastStateHash } }))
    expect(bad(new Uint8Array(0))).toThrow(expect.objectContaining({ name: 'MissingFieldError' }))
    expect(bad(new Uint8Array(randomBytes(32)))).toThrow(expect.objectContaining({ name: 'MismatchError' }))
  })

  describe('over a new connection (2 real paid nodes)', () => {
    let nodes: PaidNode[] = []
    beforeAll(async () => {
      ;({ nodes } = await paidNetwork(2, 1_000_000n))
      await waitForRoutingTables(nodes.map((n) => n.node))
    })
    afterAll(async () => {
      await closePaid(nodes)
    })

    it('a channel with no update yet re-establishes, then pays', async () => {
      const [client, worker] = [nodes[0]!, nodes[1]!]
      await worker.node.skills.advertise({ id: 'echo', price: 7n }, ({ input }) => input)
      const card = await client.node.card.get(worker.node.peerId)
      const channelId = await client.node.payments!.ensureChannel(worker.node.peerId, card.body.payment, 100n)
      expect(client.wallet.channels.reestablishInfo(channelId)).toMatchObject({
        lastSequence: 0n,
        lastStateHash: channelId,
      })
      await client.node.libp2p.hangUp(worker.node.peerId)
      const result = await client.node.jobs.hire({
        skill: 'echo',
        peer: worker.node.peerId,
        input: 'again',
        budget: 7n,
      })
      expect(result.text()).toBe('again')
      expect(result.receipt?.body.channelId).toEqual(channelId)
      expect(result.receipt?.body.sequence).toBe(1n)
    })
  })
})
