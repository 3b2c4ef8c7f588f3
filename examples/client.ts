/**
 * A client agent: joins the network through a bootstrap peer, finds a worker for "summarize" in
 * the DHT, hires it (paying through a channel opened on the first hire) and prints the result and
 * the dual-signed receipt, with what the channel has paid so far.
 *
 *   node examples/client.ts --data-dir ./client-data --ledger ./ledger.db --bootstrap <multiaddr> \
 *     --text "Bazaar lets agents hire agents. It settles on a chain." [--budget 50] [--fund 1000000]
 */
import { parseArgs } from 'node:util'
import { createBazaarNode } from '@bazaar/node'
import { LocalLedger, loadWalletKeys, openWallet } from '@bazaar/wallet'

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: './client-data' },
    ledger: { type: 'string', default: './ledger.db' },
    bootstrap: { type: 'string', multiple: true, default: [] },
    text: { type: 'string', default: 'Bazaar is a market where agents hire agents. They pay per job.' },
    budget: { type: 'string', default: '50' },
    fund: { type: 'string', default: '0' },
  },
})
const dataDir = values['data-dir']

const keys = await loadWalletKeys({ dataDir })
const ledger = await LocalLedger.open({ path: values.ledger, account: keys.settlementKey.address })
// The development ledger can mint; a real chain would need a funded account instead.
if (BigInt(values.fund) > 0n) await ledger.mint(keys.settlementKey.address, BigInt(values.fund))
const wallet = await openWallet({ dataDir, settlement: ledger, keys })
const node = await createBazaarNode({ dataDir, wallet, name: 'example-client', bootstrap: values.bootstrap })
await node.start()

let output: Record<string, unknown>
try {
  const result = await node.jobs.hire({
    skill: 'summarize',
    input: values.text,
    budget: BigInt(values.budget),
    onProgress: ({ permille, message }) => process.stderr.write(`progress ${permille / 10}% ${message}\n`),
  })
  const receipt = result.receipt
  output = {
    worker: result.peer.toString(),
    result: result.text(),
    price: result.price.toString(),
    receipt:
      receipt === undefined
        ? null
        : {
            jobId: result.jobId,
            channelId: Buffer.from(receipt.body.channelId).toString('hex'),
            sequence: receipt.body.sequence.toString(),
            bytes: Buffer.from(receipt.bytes).toString('hex'),
          },
  }
} finally {
  // Stopping drains: the payment that folds the job's lock is written before the node stops.
  await node.stop({ graceMs: 5_000 })
}
const channel = wallet.channels.list().find((c) => c.role === 'payer')
if (channel !== undefined) {
  const { paid, available } = wallet.channels.balance(channel.channelId)
  output.channel = { paid: paid.toString(), available: available.toString() }
}
process.stdout.write(`${JSON.stringify(output)}\n`)
await wallet.close()
await ledger.stop()
