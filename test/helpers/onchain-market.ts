/**
 * A small market on a local chain: a worker selling two skills at different prices, a relay node
 * (no wallet) in the middle, and a client that finds the worker through the DHT and hires it for
 * paid jobs. Every paid job rides the same lazily opened channel, funded in the chain's mock token.
 */
import { type BazaarNode, createBazaarNode, type HireResult, type JobReceipt } from '@bazaar/node'
import type { LocalChain } from '@bazaar/wallet'
import { type ChainNode, hex, InboundTally, removeChainNode, startChainNode, waitUntil } from './onchain.js'

/** The worker's skills: two prices so that the sum says which jobs were paid. */
export const SKILLS = [
  { id: 'reverse', price: 1_250n, run: (s: string) => [...s].reverse().join('') },
  { id: 'upper', price: 730n, run: (s: string) => s.toUpperCase() },
] as const

export interface Market {
  worker: ChainNode
  relay: BazaarNode
  client: ChainNode
  /** The worker's inbound payments per channel. */
  tally: InboundTally
  /** The worker as the client found it through the DHT. */
  workerPeer: HireResult['peer']
}

/** Starts worker, relay and client in a line and lets the client find the worker by skill. */
export async function startMarket(
  chain: LocalChain,
  deposit: bigint,
  track: (stop: () => Promise<unknown>) => void,
): Promise<Market> {
  const worker = await startChainNode(chain, { name: 'worker' })
  track(() => removeChainNode(worker))
  const tally = new InboundTally(worker.node)
  const relay = await createBazaarNode({ bootstrap: worker.node.getMultiaddrs().map(String) })
  await relay.start()
  track(() => relay.stop({ graceMs: 0 }))
  const client = await startChainNode(chain, {
    name: 'client',
    bootstrap: relay.getMultiaddrs().map(String),
    channels: { deposit },
  })
  track(() => removeChainNode(client))
  const nodes = [worker.node, relay, client.node]
  // The routing table is kad-dht's implementation, not part of its public interface.
  const tableSize = (n: BazaarNode): number =>
    (n.libp2p.services.dht as unknown as { routingTable: { size: number } }).routingTable.size
  await waitUntil(() => (nodes.every((n) => tableSize(n) >= 1) ? true : undefined), 30_000, 'routing tables')
  for (const skill of SKILLS) {
    await worker.node.skills.advertise({ id: skill.id, price: skill.price }, ({ input }) =>
      skill.run(new TextDecoder().decode(input)),
    )
  }
  // The client knows only the relay: the worker's address comes from the DHT and its card.
  const found = await waitUntil(
    async () => {
      const candidates = await client.node.skills.find(SKILLS[0].id, { timeout: 5_000 })
      return candidates.length > 0 ? candidates : undefined
    },
    30_000,
    'the worker in the DHT',
  )
  return { worker, relay, client, tally, workerPeer: found[0]!.peer }
}

export interface JobsRun {
  receipts: JobReceipt[]
  /** Sum of the receipts' prices. */
  total: bigint
  channelId: Uint8Array
}

/**
 * Hires the found worker `jobs` times, alternating skills, checks every result, and waits until
 * the worker has received every payment (folds arrive in the background).
 */
export async function runPaidJobs(market: Market, jobs: number): Promise<JobsRun> {
  const receipts: JobReceipt[] = []
  for (let i = 0; i < jobs; i++) {
    const skill = SKILLS[i % SKILLS.length]!
    const input = `job number ${i} of ${jobs}`
    const result = await market.client.node.jobs.hire({
      skill: skill.id,
      peer: market.workerPeer,
      input,
      budget: 2_000n,
    })
    if (result.text() !== skill.run(input)) throw new Error(`job ${i}: wrong result ${result.text()}`)
    if (result.receipt === undefined) throw new Error(`job ${i}: no receipt`)
    if (result.receipt.body.price !== result.price) throw new Error(`job ${i}: receipt price differs`)
    receipts.push(result.receipt)
  }
  const channelId = receipts[0]!.body.channelId
  const total = receipts.reduce((sum, r) => sum + r.body.price, 0n)
  await market.tally.reach(hex(channelId), total)
  return { receipts, total, channelId }
}
