/**
 * `node.reputation` on real paid nodes: both parties of a paid job rate each other by job id (the
 * worker keeps the dual-signed receipt too), the attestation reaches the other side, scores and
 * explanations follow, and `skills.find` ranks by reputation before price.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { peerKeyHex, type VerifiedAttestation } from '../../src/index.js'
import { deferred } from '../helpers/deferred.js'
import { waitForRoutingTables } from '../helpers/nodes.js'
import { closePaid, type PaidNode, paidNetwork } from '../helpers/paid.js'

describe('node.reputation (3 real paid nodes with the reputation service)', () => {
  let nodes: PaidNode[] = []

  beforeAll(async () => {
    ;({ nodes } = await paidNetwork(3, 1_000_000n, () => ({
      reputation: { autoSync: false, recomputeDelayMs: 10 },
    })))
    await waitForRoutingTables(nodes.map((n) => n.node))
  })

  afterAll(async () => {
    await closePaid(nodes)
  })

  it('client and worker rate each other by job id; scores, explain and events follow', async () => {
    const [client, , worker] = nodes.map((n) => n.node) as [PaidNode['node'], unknown, PaidNode['node']]
    await worker.skills.advertise({ id: 'echo', price: 40n }, ({ input }) => input)
    const result = await client.jobs.hire({ skill: 'echo', peer: worker.peerId, input: 'hi', budget: 100n })
    expect(result.receipt).toBeDefined()

    // The worker holds the same dual-signed receipt as the client.
    expect(worker.reputation!.receipt(result.jobId)).toEqual(result.receipt!.bytes)
    expect(client.reputation!.receipt(result.jobId)).toEqual(result.receipt!.bytes)

    const heard = deferred<VerifiedAttestation>()
    client.reputation!.addEventListener('attestation', (evt) => {
      if (evt.detail.attester === peerKeyHex(worker.peerId)) heard.resolve(evt.detail)
    })
    const byWorker = await worker.reputation!.attest(result.jobId, 90)
    expect(byWorker.subject).toBe(peerKeyHex(client.peerId))
    expect((await heard.promise).id).toBe(byWorker.id)

    const byClient = await client.reputation!.attest(result.jobId, 95)
    expect(byClient.subject).toBe(peerKeyHex(worker.peerId))
    client.reputation!.refresh()
    expect(client.reputation!.score(worker.peerId)).toBeGreaterThan(0)
    const explained = client.reputation!.explain(worker.peerId)
    expect(explained.inbound.map((e) => e.attesterPeerId)).toContain(client.peerId.toString())

    // One attestation per receipt per attester; an unknown job has no receipt.
    await expect(client.reputation!.attest(result.jobId, 10)).rejects.toMatchObject({
      name: 'DuplicateAttestationError',
    })
    await expect(client.reputation!.attest('00'.repeat(32), 50)).rejects.toMatchObject({
      name: 'UnknownReceiptError',
      jobId: '00'.repeat(32),
    })
  })

  it('skills.find ranks by reputation by default, then by price', async () => {
    const [client, cheap, rated] = nodes.map((n) => n.node) as [
      PaidNode['node'],
      PaidNode['node'],
      PaidNode['node'],
    ]
    await cheap.skills.advertise({ id: 'shout', price: 10n }, ({ input }) => input)
    await rated.skills.advertise({ id: 'shout', price: 20n }, ({ input }) => input)
    client.reputation!.refresh()
    const found = await client.skills.find('shout', { maxPrice: 100n })
    expect(found.map((c) => c.peer.toString())).toEqual([rated.peerId.toString(), cheap.peerId.toString()])
    expect(found[0]!.score).toBeGreaterThan(0)
    expect(found[1]!.score).toBe(0)
  })
})
