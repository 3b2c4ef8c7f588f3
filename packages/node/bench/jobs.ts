/**
 * Jobs benchmark: a paid hire (request -> sealed delivery -> locked channel update + Pay ->
 * reveal -> fold) on a warm connection between two real nodes, beside a bare request/response
 * on the same connection (a new stream per request, 200 bytes each way) measured in the same
 * run; then jobs per second at concurrency 1, 8 and 64.
 *
 *   pnpm exec tsc -b packages/node && pnpm exec node packages/node/dist/bench/jobs.js
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { multiaddr } from '@multiformats/multiaddr'
import type { BazaarNode } from '../src/index.js'
import { benchPeer, ECHO, PAYLOAD_BYTES } from './helpers/peer.js'

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 400)
const JOBS = Number(process.env.BENCH_JOBS ?? 640)
const PAYLOAD = new Uint8Array(PAYLOAD_BYTES).fill(7)

/** One request/response on a new stream: what a job's own stream costs at the least. */
async function echo(client: BazaarNode, worker: BazaarNode): Promise<void> {
  const stream = await client.libp2p.dialProtocol(worker.peerId, ECHO)
  stream.send(PAYLOAD)
  let got = 0
  for await (const chunk of stream) {
    got += chunk.byteLength
    if (got >= PAYLOAD.byteLength) break
  }
  await stream.close()
  if (got !== PAYLOAD.byteLength) throw new Error(`echo returned ${got} bytes`)
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function timed(fn: () => Promise<unknown>, samples: number): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < samples; i++) {
    const start = performance.now()
    await fn()
    out.push(performance.now() - start)
  }
  return out.sort((a, b) => a - b)
}

async function throughput(fn: () => Promise<unknown>, total: number, concurrency: number): Promise<number> {
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++
        await fn()
      }
    }),
  )
  return (total / (performance.now() - start)) * 1000
}

const ms = (v: number): string => `${v.toFixed(3)} ms`

const dir = await mkdtemp(join(tmpdir(), 'bazaar-bench-jobs-'))
const ledgerPath = join(dir, 'ledger.db')
// The worker runs in its own process, as it would in production: its wallet's disk commits and
// crypto do not share the client's event loop.
const child = spawn(process.execPath, [join(import.meta.dirname, 'helpers', 'worker.js'), dir, ledgerPath], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string]
const { addresses } = JSON.parse(line) as { addresses: string[] }
const client = await benchPeer(dir, ledgerPath, 'client', addresses)
const workerConnection = await client.node.libp2p.dial(multiaddr(addresses[0]!))
const worker = { node: { peerId: workerConnection.remotePeer } as BazaarNode }

const hire = () =>
  client.node.jobs.hire({ skill: 'echo', input: PAYLOAD, budget: 10n, peer: worker.node.peerId })

// Warm up: connection, channel open, card cache, JIT.
for (let i = 0; i < 50; i++) {
  await hire()
  await echo(client.node, worker.node)
}

const bare = await timed(() => echo(client.node, worker.node), SAMPLES)
const hires = await timed(hire, SAMPLES)
const bare2 = await timed(() => echo(client.node, worker.node), SAMPLES)
const base = [...bare, ...bare2].sort((a, b) => a - b)
console.log(`hire round trip on a warm connection (${SAMPLES} samples, paid: lock + reveal + fold)`)
console.log(
  `  bare request/response, new stream, 200 B: p50 ${ms(percentile(base, 50))}, p99 ${ms(percentile(base, 99))}`,
)
console.log(
  `  paid hire:                              p50 ${ms(percentile(hires, 50))}, p99 ${ms(percentile(hires, 99))}`,
)
console.log(
  `  ratio p50 hire / bare: ${(percentile(hires, 50) / percentile(base, 50)).toFixed(2)} (target <= 3)`,
)

console.log(`jobs per second between two nodes (${JOBS} paid jobs each), beside bare request/response`)
for (const concurrency of [1, 8, 64]) {
  const bareRate = await throughput(() => echo(client.node, worker.node), JOBS, concurrency)
  const jobRate = await throughput(hire, JOBS, concurrency)
  console.log(
    `  concurrency ${String(concurrency).padStart(2)}: ${jobRate.toFixed(0)} jobs/s, bare ${bareRate.toFixed(0)} req/s, ratio ${(jobRate / bareRate).toFixed(2)}`,
  )
}

await client.close()
const channel = client.wallet.channels.list().find((c) => c.role === 'payer')
const paid = channel === undefined ? 0n : client.wallet.channels.balance(channel.channelId).paid
const expected = BigInt(50 + SAMPLES + 3 * JOBS)
console.log(`books: payer paid ${paid} for ${expected} jobs at price 1`)
if (paid !== expected) process.exitCode = 1
child.kill('SIGTERM')
await once(child, 'exit')
await rm(dir, { recursive: true, force: true })
