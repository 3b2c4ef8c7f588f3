/**
 * The channel rules as pure functions over a channel record: what a payee accepts
 * (`validateUpdate`) and what a payer may create (`nextState`). Same rule names as the contract
 * (DESIGN.md "Rules"); each violation throws the matching ChannelRuleError.
 */
import { bytesEqual, type HashLock, locksRoot, type SettlementDomain } from '@bazaar/protocol'
import { verifyUpdateSignature } from './codec.js'
import {
  AmountDecreasedError,
  ChannelClosedError,
  ChannelExpiredError,
  InsufficientCapacityError,
  LockInvalidError,
  MalformedChannelMessageError,
  PreviousHashMismatchError,
  SequenceGapError,
  StaleSequenceError,
} from './errors.js'
import type { ChannelRecord, SignedUpdate, UpdateRequest } from './types.js'

/** Most locks one state may carry (each costs a leaf on chain). */
export const DEFAULT_MAX_LOCKS = 64
export const ZERO_ID = new Uint8Array(32)

const key = (hash: Uint8Array): string => Buffer.from(hash).toString('hex')

function checkLength(ch: ChannelRecord, field: string, value: Uint8Array, length: number): void {
  if (!(value instanceof Uint8Array) || value.byteLength !== length) {
    throw new MalformedChannelMessageError(ch.channelId, `${field} must be ${length} bytes`)
  }
}

/**
 * Checks the locks of a new state against the previous one: well formed, unique, matching the
 * root and total, new ones unexpired and within the channel's life, carried ones unchanged, and
 * a lock dropped before its expiry paid for by a rise of the cumulative amount.
 */
function checkLocks(ch: ChannelRecord, u: SignedUpdate, now: bigint, maxLocks: number): void {
  const seq = u.sequence
  if (u.locks.length > maxLocks) throw new LockInvalidError(ch.channelId, `more than ${maxLocks} locks`, seq)
  const previous = new Map((ch.latest?.locks ?? []).map((l) => [key(l.hash), l]))
  const seen = new Set<string>()
  let total = 0n
  for (const lock of u.locks) {
    if (lock.hash?.byteLength !== 32 || lock.jobId?.byteLength !== 32) {
      throw new LockInvalidError(ch.channelId, 'hash and jobId must be 32 bytes', seq)
    }
    const k = key(lock.hash)
    if (seen.has(k)) throw new LockInvalidError(ch.channelId, 'duplicate lock hash', seq)
    seen.add(k)
    if (lock.amount <= 0n) throw new LockInvalidError(ch.channelId, 'lock amount must be positive', seq)
    total += lock.amount
    const before = previous.get(k)
    if (before !== undefined) {
      if (
        before.amount !== lock.amount ||
        before.expiry !== lock.expiry ||
        !bytesEqual(before.jobId, lock.jobId)
      ) {
        throw new LockInvalidError(ch.channelId, 'a carried lock changed', seq)
      }
    } else {
      if (lock.expiry <= now) throw new LockInvalidError(ch.channelId, 'lock already expired', seq)
      if (lock.expiry > ch.expiry) throw new LockInvalidError(ch.channelId, 'lock outlives the channel', seq)
    }
  }
  if (total !== u.lockedTotal)
    throw new LockInvalidError(ch.channelId, 'lockedTotal is not the sum of the locks', seq)
  if (!bytesEqual(locksRoot(u.locks), u.locksRoot)) {
    throw new LockInvalidError(ch.channelId, 'locksRoot does not match the locks', seq)
  }
  let droppedLive = 0n
  for (const [k, lock] of previous) if (!seen.has(k) && lock.expiry > now) droppedLive += lock.amount
  const rise = u.cumulativePaid - (ch.latest?.cumulativePaid ?? 0n)
  if (rise < droppedLive)
    throw new LockInvalidError(ch.channelId, 'a live lock was dropped without payment', seq)
}

/**
 * What a payee checks before accepting an update; returns its state hash. Cheap checks run
 * first, the signature recovery last.
 */
