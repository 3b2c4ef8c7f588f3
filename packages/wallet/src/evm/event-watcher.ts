/**
 * Follows the contract's events by polling `eth_getLogs` in bounded block ranges (public RPCs cap
 * them), `confirmations - 1` blocks behind the head. With a cursor, a watcher started without a
 * height resumes after the last block it fully processed, so a node that was offline catches up
 * on closes it missed. Events of the cursor's block may be delivered again after a crash:
 * listeners must be idempotent (the wallet's are).
 */
import { randomBytes } from 'node:crypto'
import { open, readFile, rename } from 'node:fs/promises'
import type { Chain, PublicClient, Transport } from 'viem'
import type { SettlementEvent } from '../settlement/types.js'
import { type Address, settlementEvents } from './convert.js'

/** Default pause between cursor saves when blocks pass without events (ms). */
export const DEFAULT_CURSOR_SAVE_INTERVAL_MS = 30_000

/** Where a watcher keeps the last block it fully processed. */
export interface WatchCursor {
  load(): Promise<bigint | undefined>
  save(height: bigint): Promise<void>
}

/** A cursor in one small file, replaced atomically (write, fsync, rename). */
export class FileWatchCursor implements WatchCursor {
  constructor(readonly path: string) {}

  async load(): Promise<bigint | undefined> {
    try {
      const text = (await readFile(this.path, 'utf8')).trim()
      return /^\d+$/.test(text) ? BigInt(text) : undefined
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw err
    }
  }

  async save(height: bigint): Promise<void> {
    const tmp = `${this.path}.${randomBytes(4).toString('hex')}.tmp`
    const fh = await open(tmp, 'w', 0o600)
    try {
      await fh.write(`${height}\n`)
      await fh.datasync()
    } finally {
      await fh.close()
    }
    await rename(tmp, this.path)
  }
}

export interface EventWatcherInit {
  publicClient: PublicClient<Transport, Chain>
  address: Address
  confirmations: number
  pollingIntervalMs: number
  logBlockRange: bigint
  cursor?: WatchCursor | undefined
  cursorSaveIntervalMs?: number | undefined
}

/** Starts a polling watcher; returns the function that stops it. */
export function watchContractEvents(
  init: EventWatcherInit,
  listener: (event: SettlementEvent) => void,
  fromHeight?: bigint,
): () => void {
  let next = fromHeight
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let wake: (() => void) | undefined
  let lastSave = Date.now()
  const cursor = fromHeight === undefined ? init.cursor : undefined
  const saveEvery = init.cursorSaveIntervalMs ?? DEFAULT_CURSOR_SAVE_INTERVAL_MS

  const poll = async (): Promise<void> => {
    if (next === undefined && cursor !== undefined) {
      const saved = await cursor.load()
      if (saved !== undefined) next = saved + 1n
    }
    const head = await init.publicClient.getBlockNumber({ cacheTime: 0 })
    const safe = head - BigInt(init.confirmations - 1)
    let from: bigint = next ?? safe + 1n
    next = from
    while (!stopped && from <= safe) {
      const last: bigint = from + init.logBlockRange - 1n
      const to: bigint = last < safe ? last : safe
      const logs = await init.publicClient.getLogs({ address: init.address, fromBlock: from, toBlock: to })
      const events = settlementEvents(logs)
      for (const event of events) {
        if (stopped) return
        try {
          listener(event)
        } catch {
          // A listener's failure must not stop the watcher.
        }
      }
      if (cursor !== undefined && (events.length > 0 || Date.now() - lastSave >= saveEvery)) {
        await cursor.save(to)
        lastSave = Date.now()
      }
      from = to + 1n
      next = from
    }
  }

  void (async () => {
    while (!stopped) {
      try {
        await poll()
      } catch {
        // The endpoint is down or slow: try again at the next tick from the same block.
      }
      if (stopped) break
      await new Promise<void>((resolve) => {
        wake = resolve
        timer = setTimeout(resolve, init.pollingIntervalMs)
      })
    }
  })()

  return () => {
    stopped = true
    if (timer !== undefined) clearTimeout(timer)
    wake?.()
  }
}
