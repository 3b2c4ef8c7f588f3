/**
 * Wallet benchmark: durable channel updates per second on one channel, in process (the payer
 * signs and persists, the payee verifies, persists and acks, the payer records the ack), with
 * group commit, beside the raw native crypto of one update measured in the same run (secp256k1
 * sign + recover of the EIP-712 digest, Ed25519 ack sign + verify). Also the p50/p99 latency of
 * a single update with nothing else in flight.
 *
 * Run: `pnpm bench` (all) or `pnpm exec tsc -b packages/wallet && node packages/wallet/dist/bench/channels.js`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ed25519Sign,
  ed25519Verify,
  generatePeerKeyPair,
  generateSettlementKeyPair,
  secpRecoverAddress,
  secpSignDigest,
  updateDigest,
} from '@bazaar/protocol'
import { LocalLedger, openDatabase, openWallet, type Wallet } from '../src/index.js'

const WINDOW = Number(process.env.BENCH_WINDOW ?? 256)
const DURATION_MS = Number(process.env.BENCH_MS ?? 3_000)
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY ?? 1_000)

function rawRate(ms: number): number {
  const key = generateSettlementKeyPair()
  const peer = generatePeerKeyPair()
  const domain = { chainId: 1337n, contract: new Uint8Array(20).fill(1) }
  const ackBody = new Uint8Array(72)
  let n = 0
  const end = performance.now() + ms
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) {
      const digest = updateDigest(domain, {
        channelId: new Uint8Array(32),
        sequence: BigInt(n + 1),
        previousStateHash: new Uint8Array(32),
        cumulativePaid: BigInt(n),
        lockedTotal: 0n,
        locksRoot: new Uint8Array(32),
        jobId: new Uint8Array(32),
      })
      const sig = secpSignDigest(key.privateKey, digest)
      secpRecoverAddress(digest, sig)
      ackBody.set(digest, 40)
      ed25519Verify(peer.publicKey, ackBody, ed25519Sign(peer.privateKey, ackBody))
      n++
    }
  }
  return (n * 1000) / ms
}

/** p50 of one single-row commit (WAL, synchronous=FULL): the fsync an update would pay alone. */
function commitP50(dir: string, samples: number): number {
  const db = openDatabase(join(dir, 'fsync.db'), { applicationId: 1 })
  db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)')
  const put = db.prepare('INSERT OR REPLACE INTO t (k, v) VALUES (?, ?)')
  const row = new Uint8Array(200)
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const t = performance.now()
    put.run(i % 64, row)
    times.push(performance.now() - t)
  }
  db.close()
  times.sort((x, y) => x - y)
  return times[Math.floor(samples / 2)]!
}

async function pair(
  dir: string,
): Promise<{ payer: Wallet; payee: Wallet; id: Uint8Array; stop: () => Promise<void> }> {
  const keys = () => ({ peerKey: generatePeerKeyPair(), settlementKey: generateSettlementKeyPair() })
  const a = keys()
  const b = keys()
  const path = join(dir, 'ledger.db')
  const la = await LocalLedger.open({ path, account: a.settlementKey.address })
  const lb = await LocalLedger.open({ path, account: b.settlementKey.address })
  await la.mint(a.settlementKey.address, 10n ** 15n)
  const payer = await openWallet({ dataDir: join(dir, 'a'), settlement: la, keys: a, watch: false })
  const payee = await openWallet({ dataDir: join(dir, 'b'), settlement: lb, keys: b, watch: false })
  const { channelId, open } = await payer.channels.open({
    peerKey: b.peerKey.publicKey,
    payeeAddress: b.settlementKey.address,
    deposit: 10n ** 15n,
  })
  await payee.channels.acceptOpen(open)
  return {
    payer,
    payee,
    id: channelId,
    stop: async () => {
      await payer.close()
      await payee.close()
      await la.stop()
      await lb.stop()
    },
  }
}

/** Updates/s with `window` updates in flight; each batch: create, receive, ack. */
async function durableRate(p: Awaited<ReturnType<typeof pair>>, window: number, ms: number): Promise<number> {
  let n = 0
  const start = performance.now()
  while (performance.now() - start < ms) {
    const updates = await Promise.all(
      Array.from({ length: window }, () => p.payer.channels.createUpdate(p.id, { pay: 1n })),
    )
    const acks = await Promise.all(updates.map((u) => p.payee.channels.receiveUpdate(u)))
    await Promise.all(acks.map((a) => p.payer.channels.receiveAck(a)))
    n += window
  }
  return (n * 1000) / (performance.now() - start)
}

async function latency(
  p: Awaited<ReturnType<typeof pair>>,
  samples: number,
): Promise<{ p50: number; p99: number }> {
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const t = performance.now()
    const u = await p.payer.channels.createUpdate(p.id, { pay: 1n })
    await p.payer.channels.receiveAck(await p.payee.channels.receiveUpdate(u))
    times.push(performance.now() - t)
  }
  times.sort((x, y) => x - y)
  return { p50: times[Math.floor(samples * 0.5)]!, p99: times[Math.floor(samples * 0.99)]! }
}

const dir = await mkdtemp(join(tmpdir(), 'bazaar-bench-wallet-'))
try {
  const p = await pair(dir)
  await durableRate(p, WINDOW, 300) // warm-up
  rawRate(300)
  const raw = rawRate(DURATION_MS)
  const durable = await durableRate(p, WINDOW, DURATION_MS)
  const stats = p.payer.storeStats
  const lat = await latency(p, LATENCY_SAMPLES)
  await p.stop()
  const commit = commitP50(dir, 500)
  const f = (x: number) => Math.round(x).toLocaleString('en-US')
  console.log('## Wallet: durable channel updates, one channel, in process')
  console.log(`raw native crypto of one update (secp sign + recover, ed25519 sign + verify): ${f(raw)} /s`)
  console.log(
    `durable updates (payer sign + persist, payee verify + persist + ack, ${WINDOW} in flight): ${f(durable)} /s`,
  )
  console.log(`ratio durable / raw: ${(durable / raw).toFixed(2)} (target >= 0.50); target >= 2,000 /s`)
  console.log(`group commit (payer store): ${stats.writes} writes in ${stats.commits} commits`)
  console.log(
    `single update round trip (nothing else in flight): p50 ${lat.p50.toFixed(3)} ms, p99 ${lat.p99.toFixed(3)} ms`,
  )
  const floor = 1000 / raw + 3 * commit
  console.log(
    `  baseline: raw crypto ${(1000 / raw).toFixed(3)} ms + 3 single commits (payer, payee, ack) of ${commit.toFixed(3)} ms = ${floor.toFixed(3)} ms; p50 / baseline ${(lat.p50 / floor).toFixed(2)}`,
  )
} finally {
  await rm(dir, { recursive: true, force: true })
}
