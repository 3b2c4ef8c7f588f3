/**
 * Real Bazaar nodes settling on a local anvil chain: each node has a data directory holding its
 * keys, its wallet, its settlement transaction journal (`settlement-journal.jsonl`) and its
 * watcher cursor (`settlement-cursor`), and an `EvmSettlement` acting as its settlement key on the
 * chain's BazaarChannels deployment, with channels funded in the chain's mock token.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type BazaarNode,
  type BazaarNodeOptions,
  createBazaarNode,
  type PaymentEventDetail,
} from '@bazaar/node'
import {
  type EvmSettlement,
  FileSettlementJournal,
  FileWatchCursor,
  type LocalChain,
  loadWalletKeys,
  openWallet,
  type SettlementEvent,
  startLocalChain,
  type Wallet,
  type WalletKeys,
} from '@bazaar/wallet'
import { afterAll, beforeAll } from 'vitest'

export const JOURNAL_FILE = 'settlement-journal.jsonl'
export const CURSOR_FILE = 'settlement-cursor'

export interface ChainNode {
  node: BazaarNode
  wallet: Wallet
  settlement: EvmSettlement
  keys: WalletKeys
  dataDir: string
  /** 20-byte settlement address (also the account that pays gas). */
  address: Uint8Array
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

/**
 * Creates and starts a node in `dataDir` (a new temporary one by default) whose wallet settles on
 * `chain` in its mock token. The account is funded the first time (`fund`, default true).
 */
export async function startChainNode(
  chain: LocalChain,
  options: BazaarNodeOptions & { fund?: boolean } = {},
): Promise<ChainNode> {
  const { fund = true, ...nodeOptions } = options
  const dataDir = options.dataDir ?? (await tempDir('bazaar-onchain-'))
  const keys = await loadWalletKeys({ dataDir })
  if (fund) await chain.fund([keys.settlementKey.address])
  const settlement = await chain.settlementFor(keys.settlementKey.privateKey, {
    journal: await FileSettlementJournal.open(join(dataDir, JOURNAL_FILE)),
    cursor: new FileWatchCursor(join(dataDir, CURSOR_FILE)),
  })
  let wallet: Wallet | undefined
  try {
    wallet = await openWallet({ dataDir, settlement, keys })
    const node = await createBazaarNode({
      ...nodeOptions,
      dataDir,
      wallet,
      channels: { token: chain.token, ...nodeOptions.channels },
    })
    await node.start()
    return { node, wallet, settlement, keys, dataDir, address: keys.settlementKey.address }
  } catch (err) {
    await wallet?.close()
    await settlement.stop()
    throw err
  }
}

/** Stops the node, closes its wallet and stops its settlement (the data directory stays). */
export async function stopChainNode(n: ChainNode): Promise<void> {
  await n.node.stop({ graceMs: 0 }).catch(() => {})
  await n.wallet.close().catch(() => {})
  await n.settlement.stop().catch(() => {})
}

export async function removeChainNode(n: ChainNode): Promise<void> {
  await stopChainNode(n)
  await rm(n.dataDir, { recursive: true, force: true })
}

async function rpc(chain: LocalChain, method: string, params: unknown[]): Promise<unknown> {
  const res = await fetch(chain.rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  const body = (await res.json()) as { result?: unknown; error?: { message: string } }
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`)
  return body.result
}

/** Moves the chain's clock forward (`evm_increaseTime`) and mines a block at the new time. */
export async function advanceChain(chain: LocalChain, seconds: bigint): Promise<void> {
  await rpc(chain, 'evm_increaseTime', [Number(seconds)])
  await rpc(chain, 'evm_mine', [])
}

/** Mines `count` empty blocks. */
export async function mineBlocks(chain: LocalChain, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await rpc(chain, 'evm_mine', [])
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

/**
 * Starts following `observer`'s contract events from the next block (fixed now, so nothing mined
 * after this resolves is missed); `next` resolves with the first event `match` accepts and
 * rejects after `timeoutMs`. The observer's cursor is not touched (an explicit start height).
 */
export async function watchFor(
  chain: LocalChain,
  observer: EvmSettlement,
  match: (event: SettlementEvent) => boolean,
  timeoutMs = 30_000,
): Promise<{ next: Promise<SettlementEvent> }> {
  const from = BigInt(String(await rpc(chain, 'eth_blockNumber', []))) + 1n
  const next = new Promise<SettlementEvent>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`no matching settlement event within ${timeoutMs} ms`))
    }, timeoutMs)
    const stop = observer.watch((event) => {
      if (!match(event)) return
      clearTimeout(timer)
      stop()
      resolve(event)
    }, from)
  })
  return { next }
}

/** Sums a node's inbound payments (`fold` events) per channel, and waits for a channel's total. */
export class InboundTally {
  private readonly sums = new Map<string, bigint>()
  private readonly waiters = new Set<{ channelId: string; total: bigint; resolve: () => void }>()

  constructor(node: BazaarNode) {
    node.addEventListener('payment', (evt: CustomEvent<PaymentEventDetail>) => {
      const d = evt.detail
      if (d.direction !== 'inbound' || d.kind !== 'fold') return
      const sum = (this.sums.get(d.channelId) ?? 0n) + d.amount
      this.sums.set(d.channelId, sum)
      for (const w of [...this.waiters]) {
        if (w.channelId === d.channelId && sum >= w.total) {
          this.waiters.delete(w)
          w.resolve()
        }
      }
    })
  }

  paid(channelId: string): bigint {
    return this.sums.get(channelId) ?? 0n
  }

  /** Resolves once `channelId`'s inbound folds add up to `total`; rejects after `timeoutMs`. */
  reach(channelId: string, total: bigint, timeoutMs = 60_000): Promise<void> {
    if (this.paid(channelId) >= total) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const waiter = {
        channelId,
        total,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        },
      }
      const timer = setTimeout(() => {
        this.waiters.delete(waiter)
        reject(
          new Error(`inbound payments reached ${this.paid(channelId)} of ${total} within ${timeoutMs} ms`),
        )
      }, timeoutMs)
      this.waiters.add(waiter)
    })
  }
}

/** Polls `check` until it returns a value, failing after `timeoutMs` (only where no event exists). */
export async function waitUntil<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A local chain for one `describe` block, and what runs on it; all stopped (anvil last) after it. */
export interface ChainSuite {
  /** The running chain (started in `beforeAll`). */
  chain(): LocalChain
  /** Registers a cleanup, run in reverse order before the chain stops. */
  track(stop: () => Promise<unknown>): void
  /** Runs the cleanups now (and stops the chain when `chain` is true). */
  stopAll(options?: { chain?: boolean }): Promise<void>
}

/** Starts a local chain in `beforeAll` and stops everything in `afterAll`, even after a failure. */
export function useLocalChain(): ChainSuite {
  let chain: LocalChain | undefined
  const stops: Array<() => Promise<unknown>> = []
  const stopAll = async (options: { chain?: boolean } = {}): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => {})
    if (options.chain === true) await chain?.stop()
  }
  beforeAll(async () => {
    chain = await startLocalChain()
  })
  afterAll(() => stopAll({ chain: true }))
  return {
    chain: () => {
      if (chain === undefined) throw new Error('the local chain is not started')
      return chain
    },
    track: (stop) => stops.push(stop),
    stopAll,
  }
}
