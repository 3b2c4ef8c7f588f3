/**
 * Paid nodes for tests: each gets a data directory with its wallet (keys, channel store) and an
 * account on one shared LocalLedger file, funded by minting.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalLedger, loadWalletKeys, openWallet, type Wallet } from '@bazaar/wallet'
import { type BazaarNode, type BazaarNodeOptions, createBazaarNode } from '../../src/index.js'

export interface PaidNode {
  node: BazaarNode
  wallet: Wallet
  ledger: LocalLedger
  dataDir: string
  address: Uint8Array
}

export const NATIVE = new Uint8Array(20)

export async function tempDir(prefix = 'bazaar-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

/** Creates (not starts) a node with a wallet on the shared ledger, funded with `funds`. */
export async function createPaidNode(
  ledgerPath: string,
  funds: bigint,
  options: BazaarNodeOptions = {},
  dataDir?: string,
  clock?: () => bigint,
): Promise<PaidNode> {
  const dir = dataDir ?? (await tempDir())
  const keys = await loadWalletKeys({ dataDir: dir })
  const ledger = await LocalLedger.open({
    path: ledgerPath,
    account: keys.settlementKey.address,
    ...(clock ? { clock } : {}),
  })
  if (funds > 0n) await ledger.mint(keys.settlementKey.address, funds)
  const wallet = await openWallet({ dataDir: dir, settlement: ledger, keys, ...(clock ? { clock } : {}) })
  const node = await createBazaarNode({ dataDir: dir, wallet, ...options })
  return { node, wallet, ledger, dataDir: dir, address: keys.settlementKey.address }
}

export async function closePaid(nodes: PaidNode[]): Promise<void> {
  await Promise.allSettled(nodes.map((n) => n.node.stop({ graceMs: 0 })))
  await Promise.allSettled(nodes.map((n) => n.wallet.close()))
  await Promise.allSettled(nodes.map((n) => n.ledger.stop()))
  await Promise.allSettled(nodes.map((n) => rm(n.dataDir, { recursive: true, force: true })))
}

/** A clock in unix seconds that tests can move forward (shared by ledger and wallets). */
export class TestClock {
  offset = 0n
  readonly now = (): bigint => BigInt(Math.floor(Date.now() / 1000)) + this.offset
  advance(seconds: bigint): void {
    this.offset += seconds
  }
}

/** Starts `count` paid nodes in a line on one ledger, each funded with `funds`. */
export async function paidNetwork(
  count: number,
  funds: bigint,
  options: (i: number) => BazaarNodeOptions = () => ({}),
  clock?: TestClock,
): Promise<{ nodes: PaidNode[]; ledgerPath: string }> {
  const ledgerPath = join(await tempDir('bazaar-ledger-'), 'ledger.db')
  const nodes: PaidNode[] = []
  for (let i = 0; i < count; i++) {
    const previous = nodes[i - 1]
    const bootstrap = previous === undefined ? [] : previous.node.getMultiaddrs().map(String)
    const paid = await createPaidNode(ledgerPath, funds, { ...options(i), bootstrap }, undefined, clock?.now)
    await paid.node.start()
    nodes.push(paid)
  }
  return { nodes, ledgerPath }
}
