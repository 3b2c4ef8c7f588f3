/**
 * The benchmark's worker, in its own process (as a real worker would be): serves a paid echo
 * skill and the bare echo protocol, prints its addresses as one JSON line, stops on SIGTERM.
 *
 *   node packages/node/dist/bench/helpers/worker.js <dir> <ledger path>
 */
import { benchPeer } from './peer.js'

const [dir, ledgerPath] = process.argv.slice(2)
if (dir === undefined || ledgerPath === undefined) throw new Error('usage: worker.js <dir> <ledger>')
const worker = await benchPeer(dir, ledgerPath, 'worker')
await worker.node.skills.advertise(
  { id: 'echo', price: 1n, limits: { maxConcurrency: 1024 } },
  ({ input }) => input,
)
process.stdout.write(`${JSON.stringify({ addresses: worker.node.getMultiaddrs().map(String) })}\n`)
process.once('SIGTERM', () => {
  void worker.close().then(() => process.exit(0))
})
