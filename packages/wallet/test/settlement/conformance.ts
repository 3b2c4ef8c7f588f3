/**
 * The Settlement conformance suite: one set of rules every `Settlement` implementation must
 * enforce identically (LocalLedger, EvmSettlement, ...). Call `runSettlementConformance(name,
 * factory)` inside a vitest file; each test gets a fresh fixture from `factory` and tears it down.
 * Rule violations are checked by `.rule` (the contract's custom error name).
 */
import { randomBytes } from 'node:crypto'
import {
  cooperativeCloseDigest,
  type HashLock,
  keccak256,
  lockProof,
  locksRoot,
  secpSignDigest,
  updateDigest,
} from '@bazaar/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Settlement, SettlementEvent, SignedState } from '../../src/index.js'

/** What a conformance test needs from an implementation. */
export interface ConformanceFixture {
  /** Acts as the payer's account, funded with at least 10,000 units of `token`. */
  payer: Settlement
  /** Acts as the payee's account. */
  payee: Settlement
  /** secp256k1 private keys of the two accounts (sign updates and cooperative closes). */
  payerKey: Uint8Array
  payeeKey: Uint8Array
  /** The token channels are funded in: one whose balances move only by the channel (an ERC-20 on chain). */
  token: Uint8Array
  /** Moves settlement time forward by `seconds` (and mines a block on a chain). */
  advance(seconds: bigint): Promise<void>
  teardown(): Promise<void>
}

const DEPOSIT = 1_000n
const WINDOW = 600n
const TTL = 3_600n
const ZERO32 = new Uint8Array(32)

async function rule(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
    return undefined
  } catch (err) {
    return (err as { rule?: string }).rule ?? `(no rule: ${(err as Error).name}: ${(err as Error).message})`
  }
}

