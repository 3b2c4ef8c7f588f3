/**
 * The worker accepts the client's locked payment and disappears before it reveals the key: the
 * client's hire fails with a typed error, and once the lock has expired the client drops it (the
 * `unlock` payment event), so its amount is spendable again; on the ledger the client gets its
 * whole deposit back.
 */
import { join } from 'node:path'
import { LocalLedger, loadWalletKeys, openWallet, type Wallet } from '@bazaar/wallet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BazaarNode, createBazaarNode, type PaymentEventDetail, peerKeyOf } from '../../src/index.js'
import { deferred } from '../helpers/deferred.js'
import { nextPayment } from '../helpers/nodes.js'
import { closePaid, createPaidNode, NATIVE, type PaidNode, TestClock, tempDir } from '../helpers/paid.js'

const PRICE = 120n
const LOCK_TTL_S = 2
const DISPUTE_WINDOW = 60n

/** The worker's wallet, frozen at the reveal: the process "dies" between the lock and the key. */
function freezesAtReveal(wallet: Wallet, onReveal: () => void): Wallet {
  const channels = new Proxy(wallet.channels, {
    get(target, prop) {
      if (prop === 'revealPreimage') {
        return () => {
          onReveal()
          return new Promise(() => {})
        }
      }
      const value = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return new Proxy(wallet, {
    get(target, prop) {
      if (prop === 'channels') return channels
      const value = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

describe('worker vanishes after the lock, before the key', () => {
  const clock = new TestClock()
  let client: PaidNode
  let worker: BazaarNode
  let workerParts: { wallet: Wallet; ledger: LocalLedger; dataDir: string }
  const vanished = deferred()

  beforeAll(async () => {
    const ledgerPath = join(await tempDir('bazaar-ledger-'), 'ledger.db')
    client = await createPaidNode(
      ledgerPath,
      1_000_000n,
      { channels: { disputeWindowS: DISPUTE_WINDOW } },
      undefined,
      clock.now,
    )
    await client.node.start()
    const dataDir = await tempDir()
    const keys = await loadWalletKeys({ dataDir })
    const ledger = await LocalLedger.open({
      path: ledgerPath,
      account: keys.settlementKey.address,
      clock: clock.now,
    })
    const wallet = await openWallet({ dataDir, settlement: ledger, keys, clock: clock.now })
    workerParts = { wallet, ledger, dataDir }
    worker = await createBazaarNode({
      dataDir,
      wallet: freezesAtReveal(wallet, () => vanished.resolve()),
      bootstrap: client.node.getMultiaddrs().map(String),
      limits: { jobs: { lockTtlS: LOCK_TTL_S } },
    })
    await worker.start()
    await worker.skills.advertise({ id: 'translate', price: PRICE }, () => 'hallo')
  })

  afterAll(async () => {
    await worker.stop({ graceMs: 0 }).catch(() => {})
    await closePaid([client, { node: worker, address: new Uint8Array(20), ...workerParts }])
  })

  it('the client drops the expired lock and gets its money back', async () => {
    void vanished.promise.then(() => worker.libp2p.stop())
    const unlocked = new Promise<PaymentEventDetail>((resolve) =>
      client.node.addEventListener('payment', (evt) => {
        if (evt.detail.kind === 'unlock') resolve(evt.detail)
      }),
    )
    const locked = nextPayment(client.node, 'lock', 'outbound')
    await expect(
      client.node.jobs.hire({ skill: 'translate', peer: worker.peerId, input: 'hello', budget: 500n }),
    ).rejects.toMatchObject({ name: expect.stringMatching(/WorkerUnreachableError|JobTimeoutError/) })
    const lock = await locked
    const channel = client.wallet.channels.byPeer(peerKeyOf(worker.peerId)!)[0]!
    const id = channel.channelId
    expect(client.wallet.channels.balance(id)).toMatchObject({ paid: 0n, locked: PRICE })

    // At the lock's expiry the client signs the update that drops it, although the worker is gone.
    const released = await unlocked
    expect(released).toMatchObject({ amount: PRICE, jobId: lock.jobId, direction: 'outbound' })
    expect(client.wallet.channels.balance(id)).toMatchObject({ paid: 0n, locked: 0n })

    // On the ledger: the client closes, nobody claims the expired lock, the deposit comes back.
    const before = await client.ledger.balanceOf(client.address, NATIVE)
    await client.wallet.channels.closeChannel(id)
    clock.advance(DISPUTE_WINDOW + 1n)
    await client.wallet.channels.withdraw(id)
    expect(await client.ledger.balanceOf(client.address, NATIVE)).toBe(before + channel.capacity)
    const totals = client.ledger.totals()
    expect(totals.minted).toBe(totals.balances + totals.held)
  })
})
