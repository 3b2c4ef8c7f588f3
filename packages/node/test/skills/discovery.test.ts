import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BazaarNode, createBazaarNode } from '../../src/index.js'
import { startLine, stopAll, waitForRoutingTables } from '../helpers/nodes.js'

describe('skill discovery over the DHT (6 real nodes)', () => {
  let nodes: BazaarNode[] = []

  beforeAll(async () => {
    nodes = await startLine(6, (i) => ({ name: `node-${i}` }))
    await waitForRoutingTables(nodes, 1)
  })

  afterAll(async () => {
    await stopAll(nodes)
  })

  it('finds a worker the client never dialed, verifies its card and hires it', async () => {
    const worker = nodes[5]!
    const provided = await worker.skills.advertise(
      { id: 'echo', price: 0n, description: 'echoes its input' },
      async ({ input, progress }) => {
        progress(500, 'half way')
        return new TextDecoder().decode(input).toUpperCase()
      },
    )
    expect(provided).toBe(true)
    // A fresh client that knows only node 0: it has never been connected to the worker.
    const client = await createBazaarNode({ bootstrap: nodes[0]!.getMultiaddrs().map(String) })
    const metWorker: string[] = []
    client.libp2p.addEventListener('connection:open', (evt) => {
      if (evt.detail.remotePeer.equals(worker.peerId)) metWorker.push(new Error().stack ?? '')
    })
    await client.start()
    nodes.push(client)
    expect(metWorker).toHaveLength(0)

    const found = await client.skills.find('echo', { timeout: 10_000 })
    expect(found.map((c) => c.peer.toString())).toEqual([worker.peerId.toString()])
    expect(found[0]!.card.name).toBe('node-5')
    expect(found[0]!.offer.description).toBe('echoes its input')

    const progress: number[] = []
    const result = await client.jobs.hire({
      skill: 'echo',
      input: 'hello bazaar',
      budget: 0n,
      onProgress: (p) => progress.push(p.permille),
    })
    expect(result.text()).toBe('HELLO BAZAAR')
    expect(result.peer.equals(worker.peerId)).toBe(true)
    expect(progress).toContain(500)

    // Naming the worker is enough when its card offers a single skill.
    const direct = await client.jobs.hire({ peer: worker.peerId, input: 'again', budget: 0n })
    expect(direct.text()).toBe('AGAIN')
  })

  it('returns nothing for a skill nobody offers', async () => {
    const found = await nodes[1]!.skills.find('nobody-offers-this', { timeout: 3_000 })
    expect(found).toEqual([])
  })
})
