/**
 * `walletBooks` pays out and refunds with a real wallet on a real LocalLedger file, including the
 * race the simulation hit in CI: the node's own deadline timer refunds a channel between the
 * books' read of the chain and their refund, which the contract then refuses (AlreadyPaidOut).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generatePeerKeyPair, generateSettlementKeyPair } from '@bazaar/protocol'
import { LocalLedger, openWallet, type Settlement, type Wallet } from '@bazaar/wallet'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { walletBooks } from '../../src/api/wallet-books.js'

const NATIVE = new Uint8Array(20)

describe('walletBooks', () => {
  let dir: string
  let t: bigint
  const clock = () => t
  let ledgers: LocalLedger[]
  let payer: Wallet
  let payee: Wallet
  let channelId: Uint8Array

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bazaar-books-'))
    t = 1_900_000_000n
    const keys = () => ({ peerKey: generatePeerKeyPair(), settlementKey: generateSettlementKeyPair() })
    const a = keys()
    const b = keys()
    const ledger = (account: Uint8Array) =>
      LocalLedger.open({ path: join(dir, 'ledger.db'), account, clock, pollMs: 10 })
    ledgers = [await ledger(a.settlementKey.address), await ledger(b.settlementKey.address)]
    await ledgers[0]!.mint(a.settlementKey.address, 10_000n)
    payer = await openWallet({
      dataDir: join(dir, 'a'),
      settlement: ledgers[0]!,
      keys: a,
      clock,
      watch: false,
    })
    payee = await openWallet({
      dataDir: join(dir, 'b'),
      settlement: ledgers[1]!,
      keys: b,
      clock,
      watch: false,
    })
    const opened = await payer.channels.open({
      peerKey: payee.peerKey.publicKey,
      payeeAddress: payee.settlementKey.address,
      deposit: 1_000n,
      ttl: 86_400n,
      disputeWindow: 600n,
    })
    channelId = opened.channelId
    await payee.channels.acceptOpen(opened.open, payer.peerKey.publicKey)
  })

  afterEach(async () => {
    await payer.close()
    await payee.close()
    for (const l of ledgers) await l.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('refunds an expired channel that never carried a payment', async () => {
    const books = walletBooks({ wallet: payer, settlement: ledgers[0]!, kind: 'ledger' })
    expect(await books.withdraw()).toEqual([])
    t += 86_400n + 600n
    const [outcome, ...rest] = await books.withdraw()
    expect(rest).toEqual([])
    expect(outcome).toMatchObject({
      channelId: Buffer.from(channelId).toString('hex'),
      toPayee: 0n,
      toPayer: 1_000n,
    })
    expect(outcome!.refs).toHaveLength(1)
    expect(await ledgers[0]!.balanceOf(payer.settlementKey.address, NATIVE)).toBe(10_000n)
  })

  it('reports a refund that the deadline timer made first instead of throwing AlreadyPaidOut', async () => {
    t += 86_400n + 600n
    // The books read the chain, then the node's timer refunds, then the books' own refund reverts.
    const real = ledgers[0]!
    let raced = false
    const racing: Settlement = Object.create(real)
    racing.getChannel = async (id: Uint8Array) => {
      const before = await real.getChannel(id)
      if (!raced) {
        raced = true
        const actions = await payer.channels.runDeadlines()
        expect(actions).toMatchObject([{ action: 'refund' }])
      }
      return before
    }
    const books = walletBooks({ wallet: payer, settlement: racing, kind: 'ledger' })
    const [outcome, ...rest] = await books.withdraw()
    expect(raced).toBe(true)
    expect(rest).toEqual([])
    expect(outcome).toMatchObject({
      channelId: Buffer.from(channelId).toString('hex'),
      toPayee: 0n,
      toPayer: 1_000n,
      refs: [],
    })
    expect(await real.balanceOf(payer.settlementKey.address, NATIVE)).toBe(10_000n)
  })
})
