/**
 * Test helpers: real Bazaar nodes on 127.0.0.1 TCP, and waiting on conditions with a deadline.
 */
import {
  type BazaarNode,
  type BazaarNodeOptions,
  createBazaarNode,
  type PaymentEventDetail,
} from '../../src/index.js'

/** Starts `count` nodes; each after the first bootstraps from the one before it (a line). */
export async function startLine(
  count: number,
  options: (i: number) => BazaarNodeOptions = () => ({}),
): Promise<BazaarNode[]> {
  const nodes: BazaarNode[] = []
  for (let i = 0; i < count; i++) {
    const previous = nodes[i - 1]
    const node = await createBazaarNode({
      ...options(i),
      ...(previous === undefined ? {} : { bootstrap: previous.getMultiaddrs().map(String) }),
    })
    await node.start()
    nodes.push(node)
  }
  return nodes
}

export async function stopAll(nodes: BazaarNode[]): Promise<void> {
  await Promise.allSettled(nodes.map((n) => n.stop({ graceMs: 0 })))
}

/** Polls `check` until it returns true, failing after `timeoutMs` (only where no event exists). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Waits until every node's DHT routing table holds at least `min` peers. */
export async function waitForRoutingTables(nodes: BazaarNode[], min = 1): Promise<void> {
  await waitFor(
    () => nodes.every((n) => n.libp2p.services.dht.routingTable.size >= min),
    15_000,
    'routing tables',
  )
}

/** Resolves with the next payment event of `kind` (and `direction`) the node emits. */
export function nextPayment(
  node: BazaarNode,
  kind: PaymentEventDetail['kind'],
  direction: PaymentEventDetail['direction'] = 'inbound',
): Promise<PaymentEventDetail> {
  return new Promise((resolve) => {
    const listener = (evt: CustomEvent<PaymentEventDetail>): void => {
      if (evt.detail.kind !== kind || evt.detail.direction !== direction) return
      node.removeEventListener('payment', listener)
      resolve(evt.detail)
    }
    node.addEventListener('payment', listener)
  })
}