export function runSettlementConformance(name: string, factory: () => Promise<ConformanceFixture>): void {
  describe(`Settlement conformance: ${name}`, () => {
    let f: ConformanceFixture
    let channelId: Uint8Array
    let start: bigint
    let payerBefore: bigint
    let payeeBefore: bigint

    const sign = (state: Omit<SignedState, 'signature'>, key = f.payerKey): SignedState => ({
      ...state,
      signature: secpSignDigest(
        key,
        updateDigest({ chainId: f.payer.chainId, contract: f.payer.contract }, state),
      ),
    })
    const state = (sequence: bigint, cumulativePaid: bigint, locks: HashLock[] = []) =>
      sign({
        channelId,
        sequence,
        previousStateHash: ZERO32,
        cumulativePaid,
        lockedTotal: locks.reduce((s, l) => s + l.amount, 0n),
        locksRoot: locksRoot(locks),
        jobId: ZERO32,
      })
    const balances = async () => ({
      payer: (await f.payer.balanceOf(f.payer.account, f.token)) - payerBefore,
      payee: (await f.payer.balanceOf(f.payee.account, f.token)) - payeeBefore,
    })

    beforeEach(async () => {
      f = await factory()
      start = await f.payer.now()
      payerBefore = await f.payer.balanceOf(f.payer.account, f.token)
      payeeBefore = await f.payer.balanceOf(f.payee.account, f.token)
      const opened = await f.payer.open({
        payee: f.payee.account,
        token: f.token,
        deposit: DEPOSIT,
        expiry: start + TTL,
        disputeWindow: WINDOW,
        nonce: BigInt(randomBytes(4).readUInt32BE()),
      })
      channelId = opened.channelId
    })
    afterEach(() => f.teardown())

    it('opens a funded channel both parties see', async () => {
      const ch = await f.payee.getChannel(channelId)
      expect(ch).toMatchObject({ deposit: DEPOSIT, status: 'open', sequence: 0n, paidOut: false })
      expect(ch?.payer).toEqual(f.payer.account)
      expect(ch?.payee).toEqual(f.payee.account)
      expect((await balances()).payer).toBe(-DEPOSIT)
      expect(await f.payer.getChannel(new Uint8Array(32).fill(0xee))).toBeUndefined()
    })

    it('close, window, withdraw: the payee gets the signed amount, the payer the rest, once', async () => {
      await f.payee.close(state(2n, 300n))
      expect(await f.payer.getChannel(channelId)).toMatchObject({
        status: 'closing',
        sequence: 2n,
        cumulativePaid: 300n,
      })
      expect(await rule(f.payee.withdraw(channelId))).toBe('WindowOpen')
      expect(await rule(f.payer.close(state(3n, 400n)))).toBe('ChannelNotOpen')
      await f.advance(WINDOW + 1n)
      await f.payee.withdraw(channelId)
      expect(await balances()).toEqual({ payer: -300n, payee: 300n })
      expect(await rule(f.payer.withdraw(channelId))).toBe('AlreadyPaidOut')
      expect(await rule(f.payer.refund(channelId))).toBe('AlreadyPaidOut')
    })

    it('a stale close loses to a challenge with a newer state', async () => {
      await f.payer.close(state(1n, 100n))
      expect(await rule(f.payee.challenge(state(1n, 500n)))).toBe('StaleState')
      expect(await rule(f.payee.challenge(state(5n, 50n)))).toBe('AmountLowered')
      expect(await rule(f.payee.challenge(sign(state(5n, 500n), f.payeeKey)))).toBe('InvalidSignature')
      expect(await rule(f.payee.challenge(state(5n, DEPOSIT + 1n)))).toBe('AmountAboveDeposit')
      await f.payee.challenge(state(5n, 500n))
      expect(await f.payer.getChannel(channelId)).toMatchObject({ sequence: 5n, cumulativePaid: 500n })
      await f.advance(WINDOW + 1n)
      expect(await rule(f.payee.challenge(state(6n, 600n)))).toBe('WindowOver')
      await f.payer.withdraw(channelId)
      expect(await balances()).toEqual({ payer: -500n, payee: 500n })
    })

    it('refuses forged and oversized closes', async () => {
      expect(await rule(f.payee.close(sign(state(1n, 10n), f.payeeKey)))).toBe('InvalidSignature')
      expect(await rule(f.payee.close({ ...state(1n, 10n), cumulativePaid: 11n }))).toBe('InvalidSignature')
      expect(await rule(f.payee.close(state(1n, DEPOSIT, [lock(1n, start + 100n).lock])))).toBe(
        'AmountAboveDeposit',
      )
    })

    it('refund: not before expiry + window, then the whole deposit to the payer', async () => {
      expect(await rule(f.payer.refund(channelId))).toBe('NotExpired')
      await f.advance(TTL)
      expect(await rule(f.payer.refund(channelId))).toBe('NotExpired')
      await f.advance(WINDOW)
      expect(await rule(f.payee.close(state(1n, 10n)))).toBe('ChannelExpired')
      await f.payer.refund(channelId)
      expect(await balances()).toEqual({ payer: 0n, payee: 0n })
      expect(await rule(f.payer.refund(channelId))).toBe('AlreadyPaidOut')
    })

    function lock(amount: bigint, expiry: bigint) {
      const preimage = new Uint8Array(randomBytes(32))
      return {
        preimage,
        lock: { hash: keccak256(preimage), amount, expiry, jobId: new Uint8Array(randomBytes(32)) },
      }
    }

    it('locks pay only with their preimage, before their expiry, once', async () => {
      const a = lock(100n, start + 300n)
      const b = lock(50n, start + 900n)
      const c = lock(20n, start + 900n)
      const stranger = lock(10n, start + 300n)
      const locks = [a.lock, b.lock, c.lock]
      await f.payee.close(state(3n, 200n, locks))
      expect(await rule(f.payee.claimLock(channelId, a.lock, b.preimage, lockProof(locks, 0)))).toBe(
        'WrongPreimage',
      )
      expect(
        await rule(f.payee.claimLock(channelId, stranger.lock, stranger.preimage, lockProof(locks, 0))),
      ).toBe('LockNotFound')
      await f.payee.claimLock(channelId, a.lock, a.preimage, lockProof(locks, 0))
      expect(await rule(f.payee.claimLock(channelId, a.lock, a.preimage, lockProof(locks, 0)))).toBe(
        'LockClaimed',
      )
      await f.advance(400n)
      expect(await rule(f.payee.claimLock(channelId, a.lock, a.preimage, lockProof(locks, 0)))).toBe(
        'LockExpired',
      )
      await f.payee.claimLock(channelId, b.lock, b.preimage, lockProof(locks, 1))
      await f.advance(WINDOW - 400n)
      expect(await rule(f.payee.claimLock(channelId, c.lock, c.preimage, lockProof(locks, 2)))).toBe(
        'WindowOver',
      )
      await f.payee.withdraw(channelId)
      expect(await balances()).toEqual({ payer: -350n, payee: 350n })
    })

    it('a challenge that folds a claimed lock must pay at least what was claimed, never twice', async () => {
      const a = lock(100n, start + 300n)
      await f.payer.close(state(1n, 100n, [a.lock]))
      await f.payee.claimLock(channelId, a.lock, a.preimage, [])
      expect(await rule(f.payee.challenge(state(2n, 150n)))).toBe('AmountLowered')
      await f.payee.challenge(state(2n, 200n))
      expect(await f.payer.getChannel(channelId)).toMatchObject({
        sequence: 2n,
        cumulativePaid: 200n,
        claimed: 0n,
      })
      await f.advance(WINDOW)
      await f.payee.withdraw(channelId)
      expect(await balances()).toEqual({ payer: -200n, payee: 200n })
    })

    describe('claims against another payer-signed state (claimLockFrom)', () => {
      /** State 4 locks 70 to the payee, who accepted it and revealed the preimage. */
      const revealed = () => {
        const a = lock(70n, start + 300n)
        return { ...a, locked: state(4n, 100n, [a.lock]) }
      }

      it('defeats a payer that closes with a newer state dropping a revealed lock', async () => {
        const { lock: l, preimage, locked } = revealed()
        await f.payer.close(state(5n, 100n)) // signed by the payer, never sent: the lock is gone
        expect(await rule(f.payee.claimLock(channelId, l, preimage, []))).toBe('LockNotFound')
        expect(await rule(f.payee.challenge(locked))).toBe('StaleState')
        await f.payee.claimLockFrom(locked, l, preimage, [])
        expect(await rule(f.payee.claimLockFrom(locked, l, preimage, []))).toBe('LockClaimed')
        expect(await f.payer.getChannel(channelId)).toMatchObject({
          sequence: 5n,
          cumulativePaid: 100n,
          claimed: 0n,
          floor: 170n,
        })
        await f.advance(WINDOW)
        await f.payer.withdraw(channelId)
        expect(await balances()).toEqual({ payer: -170n, payee: 170n })
      })

      it('pays the larger of the closing amount and the floor, never the sum', async () => {
        const { lock: l, preimage, locked } = revealed()
        await f.payee.close(state(5n, 170n)) // the lock was folded into the closing state
        await f.payee.claimLockFrom(locked, l, preimage, [])
        expect(await f.payee.getChannel(channelId)).toMatchObject({ cumulativePaid: 170n, floor: 170n })
        await f.advance(WINDOW)
        await f.payee.withdraw(channelId)
        expect(await balances()).toEqual({ payer: -170n, payee: 170n })
      })

      it('sums claims against one state, keeps the best of several states', async () => {
        const a = lock(70n, start + 300n)
        const b = lock(30n, start + 300n)
        const both = state(4n, 100n, [a.lock, b.lock])
        const older = state(3n, 150n, [a.lock])
        await f.payer.close(state(6n, 120n))
        await f.payee.claimLockFrom(both, a.lock, a.preimage, lockProof([a.lock, b.lock], 0))
        expect((await f.payee.getChannel(channelId))?.floor).toBe(170n)
        await f.payee.claimLockFrom(both, b.lock, b.preimage, lockProof([a.lock, b.lock], 1))
        expect((await f.payee.getChannel(channelId))?.floor).toBe(200n)
        // The same lock against another state is a new claim, but floors do not add up.
        await f.payee.claimLockFrom(older, a.lock, a.preimage, [])
        expect((await f.payee.getChannel(channelId))?.floor).toBe(220n)
        await f.advance(WINDOW)
        await f.payee.withdraw(channelId)
        expect(await balances()).toEqual({ payer: -220n, payee: 220n })
      })

      it('checks the window, the expiry, the preimage, the amounts, the signature, the proof and the total', async () => {
        const { lock: l, preimage, locked } = revealed()
        expect(await rule(f.payee.claimLockFrom(locked, l, preimage, []))).toBe('NotClosing')
        await f.payer.close(state(5n, 100n))
        expect(await rule(f.payee.claimLockFrom(locked, l, new Uint8Array(32), []))).toBe('WrongPreimage')
        expect(await rule(f.payee.claimLockFrom(sign(locked, f.payeeKey), l, preimage, []))).toBe(
          'InvalidSignature',
        )
        expect(await rule(f.payee.claimLockFrom({ ...locked, cumulativePaid: 101n }, l, preimage, []))).toBe(
          'InvalidSignature',
        )
        expect(await rule(f.payee.claimLockFrom(state(4n, DEPOSIT, [l]), l, preimage, []))).toBe(
          'AmountAboveDeposit',
        )
        expect(await rule(f.payee.claimLockFrom(locked, l, preimage, [ZERO32]))).toBe('LockNotFound')
        const big = { ...l, amount: 71n }
        const overstated = sign({ ...locked, locksRoot: locksRoot([big]) })
        expect(await rule(f.payee.claimLockFrom(overstated, big, preimage, []))).toBe('LocksAboveTotal')
        expect((await f.payee.getChannel(channelId))?.floor).toBe(0n)
        await f.advance(300n)
        expect(await rule(f.payee.claimLockFrom(locked, l, preimage, []))).toBe('LockExpired')
        await f.advance(WINDOW - 300n)
        expect(await rule(f.payee.claimLockFrom(locked, l, preimage, []))).toBe('WindowOver')
        await f.payee.withdraw(channelId)
        expect(await balances()).toEqual({ payer: -100n, payee: 100n })
      })
    })

    it('an expired lock cannot be claimed', async () => {
      const a = lock(100n, start + 60n)
      await f.payee.close(state(1n, 0n, [a.lock]))
      await f.advance(61n)
      expect(await rule(f.payee.claimLock(channelId, a.lock, a.preimage, []))).toBe('LockExpired')
      await f.advance(WINDOW)
      await f.payee.withdraw(channelId)
      expect(await balances()).toEqual({ payer: 0n, payee: 0n })
    })

    it('cooperative close pays out at once with both signatures', async () => {
      const digest = cooperativeCloseDigest(
        { chainId: f.payer.chainId, contract: f.payer.contract },
        { channelId, sequence: 4n, payeeAmount: 250n },
      )
      const payerSignature = secpSignDigest(f.payerKey, digest)
      const payeeSignature = secpSignDigest(f.payeeKey, digest)
      const close = { channelId, sequence: 4n, payeeAmount: 250n, payerSignature, payeeSignature }
      expect(await rule(f.payee.cooperativeClose({ ...close, payerSignature: payeeSignature }))).toBe(
        'InvalidSignature',
      )
      await f.payee.cooperativeClose(close)
      expect(await balances()).toEqual({ payer: -250n, payee: 250n })
      expect(await rule(f.payer.cooperativeClose(close))).toBe('AlreadyPaidOut')
    })

    it('reports a lock claim with its preimage, whichever claim made it', async () => {
      const a = lock(40n, start + 300n)
      const b = lock(60n, start + 300n)
      const claims: Array<{ lockHash: string; amount: bigint; preimage: string }> = []
      const { promise, resolve } = Promise.withResolvers<void>()
      const stop = f.payer.watch((e) => {
        if (e.type !== 'lock-claimed' || Buffer.compare(e.channelId, channelId) !== 0) return
        const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex')
        claims.push({ lockHash: hexOf(e.lockHash), amount: e.amount, preimage: hexOf(e.preimage) })
        if (claims.length === 2) resolve()
      }, 0n)
      const older = state(2n, 0n, [b.lock])
      await f.payee.close(state(3n, 10n, [a.lock]))
      await f.payee.claimLock(channelId, a.lock, a.preimage, [])
      await f.payee.claimLockFrom(older, b.lock, b.preimage, [])
      await promise
      stop()
      const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex')
      expect(claims).toEqual([
        { lockHash: hexOf(a.lock.hash), amount: 40n, preimage: hexOf(a.preimage) },
        { lockHash: hexOf(b.lock.hash), amount: 60n, preimage: hexOf(b.preimage) },
      ])
    })

    it('reports its events to watchers', async () => {
      const seen: SettlementEvent['type'][] = []
      const { promise, resolve } = Promise.withResolvers<void>()
      const stop = f.payee.watch((e) => {
        if (Buffer.compare(e.channelId, channelId) !== 0) return
        seen.push(e.type)
        if (e.type === 'paid-out') resolve()
      }, 0n)
      await f.payee.close(state(1n, 10n))
      await f.advance(WINDOW + 1n)
      await f.payee.withdraw(channelId)
      await promise
      stop()
      expect(seen).toEqual(['opened', 'closing', 'paid-out'])
    })
  })
}
