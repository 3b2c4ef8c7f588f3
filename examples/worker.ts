/**
 * A worker agent: joins the network, advertises a paid "summarize" skill and serves it until it
 * is stopped (SIGINT or SIGTERM), finishing the jobs in flight first.
 *
 *   node examples/worker.ts --data-dir ./worker-data --ledger ./ledger.db [--port 4001] [--delay-ms 0]
 *
 * Prints one JSON line per event on stdout: `ready` (peer id and addresses), then `job` updates.
 */
import { parseArgs } from 'node:util'
import { createBazaarNode } from '@bazaar/node'
import { LocalLedger, loadWalletKeys, openWallet } from '@bazaar/wallet'

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: './worker-data' },
    ledger: { type: 'string', default: './ledger.db' },
    port: { type: 'string', default: '0' },
    bootstrap: { type: 'string', multiple: true, default: [] },
    price: { type: 'string', default: '10' },
    'delay-ms': { type: 'string', default: '0' },
  },
})
const dataDir = values['data-dir']
const delayMs = Number(values['delay-ms'])

// Keys live in the data directory; the settlement here is the local development ledger.
const keys = await loadWalletKeys({ dataDir })
const ledger = await LocalLedger.open({ path: values.ledger, account: keys.settlementKey.address })
const wallet = await openWallet({ dataDir, settlement: ledger, keys })
const node = await createBazaarNode({
  dataDir,
  wallet,
  name: 'example-summarizer',
  listen: [`/ip4/127.0.0.1/tcp/${values.port}`],
  bootstrap: values.bootstrap,
})
await node.start()

await node.skills.advertise(
  { id: 'summarize', price: BigInt(values.price), description: 'first sentence and word count' },
  async ({ input, progress, signal }) => {
    const text = new TextDecoder().decode(input)
    progress(100, 'reading')
    if (delayMs > 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, delayMs)
        signal.addEventListener('abort', () => {
          clearTimeout(timer)
          reject(signal.reason)
        })
      })
    }
    const words = text.split(/\s+/).filter(Boolean).length
    const first = text.split(/(?<=[.!?])\s/)[0] ?? ''
    return `${first} (${words} words)`
  },
)

const print = (event: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify(event, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`)
node.addEventListener('job', (evt) =>
  print({ event: 'job', state: evt.detail.state, jobId: evt.detail.jobId, peer: evt.detail.peer.toString() }),
)
print({ event: 'ready', peerId: node.peerId.toString(), addresses: node.getMultiaddrs().map(String) })

async function shutdown(): Promise<void> {
  await node.stop({ graceMs: 5_000 })
  await wallet.close()
  await ledger.stop()
  print({ event: 'stopped' })
  process.exit(0)
}
process.once('SIGINT', () => void shutdown())
process.once('SIGTERM', () => void shutdown())