export function validateUpdate(
  ch: ChannelRecord,
  u: SignedUpdate,
  now: bigint,
  domain: SettlementDomain,
  maxLocks = DEFAULT_MAX_LOCKS,
): Uint8Array {
  if (ch.status !== 'open') throw new ChannelClosedError(ch.channelId)
  checkLength(ch, 'previousStateHash', u.previousStateHash, 32)
  checkLength(ch, 'locksRoot', u.locksRoot, 32)
  checkLength(ch, 'jobId', u.jobId, 32)
  checkLength(ch, 'signature', u.signature, 65)
  if (!Array.isArray(u.locks)) throw new MalformedChannelMessageError(ch.channelId, 'locks must be a list')
  const last = ch.latest?.sequence ?? 0n
  if (u.sequence <= last) throw new StaleSequenceError(ch.channelId, last, u.sequence)
  if (u.sequence !== last + 1n) throw new SequenceGapError(ch.channelId, last, u.sequence)
  if (!bytesEqual(u.previousStateHash, ch.stateHash))
    throw new PreviousHashMismatchError(ch.channelId, u.sequence)
  const paid = ch.latest?.cumulativePaid ?? 0n
  if (u.cumulativePaid < paid)
    throw new AmountDecreasedError(ch.channelId, paid, u.cumulativePaid, u.sequence)
  if (u.lockedTotal < 0n) throw new LockInvalidError(ch.channelId, 'negative lockedTotal', u.sequence)
  if (u.cumulativePaid + u.lockedTotal > ch.capacity) {
    throw new InsufficientCapacityError(
      ch.channelId,
      u.cumulativePaid + u.lockedTotal,
      ch.capacity,
      u.sequence,
    )
  }
  if (now >= ch.expiry) throw new ChannelExpiredError(ch.channelId, ch.expiry, u.sequence)
  checkLocks(ch, u, now, maxLocks)
  return verifyUpdateSignature(domain, u, ch.payer, maxLocks)
}

/** The unsigned next state a payer creates for `req` (fold and unlock, then pay, then lock). */
export function nextState(
  ch: ChannelRecord,
  req: UpdateRequest,
  now: bigint,
  maxLocks = DEFAULT_MAX_LOCKS,
): Omit<SignedUpdate, 'signature'> {
  if (ch.status !== 'open' || ch.opening) throw new ChannelClosedError(ch.channelId)
  if (now >= ch.expiry) throw new ChannelExpiredError(ch.channelId, ch.expiry)
  let locks: HashLock[] = [...(ch.latest?.locks ?? [])]
  let paid = ch.latest?.cumulativePaid ?? 0n
  const take = (hash: Uint8Array, what: string): HashLock => {
    const lock = locks.find((l) => bytesEqual(l.hash, hash))
    if (lock === undefined) throw new LockInvalidError(ch.channelId, `no lock to ${what}`)
    locks = locks.filter((l) => l !== lock)
    return lock
  }
  if (req.fold !== undefined) paid += take(req.fold, 'fold').amount
  if (req.unlock !== undefined) {
    const lock = take(req.unlock, 'unlock')
    if (lock.expiry > now)
      throw new LockInvalidError(ch.channelId, 'only an expired lock can be dropped unpaid')
  }
  if (req.pay !== undefined) {
    if (req.pay < 0n) throw new AmountDecreasedError(ch.channelId, paid, paid + req.pay)
    paid += req.pay
  }
  if (req.lock !== undefined) {
    const l = req.lock
    if (l.hash.byteLength !== 32 || l.jobId.byteLength !== 32) {
      throw new LockInvalidError(ch.channelId, 'hash and jobId must be 32 bytes')
    }
    if (l.amount <= 0n) throw new LockInvalidError(ch.channelId, 'lock amount must be positive')
    if (l.expiry <= now) throw new LockInvalidError(ch.channelId, 'lock already expired')
    if (l.expiry > ch.expiry) throw new LockInvalidError(ch.channelId, 'lock outlives the channel')
    if (locks.some((x) => bytesEqual(x.hash, l.hash)))
      throw new LockInvalidError(ch.channelId, 'duplicate lock hash')
    if (locks.length >= maxLocks) throw new LockInvalidError(ch.channelId, `more than ${maxLocks} locks`)
    locks = [...locks, { hash: l.hash, amount: l.amount, expiry: l.expiry, jobId: l.jobId }]
  }
  const lockedTotal = locks.reduce((s, l) => s + l.amount, 0n)
  if (paid + lockedTotal > ch.capacity) {
    throw new InsufficientCapacityError(ch.channelId, paid + lockedTotal, ch.capacity)
  }
  const jobId = req.jobId ?? req.lock?.jobId ?? ZERO_ID
  if (jobId.byteLength !== 32) throw new MalformedChannelMessageError(ch.channelId, 'jobId must be 32 bytes')
  return {
    version: 1,
    channelId: ch.channelId,
    sequence: (ch.latest?.sequence ?? 0n) + 1n,
    previousStateHash: ch.stateHash,
    cumulativePaid: paid,
    lockedTotal,
    locksRoot: locksRoot(locks),
    jobId,
    locks,
  }
}
