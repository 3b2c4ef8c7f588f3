/** The adapter itself: events through watch(), the journal hook, and an unreachable endpoint. */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lockLeaf } from '@bazaar/protocol'
import { keccak256 } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAnvil } from '../../src/evm/anvil.js'
import { FileWatchCursor } from '../../src/evm/event-watcher.js'
import { EvmSettlement } from '../../src/evm/evm-settlement.js'
import type { JournalOutcome, SettlementIntent, SettlementJournal } from '../../src/evm/tx-journal.js'
import type { SettlementEvent } from '../../src/settlement/types.js'
import { bytes32, type Fixture, hex, openChannel, plainState, startFixture } from './fixture.js'

let f: Fixture
beforeAll(async () => {
  f = await startFixture()
})
afterAll(async () => {
  await f?.stop()
})

/** Collects events until `done` says the wanted one arrived. */
function collect(
  s: EvmSettlement,
  done: (events: SettlementEvent[]) => boolean,
  fromHeight?: bigint,
): { events: SettlementEvent[]; reached: Promise<void>; stop: () => void; recheck: () => void } {
  const events: SettlementEvent[] = []
  let resolve!: () => void
  const reached = new Promise<void>((r) => {
    resolve = r
  })
  const stop = s.watch((e) => {
    events.push(e)
    if (done(events)) resolve()
  }, fromHeight)
  const recheck = (): void => {
    if (done(events)) resolve()
  }
  return { events, reached, stop, recheck }
}

describe('watch', () => {
  it('follows every step of a channel from a given height, in order', async () => {
    const from = await f.client.getBlockNumber()
    const ch = await openChannel(f, { deposit: 1_000n })
    const id = hex(ch.channelId)
    const preimage = bytes32()
    const lock = {
      hash: Buffer.from(keccak256(preimage).slice(2), 'hex'),
      amount: 40n,
      expiry: (await f.now()) + 300n,
      jobId: bytes32(),
    }
    await f.payer.settlement.topUp(ch.channelId, 10n)
    await f.payer.settlement.close(await f.signUpdate(f.payer.key, plainState(ch.channelId, 1n, 5n)))
    await f.payee.settlement.challenge(
      await f.signUpdate(f.payer.key, {
        ...plainState(ch.channelId, 2n, 50n),
        lockedTotal: 40n,
        locksRoot: lockLeaf(lock),
      }),
    )
    await f.payee.settlement.claimLock(ch.channelId, lock, preimage, [])
    await f.increaseTime(ch.disputeWindow)
    await f.payee.settlement.withdraw(ch.channelId)

    // A watcher started now, from the height before the open, catches up on all of it.
    const w = collect(
      f.stranger.settlement,
      (es) => es.some((e) => e.type === 'paid-out' && hex(e.channelId) === id),
      from,
    )
    await w.reached
    w.stop()
    const mine = w.events.filter((e) => hex(e.channelId) === id)
    expect(mine.map((e) => e.type)).toEqual([
      'opened',
      'topped-up',
      'closing',
      'challenged',
      'lock-claimed',
      'paid-out',
    ])
    expect(mine[0]).toMatchObject({ type: 'opened', deposit: 1_000n })
    expect(hex((mine[0] as { payer: Uint8Array }).payer)).toBe(hex(f.payer.address))
    expect(mine[1]).toMatchObject({ deposit: 1_010n })
    expect(mine[2]).toMatchObject({ sequence: 1n, cumulativePaid: 5n })
    expect(hex((mine[2] as { by: Uint8Array }).by)).toBe(hex(f.payer.address))
    expect(mine[3]).toMatchObject({ sequence: 2n, cumulativePaid: 50n })
    expect(mine[4]).toMatchObject({ amount: 40n })
    expect(hex((mine[4] as { preimage: Uint8Array }).preimage)).toBe(hex(preimage))
    expect(mine[5]).toMatchObject({ toPayee: 90n, toPayer: 920n, reason: 'withdraw' })
    const heights = mine.map((e) => e.height)
    expect([...heights].sort((a, b) => (a < b ? -1 : 1))).toEqual(heights)
  })

  it('without a height, reports only what happens after it started', async () => {
    const old = await openChannel(f)
    const w = collect(f.payee.settlement, (es) => es.some((e) => e.type === 'opened'))
    // The watcher asks for the head block synchronously inside watch(); the open below needs
    // several round trips (allowance, nonce, gas, send) before its block exists.
    const fresh = await openChannel(f)
    await w.reached
    w.stop()
    const ids = w.events.map((e) => hex(e.channelId))
    expect(ids).toContain(hex(fresh.channelId))
    expect(ids).not.toContain(hex(old.channelId))
  })
})

