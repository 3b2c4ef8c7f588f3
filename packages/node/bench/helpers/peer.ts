/**
 * A benchmark peer: a node with a wallet on a shared LocalLedger, limits lifted for throughput
 * (the rate limit and spending policy guard against abuse, not what is measured), and the bare
 * echo protocol the hire is compared with.
 */
import { join } from 'node:path'
import { LocalLedger, loadWalletKeys, openWallet, type Wallet } from '@bazaar/wallet'
import type { Stream } from '@libp2p/interface'
import { type BazaarNode, createBazaarNode } from '../../src/index.js'

export const ECHO = '/bazaar-bench/echo/1.0.0'
export const PAYLOAD_BYTES = 200

export interface BenchPeer {
  node: BazaarNode
  wallet: Wallet
  ledger: LocalLedger
  close(): Promise<void>
}

export async function benchPeer(
  dir: string,
  ledgerPath: string,
  name: string,
  bootstrap: string[] = [],
): Promise<BenchPeer> {
  const dataDir = join(dir, name)
  const keys = await loadWalletKeys({ dataDir })
  const ledger = await LocalLedger.open({ path: ledgerPath, account: keys.settlementKey.address })
  await ledger.mint(keys.settlementKey.address, 10n ** 12n)
  const wallet = await openWallet({ dataDir, settlement: ledger, keys })
  const node = await createBazaarNode({
    dataDir,
    wallet,
    name,
    bootstrap,
    channels: { deposit: 10n ** 9n },
    spending: { maxPerJob: 10n ** 6n, maxPerPeerPerDay: 10n ** 9n, maxPerDay: 10n ** 9n },
    limits: { jobs: { rateBurst: 1_000_000, ratePerSecond: 1_000_000 } },
  })
  await node.start()
  await node.libp2p.handle(ECHO, serveEcho, { maxInboundStreams: 1024, maxOutboundStreams: 1024 })
  return {
    node,
    wallet,
    ledger,
    close: async () => {
      await node.stop({ graceMs: 5_000 })
      await wallet.close()
      await ledger.stop()
    },
  }
}

/** Echoes one 200-byte request on its own stream. */
async function serveEcho(stream: Stream): Promise<void> {
  try {
    let got = 0
    for await (const chunk of stream) {
      stream.send(chunk)
      got += chunk.byteLength
      if (got >= PAYLOAD_BYTES) break
    }
    await stream.close()
  } catch (err) {
    stream.abort(err as Error)
  }
}
