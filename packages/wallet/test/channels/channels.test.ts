import { generateSettlementKeyPair, secpSignDigest, updateDigest } from '@bazaar/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { channelErrorCode, type SignedUpdate } from '../../src/index.js'
import { openChannel, type Pair, pay, secret, walletPair } from '../helpers.js'

describe('channels', () => {
  let p: Pair
  let id: Uint8Array
  beforeEach(async () => {
    p = await walletPair()
    id = await openChannel(p, 1_000n)
  })
  afterEach(() => p.close())

  it('pays, acks and reports balances on both sides', async () => {
    await pay(p, id, { pay: 10n })
    await pay(p, id, { pay: 5n })
    expect(p.payee.channels.balance(id)).toEqual({ capacity: 1_000n, paid: 15n, locked: 0n, available: 985n })
    expect(p.payer.channels.get(id)?.acked).toBe(2n)
    expect(p.payee.channels.history(id).map((r) => r.update.cumulativePaid)).toEqual([10n, 15n])
    expect(p.payer.channels.byPeer(p.payee.peerKey.publicKey)).toHaveLength(1)
    expect(p.payee.channels.byPeer(p.payer.peerKey.publicKey, 'payee')).toHaveLength(1)
  })

  it('acceptUpdate persists the update, then signs the ack when asked; the payer records it', async () => {
    const update = await p.payer.channels.createUpdate(id, { pay: 7n })
    const accepted = await p.payee.channels.acceptUpdate(update)
    expect(p.payee.channels.history(id, 1n, 1n)[0]?.stateHash).toEqual(accepted.stateHash)
    const ack = accepted.ack()
    expect(ack).toMatchObject({ sequence: 1n, stateHash: accepted.stateHash })
    await p.payer.channels.receiveAck(ack)
    expect(p.payer.channels.get(id)?.acked).toBe(1n)
  })

  it('locks, reveals and folds a payment', async () => {
    const s = secret()
    const jobId = new Uint8Array(32).fill(9)
    const expiry = p.clock.now() + 300n
    await pay(p, id, { lock: { hash: s.hash, amount: 40n, expiry, jobId } })
    expect(p.payee.channels.locks(id)).toMatchObject([{ amount: 40n, preimage: undefined }])
    const revealed: unknown[] = []
    p.payee.addEventListener('lock-revealed', (e) => revealed.push((e as CustomEvent).detail))
    await p.payee.channels.revealPreimage(id, s.preimage)
    expect(revealed).toHaveLength(1)
    await p.payer.channels.recordPreimage(id, s.preimage)
    await pay(p, id, { fold: s.hash })
    expect(p.payee.channels.balance(id)).toMatchObject({ paid: 40n, locked: 0n })
  })

  async function rejects(update: SignedUpdate, name: string, code: string) {
    const before = p.payee.channels.get(id)
    const err = await p.payee.channels.receiveUpdate(update).catch((e: Error) => e)
    expect(err).toMatchObject({ name })
    expect(channelErrorCode(err)).toBe(code)
    expect(p.payee.channels.get(id)).toEqual(before)
  }

  function resign(u: SignedUpdate, key = p.payer.settlementKey.privateKey): SignedUpdate {
    const digest = updateDigest({ chainId: p.ledger.chainId, contract: p.ledger.contract }, u)
    return { ...u, signature: secpSignDigest(key, digest) }
  }

  it('names the rule each bad update breaks, and leaves the state unchanged', async () => {
    const { update: first } = await pay(p, id, { pay: 10n })
    const next = await p.payer.channels.createUpdate(id, { pay: 10n })
    await rejects(first, 'StaleSequenceError', 'STALE_SEQUENCE')
    await rejects(resign({ ...next, sequence: 3n }), 'SequenceGapError', 'SEQUENCE_GAP')
    await rejects(
      resign({ ...next, previousStateHash: new Uint8Array(32) }),
      'PreviousHashMismatchError',
      'PREVIOUS_HASH_MISMATCH',
    )
    await rejects(resign({ ...next, cumulativePaid: 5n }), 'AmountDecreasedError', 'AMOUNT_DECREASED')
    await rejects(
      resign({ ...next, cumulativePaid: 1_001n }),
      'InsufficientCapacityError',
      'INSUFFICIENT_CAPACITY',
    )
    await rejects(resign({ ...next, lockedTotal: 3n }), 'LockInvalidError', 'LOCK_INVALID')
    await rejects(
      resign(next, generateSettlementKeyPair().privateKey),
      'BadUpdateSignatureError',
      'BAD_SIGNATURE',
    )
    await rejects({ ...next, cumulativePaid: 11n }, 'BadUpdateSignatureError', 'BAD_SIGNATURE')
    await rejects(
      { ...next, channelId: new Uint8Array(32).fill(3) },
      'ChannelUnknownError',
      'CHANNEL_UNKNOWN',
    )
    const expiredLock = {
      hash: secret().hash,
      amount: 1n,
      expiry: p.clock.now() - 1n,
      jobId: new Uint8Array(32),
    }
    await rejects(
      resign({
        ...next,
        locks: [expiredLock],
        lockedTotal: 1n,
        locksRoot: (await import('@bazaar/protocol')).locksRoot([expiredLock]),
      }),
      'LockInvalidError',
      'LOCK_INVALID',
    )
    p.clock.advance(86_400n)
    await rejects(next, 'ChannelExpiredError', 'CHANNEL_EXPIRED')
  })

  it('refuses an open for another network or with a forged binding', async () => {
    const other = await walletPair()
    try {
      const { open } = await other.payer.channels.open({
        peerKey: p.payee.peerKey.publicKey,
        payeeAddress: p.payee.settlementKey.address,
        deposit: 10n,
      })
      const err = await p.payee.channels.acceptOpen(open).catch((e: Error) => e)
      expect(err).toMatchObject({ name: 'WrongNetworkError' })
      const forged = { ...open, signature: new Uint8Array(64).fill(1) }
      await expect(p.payee.channels.acceptOpen(forged)).rejects.toMatchObject({
        name: 'BadUpdateSignatureError',
      })
    } finally {
      await other.close()
    }
  })

  it('refuses an open the settlement layer does not hold, and a payer open it cannot fund', async () => {
    const { signOpen } = await import('../../src/index.js')
    const ch = p.payer.channels.get(id)!
    const body = {
      chainId: p.ledger.chainId,
      contract: p.ledger.contract,
      payerKey: p.payer.peerKey.publicKey,
      payeeKey: p.payee.peerKey.publicKey,
      payerAddress: p.payer.settlementKey.address,
      payeeAddress: p.payee.settlementKey.address,
      token: new Uint8Array(20),
      capacity: 1_000n,
      expiry: ch.expiry,
      nonce: ch.nonce + 1n,
      disputeWindow: Number(ch.disputeWindow),
      issuedAt: BigInt(Date.now()),
    }
    const never = signOpen(body, p.payer.peerKey.privateKey)
    await expect(p.payee.channels.acceptOpen(never)).rejects.toMatchObject({ name: 'ChannelUnknownError' })
    const big = signOpen({ ...body, nonce: ch.nonce, capacity: 5_000n }, p.payer.peerKey.privateKey)
    await expect(p.payee.channels.acceptOpen(big)).rejects.toMatchObject({ name: 'OpenMismatchError' })
    const refused = p.payer.channels.open({
      peerKey: p.payee.peerKey.publicKey,
      payeeAddress: p.payee.settlementKey.address,
      deposit: 10n ** 9n,
    })
    await expect(refused).rejects.toMatchObject({ rule: 'InsufficientFunds' })
    expect(p.payer.channels.list().filter((c) => c.status === 'open')).toHaveLength(1)
  })

  it('a payee drops nothing it acked: an unpaid live lock cannot be removed', async () => {
    const s = secret()
    const lock = { hash: s.hash, amount: 30n, expiry: p.clock.now() + 300n, jobId: new Uint8Array(32) }
    await pay(p, id, { lock })
    const ch = p.payer.channels.get(id)!
    const dropped = resign({
      ...ch.latest!,
      sequence: 2n,
      previousStateHash: ch.stateHash,
      locks: [],
      lockedTotal: 0n,
      locksRoot: new Uint8Array(32),
    })
    await rejects(dropped, 'LockInvalidError', 'LOCK_INVALID')
    p.clock.advance(301n)
    await expect(p.payer.channels.createUpdate(id, { unlock: s.hash })).resolves.toMatchObject({
      lockedTotal: 0n,
    })
  })

  it('re-establish: the payer re-sends what the payee lacks; a payee behind refuses to close', async () => {
    await pay(p, id, { pay: 1n })
    const lost = [
      await p.payer.channels.createUpdate(id, { pay: 1n }),
      await p.payer.channels.createUpdate(id, { pay: 1n }),
    ]
    const payeeInfo = p.payee.channels.reestablishInfo(id)
    const payerInfo = p.payer.channels.reestablishInfo(id)
    expect(await p.payee.channels.handleReestablish(payerInfo)).toEqual({ status: 'behind', until: 3n })
    await expect(p.payee.channels.closeChannel(id)).rejects.toMatchObject({ name: 'ChannelBehindError' })
    const r = await p.payer.channels.handleReestablish(payeeInfo)
    expect(r).toEqual({ status: 'resend', updates: lost })
    if (r.status !== 'resend') throw new Error('unreachable')
    for (const u of r.updates) await p.payer.channels.receiveAck(await p.payee.channels.receiveUpdate(u))
    expect(await p.payee.channels.handleReestablish(p.payer.channels.reestablishInfo(id))).toEqual({
      status: 'ok',
    })
    expect(await p.payer.channels.handleReestablish(p.payee.channels.reestablishInfo(id))).toEqual({
      status: 'ok',
    })
    expect(p.payee.channels.get(id)?.behindUntil).toBe(0n)
  })

  it('re-establish refuses histories that cannot both be right', async () => {
    await pay(p, id, { pay: 1n })
    const forgedHash = { ...p.payee.channels.reestablishInfo(id), lastStateHash: new Uint8Array(32).fill(7) }
    await expect(p.payer.channels.handleReestablish(forgedHash)).rejects.toMatchObject({
      name: 'ChannelDesyncError',
    })
    const ahead = { ...p.payee.channels.reestablishInfo(id), lastSequence: 9n }
    await expect(p.payer.channels.handleReestablish(ahead)).rejects.toMatchObject({
      name: 'ChannelDesyncError',
    })
    const payerLost = { channelId: id, lastSequence: 0n, lastStateHash: id }
    await expect(p.payee.channels.handleReestablish(payerLost)).rejects.toMatchObject({
      name: 'ChannelDesyncError',
    })
    expect(p.payee.channels.get(id)?.latest?.sequence).toBe(1n)
  })

  it('survives a restart: the store restores channels, history and preimages', async () => {
    const s = secret()
    await pay(p, id, {
      pay: 7n,
      lock: { hash: s.hash, amount: 3n, expiry: p.clock.now() + 100n, jobId: new Uint8Array(32) },
    })
    await p.payee.channels.revealPreimage(id, s.preimage)
    const { openWallet } = await import('../../src/index.js')
    const { join } = await import('node:path')
    await p.payee.close()
    const again = await openWallet({
      dataDir: join(p.dir, 'b'),
      settlement: p.payee.settlement,
      keys: { peerKey: p.payee.peerKey, settlementKey: p.payee.settlementKey },
      clock: p.clock.now,
      watch: false,
    })
    expect(again.channels.balance(id)).toMatchObject({ paid: 7n, locked: 3n })
    expect(again.channels.preimageOf(s.hash)).toEqual(s.preimage)
    p.payee = again
  })
})