describe('catch-up after downtime', () => {
  it('a watcher with a cursor resumes after the last block it processed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bazaar-cursor-'))
    const cursor = new FileWatchCursor(join(dir, 'cursor'))
    const connect = () =>
      EvmSettlement.connect({
        rpcUrl: f.anvil.rpcUrl,
        chainId: f.chainId,
        contract: f.contract,
        privateKey: f.payee.key,
        pollingIntervalMs: 20,
        cursor,
      })
    const first = await connect()
    // No cursor saved yet: the watcher starts at the head (as asked synchronously in watch()).
    let seenId = ''
    const w1 = collect(first, (es) => es.some((e) => hex(e.channelId) === seenId))
    const seen = await openChannel(f)
    seenId = hex(seen.channelId)
    w1.recheck() // in case the event arrived before the open returned
    await w1.reached
    w1.stop()
    const seenHeight = w1.events.find((e) => hex(e.channelId) === seenId)!.height
    // The cursor is written after the events are delivered (polled: the write raises no event).
    const end = Date.now() + 5_000
    while (((await cursor.load()) ?? 0n) < seenHeight && Date.now() < end)
      await new Promise((r) => setTimeout(r, 20))
    await first.stop()

    // Offline: a channel is opened and closed.
    const missed = await openChannel(f)
    await f.payer.settlement.close(await f.signUpdate(f.payer.key, plainState(missed.channelId, 1n, 1n)))

    const second = await connect()
    const w2 = collect(second, (es) =>
      es.some((e) => e.type === 'closing' && hex(e.channelId) === hex(missed.channelId)),
    )
    await w2.reached
    w2.stop()
    await second.stop()
    const ids = w2.events.map((e) => `${e.type} ${hex(e.channelId)}`)
    expect(ids).toContain(`opened ${hex(missed.channelId)}`)
    expect(ids).toContain(`closing ${hex(missed.channelId)}`)
    expect(ids).not.toContain(`opened ${hex(seen.channelId)}`)
    await rm(dir, { recursive: true, force: true })
  })
})

describe('journal', () => {
  it('records each transaction before signing it, its signed bytes before broadcasting, then its outcome', async () => {
    const log: string[] = []
    const intents: SettlementIntent[] = []
    const journal: SettlementJournal = {
      async record(intent) {
        intents.push(intent)
        log.push(`record ${intent.action}`)
        return String(intents.length)
      },
      async signed(id, raw, txHash) {
        // The transaction must not exist on chain yet: it is recorded before the broadcast.
        const seen = await f.client.getTransaction({ hash: txHash }).then(
          () => true,
          () => false,
        )
        log.push(`signed ${id} ${raw.length > 100} ${seen}`)
      },
      async done(id, outcome: JournalOutcome) {
        log.push(`done ${id} ${'tx' in outcome ? 'ok' : outcome.error.name}`)
      },
      async pending() {
        return []
      },
    }
    const s = await EvmSettlement.connect({
      rpcUrl: f.anvil.rpcUrl,
      chainId: f.chainId,
      contract: f.contract,
      privateKey: f.payer.key,
      pollingIntervalMs: 20,
      journal,
    })
    const ch = await openChannel(f)
    await s.close(await f.signUpdate(f.payer.key, plainState(ch.channelId, 1n, 1n)))
    await s.withdraw(ch.channelId).catch(() => undefined)
    await s.stop()
    expect(log).toEqual([
      'record close',
      'signed 1 true false',
      'done 1 ok',
      'record withdraw',
      'done 2 SettlementWindowOpenError',
    ])
    // The recorded intent is enough to send the same transaction again.
    expect(intents[0]).toMatchObject({ action: 'close', to: f.contractHex, value: 0n })
    expect(intents[0]!.data.startsWith('0x')).toBe(true)
  })
})

describe('unreachable endpoint', () => {
  it('fails with RpcUnavailableError, not a crash', async () => {
    const anvil = await startAnvil()
    const s = await EvmSettlement.connect({
      rpcUrl: f.anvil.rpcUrl,
      chainId: f.chainId,
      contract: f.contract,
      privateKey: f.stranger.key,
      pollingIntervalMs: 20,
    })
    await anvil.stop()
    const offline = await EvmSettlement.connect({
      rpcUrl: anvil.rpcUrl,
      chainId: f.chainId,
      contract: f.contract,
      privateKey: f.stranger.key,
    }).catch((e) => e)
    expect(offline.name).toBe('RpcUnavailableError')
    await s.stop()
  })
})
