/**
 * Untrusted bytes on the pay and reputation-sync protocols and in `publish`: a malformed channel
 * open is answered with a typed MALFORMED error, a garbage catch-up request resets only its
 * stream, a malformed receipt fails with ReceiptMalformedError; the node keeps serving.
 */
import { decodePayFrame, encodePayFrame, errorCodeFromValue } from '@bazaar/protocol'
import type { Stream } from '@libp2p/interface'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PAY_PROTOCOL, REPUTATION_SYNC_PROTOCOL } from '../../src/index.js'
import { waitForRoutingTables } from '../helpers/nodes.js'
import { closePaid, type PaidNode, paidNetwork } from '../helpers/paid.js'

/** Collects what the remote writes until the stream ends (a reset ends it too). */
async function received(stream: Stream): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  try {
    for await (const chunk of stream) chunks.push(chunk instanceof Uint8Array ? chunk : chunk.subarray())
  } catch {
    // reset: what arrived before it counts
  }
  return Buffer.concat(chunks)
}

function lengthPrefixed(body: Uint8Array): Uint8Array {
  expect(body.byteLength).toBeLessThan(128)
  return Uint8Array.from([body.byteLength, ...body])
}

describe('hostile input on pay and reputation-sync (2 real paid nodes)', () => {
  let nodes: PaidNode[] = []

  beforeAll(async () => {
    ;({ nodes } = await paidNetwork(2, 1_000_000n, () => ({ reputation: { autoSync: false } })))
    await waitForRoutingTables(nodes.map((n) => n.node))
    await nodes[1]!.node.skills.advertise({ id: 'echo', price: 5n }, ({ input }) => input)
  })

  afterAll(async () => {
    await closePaid(nodes)
  })

  it('answers a malformed channel open with MALFORMED and keeps serving paid jobs', async () => {
    const [attacker, worker] = [nodes[0]!.node, nodes[1]!.node]
    const stream = await attacker.libp2p.dialProtocol(worker.peerId, PAY_PROTOCOL)
    // A ChannelOpen whose body is a truncated protobuf field.
    stream.send(
      lengthPrefixed(
        encodePayFrame({ open: { body: Uint8Array.from([0x0a, 0x7f, 1]), signature: new Uint8Array(64) } }),
      ),
    )
    const bytes = await received(stream)
    expect(bytes.byteLength).toBeGreaterThan(1)
    const answer = decodePayFrame(bytes.subarray(1, 1 + bytes[0]!))
    expect(errorCodeFromValue(answer.error!.code)).toBe('MALFORMED')

    const result = await attacker.jobs.hire({ skill: 'echo', peer: worker.peerId, input: 'ok', budget: 5n })
    expect(result.text()).toBe('ok')
  })

  it('resets a garbage catch-up request; the next honest catch-up works', async () => {
    const [attacker, worker] = [nodes[0]!.node, nodes[1]!.node]
    for (const body of [Uint8Array.from([0x08, 0xff]), Uint8Array.from([0x10, 0x00])]) {
      const stream = await attacker.libp2p.dialProtocol(worker.peerId, REPUTATION_SYNC_PROTOCOL)
      stream.send(lengthPrefixed(body))
      expect((await received(stream)).byteLength).toBe(0)
    }
    await expect(attacker.reputation!.catchUp({ peers: [worker.peerId] })).resolves.toBeGreaterThanOrEqual(0)
  })

  it('publish refuses a malformed receipt with a typed error', async () => {
    await expect(
      nodes[0]!.node.reputation!.publish(Uint8Array.from([0x0a, 0x05, 1]), 50),
    ).rejects.toMatchObject({
      name: 'ReceiptMalformedError',
    })
  })
})
