/**
 * The payee's view of locks: resolves a job's wait for "the update Pay names is accepted, with
 * my lock" once the wallet has persisted it, and keeps the key of a delivery whose client left
 * before its locked update arrived, to record it (for a settlement claim) when it does.
 */
import { bytesEqual } from '@bazaar/protocol'
import type { AbortOptions, Logger } from '@libp2p/interface'
import { hex } from '../jobs/job-context.js'
import { KEEP_KEY_MS, MAX_KEPT_KEYS } from './constants.js'
import { LockNotFoundError } from './errors.js'
import type { LockedUpdate, LockRequest } from './types.js'
import type { WalletChannels, WalletUpdate } from './wallet-api.js'

interface LockWaiter {
  request: LockRequest & LockedUpdate
  resolve(): void
  reject(err: Error): void
}

interface KeptKey {
  channelId: Uint8Array
  amount: bigint
  preimage: Uint8Array
  until: number
}

export class LockWatch {
  private readonly waiters = new Map<string, Set<LockWaiter>>()
  /** Lock hash (hex) -> the key to record once a lock with that hash is accepted. */
  private readonly keys = new Map<string, KeptKey>()
  /**
   * Channel (hex id) -> the latest update known persisted (`accepted` is called after the
   * wallet's commit), so that the usual check needs no read of the history.
   */
  private readonly persisted = new Map<string, { update: WalletUpdate; stateHash: Uint8Array }>()

  constructor(
    private readonly channels: WalletChannels,
    private readonly log: Logger,
    private readonly timeoutMs: number,
  ) {}

  /** Resolves once the named update is accepted with the expected lock; rejects otherwise. */
  awaitLocked(request: LockRequest & LockedUpdate, options: AbortOptions = {}): Promise<void> {
    const found = this.check(request)
    if (found === true) return Promise.resolve()
    if (found instanceof Error) return Promise.reject(found)
    const { promise, resolve, reject } = Promise.withResolvers<void>()
    const key = hex(request.channelId)
    const set = this.waiters.get(key) ?? new Set<LockWaiter>()
    this.waiters.set(key, set)
    const signal = AbortSignal.any([
      AbortSignal.timeout(this.timeoutMs),
      ...(options.signal ? [options.signal] : []),
    ])
    const done = (settle: () => void): void => {
      set.delete(waiter)
      if (set.size === 0) this.waiters.delete(key)
      signal.removeEventListener('abort', onAbort)
      settle()
    }
    const waiter: LockWaiter = {
      request,
      resolve: () => done(resolve),
      reject: (err) => done(() => reject(err)),
    }
    const onAbort = (): void => waiter.reject(new LockNotFoundError('locked update not accepted in time'))
    signal.addEventListener('abort', onAbort, { once: true })
    set.add(waiter)
    return promise
  }

  /**
   * Records `preimage` at once when the channel's latest accepted state locks at least `amount`
   * to `hash`; otherwise remembers it for a while, for when that update arrives.
   */
  async keepKey(
    channelId: Uint8Array,
    hash: Uint8Array,
    amount: bigint,
    preimage: Uint8Array,
  ): Promise<boolean> {
    const lock = this.channels.get(channelId)?.latest?.locks.find((l) => bytesEqual(l.hash, hash))
    if (lock === undefined || lock.amount < amount) {
      if (this.keys.size >= MAX_KEPT_KEYS) this.keys.delete(this.keys.keys().next().value!)
      this.keys.set(hex(hash), { channelId, amount, preimage, until: Date.now() + KEEP_KEY_MS })
      return false
    }
    await this.channels.revealPreimage(channelId, preimage)
    return true
  }

  /** Remembers the key of a delivery just sent, for when its locked update arrives. */
  expect(channelId: Uint8Array, hash: Uint8Array, amount: bigint, preimage: Uint8Array): void {
    if (this.keys.size >= MAX_KEPT_KEYS) this.keys.delete(this.keys.keys().next().value!)
    this.keys.set(hex(hash), { channelId, amount, preimage, until: Date.now() + KEEP_KEY_MS })
  }

  /**
   * Called right after the wallet took `update` in hand and before its commit: the keys of its
   * locks are recorded now, so they ride in the same commit as the update (one commit where the
   * ack and the reveal each needed their own). An update the wallet refuses leaves no lock in
   * its state, and recording then fails harmlessly; `accepted` still records kept keys after.
   */
  receiving(update: WalletUpdate): void {
    for (const lock of update.locks) {
      const kept = this.keys.get(hex(lock.hash))
      if (kept === undefined || lock.amount < kept.amount || !bytesEqual(kept.channelId, update.channelId)) {
        continue
      }
      this.channels.revealPreimage(update.channelId, kept.preimage).catch(() => {})
    }
  }

  /** Called after the wallet accepted (persisted and acked) `update`, whose digest is `stateHash`. */
  accepted(update: WalletUpdate, stateHash: Uint8Array): void {
    const known = this.persisted.get(hex(update.channelId))
    if (known === undefined || known.update.sequence < update.sequence) {
      this.persisted.set(hex(update.channelId), { update, stateHash })
    }
    for (const lock of update.locks) {
      const kept = this.keys.get(hex(lock.hash))
      if (kept === undefined) continue
      this.keys.delete(hex(lock.hash))
      if (
        kept.until < Date.now() ||
        lock.amount < kept.amount ||
        !bytesEqual(kept.channelId, update.channelId)
      ) {
        continue
      }
      void this.channels
        .revealPreimage(update.channelId, kept.preimage)
        .catch((err: Error) => this.log('could not record a kept key: %s', err.message))
    }
    const set = this.waiters.get(hex(update.channelId))
    if (set === undefined) return
    for (const waiter of [...set]) {
      const found = this.check(waiter.request)
      if (found === true) waiter.resolve()
      else if (found instanceof Error) waiter.reject(found)
    }
  }

  /** true: accepted with the lock; Error: accepted without it; undefined: not accepted yet. */
  private check(request: LockRequest & LockedUpdate): true | Error | undefined {
    const record = this.channels.get(request.channelId)
    if (record?.latest === undefined || record.latest.sequence < request.sequence) return undefined
    // Accepted means persisted: the history row appears once the wallet's commit is done (the
    // in-memory record may run ahead of it), and `accepted` checks again at that moment. The
    // update `accepted` last saw is persisted too, and is usually the one named.
    const last = this.persisted.get(hex(request.channelId))
    const entry =
      last?.update.sequence === request.sequence
        ? last
        : this.channels.history(request.channelId, request.sequence, request.sequence)[0]
    if (entry === undefined) return undefined
    if (!bytesEqual(entry.stateHash, request.stateHash)) {
      return new LockNotFoundError('the named update is not the one accepted')
    }
    const lock = entry.update.locks.find((l) => bytesEqual(l.hash, request.hash))
    if (
      lock === undefined ||
      lock.amount < request.amount ||
      lock.expiry < request.expiry ||
      !bytesEqual(lock.jobId, request.jobId)
    ) {
      return new LockNotFoundError('the update does not carry the expected lock')
    }
    return true
  }
}
