/**
 * Channel updates: the payer's settlement key signs the EIP-712 `ChannelUpdate` struct (one
 * signature that both the payee and the contract check). The wire message carries the signed
 * fields, the open locks whose Merkle root and total the struct commits to, and the signature.
 * This is the payment hot path: one encode, two hashes and a sign; one decode, a few hashes and
 * a recover. Nothing is copied or re-encoded that need not be.
 */
import {
  CHANNEL_UPDATE_VERSION,
  HASH_LENGTH,
  ID_LENGTH,
  MAX_LOCKS_PER_UPDATE,
  MAX_PAY_FRAME_BYTES,
  MAX_TIME,
  SETTLEMENT_SIGNATURE_BYTES,
} from '../constants.js'
import { bytesEqual, recoverShared, secpSignDigest } from '../crypto/secp256k1.js'
import {
  BadSignatureError,
  MalformedMessageError,
  MessageTooLargeError,
  MismatchError,
  MissingFieldError,
  TimeOutOfRangeError,
} from '../errors.js'
import type { ChannelUpdate, Lock } from '../pb/channel.js'
import { requireBytes, requireCount, requireTime, requireVersion } from '../validate.js'
import { type ChannelState, type SettlementDomain, updateDigest } from './eip712.js'
import { type HashLock, locksRoot, ZERO_ROOT } from './locks.js'
import { decodeUpdateBytes, encodeUpdateBytes } from './update-codec.js'

/** What the payer decides for an update; the locked total and the locks root are computed. */
export interface UpdateParams {
  channelId: Uint8Array
  /** Previous sequence + 1; the first update is 1. */
  sequence: bigint
  /** State hash of the previous update; the channel id for sequence 1. */
  previousStateHash: Uint8Array
  /** Cumulative amount paid to the payee, base units; never decreases. */
  cumulativePaid: bigint
  /** The job this update pays for; 32 zero bytes (the default) for none. */
  jobId?: Uint8Array
  /** Open hash locks; their amounts make up the locked total. */
  locks?: readonly HashLock[]
}

/** A signed update, with the state it commits to and its state hash (EIP-712 digest). */
export interface SignedUpdate {
  update: ChannelUpdate
  state: ChannelState
  stateHash: Uint8Array<ArrayBuffer>
}

/** Decoding limits of an update. */
export interface UpdateLimits {
  /** Largest encoded update, in bytes ({@link MAX_PAY_FRAME_BYTES}). */
  maxBytes?: number
  /** Most locks ({@link MAX_LOCKS_PER_UPDATE}). */
  maxLocks?: number
}

const NO_JOB = new Uint8Array(32)

function sumLocks(locks: readonly HashLock[]): bigint {
  let total = 0n
  for (const lock of locks) total += lock.amount
  return total
}

/** Signs an update with the payer's settlement key; returns the wire update, its state and hash. */
export function createUpdate(
  domain: SettlementDomain,
  params: UpdateParams,
  settlementPrivateKey: Uint8Array,
): SignedUpdate {
  const locks = params.locks ?? []
  const state: ChannelState = {
    channelId: params.channelId,
    sequence: params.sequence,
    previousStateHash: params.previousStateHash,
    cumulativePaid: params.cumulativePaid,
    lockedTotal: sumLocks(locks),
    locksRoot: locks.length === 0 ? ZERO_ROOT : locksRoot(locks),
    jobId: params.jobId ?? NO_JOB,
  }
  const update = {
    version: CHANNEL_UPDATE_VERSION,
    ...state,
    locks: locks as Lock[],
    signature: new Uint8Array(0),
  } as ChannelUpdate
  checkUpdate(update)
  const stateHash = updateDigest(domain, state)
  update.signature = secpSignDigest(settlementPrivateKey, stateHash) as Uint8Array<ArrayBuffer>
  return { update, state, stateHash }
}

/** Signs an update with the payer's settlement key, producing the wire message. */
export function signUpdate(
  domain: SettlementDomain,
  params: UpdateParams,
  settlementPrivateKey: Uint8Array,
): ChannelUpdate {
  return createUpdate(domain, params, settlementPrivateKey).update
}

function checkLock(lock: Lock, i: number): void {
  if (lock.hash.byteLength !== HASH_LENGTH) requireBytes(`update.locks[${i}].hash`, lock.hash, HASH_LENGTH)
  if (lock.amount === 0n) throw new MissingFieldError(`update.locks[${i}].amount`)
  if (lock.expiry === 0n || lock.expiry > MAX_TIME) requireTime(`update.locks[${i}].expiry`, lock.expiry)
  if (lock.jobId.byteLength !== ID_LENGTH) requireBytes(`update.locks[${i}].jobId`, lock.jobId, ID_LENGTH)
}

/** Structural checks: version, sizes of every fixed field, lock count and fields. */
export function checkUpdate(update: ChannelUpdate, maxLocks = MAX_LOCKS_PER_UPDATE): void {
  requireVersion('channel update', update.version, CHANNEL_UPDATE_VERSION)
  requireBytes('update.channelId', update.channelId, ID_LENGTH)
  if (update.sequence === 0n) throw new MissingFieldError('update.sequence')
  requireBytes('update.previousStateHash', update.previousStateHash, HASH_LENGTH)
  requireBytes('update.locksRoot', update.locksRoot, HASH_LENGTH)
  requireBytes('update.jobId', update.jobId, ID_LENGTH)
  requireCount('update.locks', update.locks.length, maxLocks)
  for (let i = 0; i < update.locks.length; i++) checkLock(update.locks[i]!, i)
  if (update.signature.byteLength !== 0) {
    requireBytes('update.signature', update.signature, SETTLEMENT_SIGNATURE_BYTES)
  }
}

/** Encodes an update (canonical protobuf, the same bytes as the generated codec). */
export function encodeUpdate(update: ChannelUpdate): Uint8Array<ArrayBuffer> {
  return encodeUpdateBytes(update)
}

/** Decodes an update: size first, one strict pass, structure, 65-byte signature present. */
export function decodeUpdate(bytes: Uint8Array, limits: UpdateLimits = {}): ChannelUpdate {
  const maxLocks = limits.maxLocks ?? MAX_LOCKS_PER_UPDATE
  const maxBytes = limits.maxBytes ?? MAX_PAY_FRAME_BYTES
  if (!(bytes instanceof Uint8Array)) throw new MalformedMessageError('channel update', 'not a byte array')
  if (bytes.byteLength > maxBytes)
    throw new MessageTooLargeError('channel update', maxBytes, bytes.byteLength)
  const update = decodeUpdateBytes(bytes, maxLocks)
  checkUpdate(update, maxLocks)
  requireBytes('update.signature', update.signature, SETTLEMENT_SIGNATURE_BYTES)
  return update
}

/** The signed fields of an update (no copy: the byte fields are shared). */
export function updateState(update: ChannelUpdate): ChannelState {
  return {
    channelId: update.channelId,
    sequence: update.sequence,
    previousStateHash: update.previousStateHash,
    cumulativePaid: update.cumulativePaid,
    lockedTotal: update.lockedTotal,
    locksRoot: update.locksRoot,
    jobId: update.jobId,
  }
}

/** Options of {@link verifyUpdate}. */
export interface VerifyUpdateOptions {
  /** When given (unix ms), every lock's expiry (unix s) must be later than it. */
  now?: number
  /** Most locks ({@link MAX_LOCKS_PER_UPDATE}). */
  maxLocks?: number
}

/** A verified update: the state it commits to and its state hash. */
export interface VerifiedUpdate {
  state: ChannelState
  stateHash: Uint8Array<ArrayBuffer>
}

/**
 * Verifies an update on its own: structure, locked total = sum of the locks, locks root over
 * them, and the signature recovers to `payerAddress`. Channel rules that need history (sequence
 * + 1, previous hash, capacity) are the wallet's.
 */
export function verifyUpdate(
  domain: SettlementDomain,
  update: ChannelUpdate,
  payerAddress: Uint8Array,
  opts: VerifyUpdateOptions = {},
): VerifiedUpdate {
  checkUpdate(update, opts.maxLocks)
  requireBytes('update.signature', update.signature, SETTLEMENT_SIGNATURE_BYTES)
  const locks = update.locks
  if (sumLocks(locks) !== update.lockedTotal) {
    throw new MismatchError('update.lockedTotal', 'is not the sum of the lock amounts')
  }
  const root = locks.length === 0 ? ZERO_ROOT : locksRoot(locks)
  if (!bytesEqual(root, update.locksRoot))
    throw new MismatchError('update.locksRoot', 'is not the root of the locks')
  if (opts.now !== undefined) {
    const nowS = BigInt(Math.floor(opts.now / 1000))
    for (let i = 0; i < locks.length; i++) {
      if (locks[i]!.expiry <= nowS) {
        throw new TimeOutOfRangeError(`update.locks[${i}].expiry`, locks[i]!.expiry, nowS, 'expired')
      }
    }
  }
  const state = updateState(update)
  const stateHash = updateDigest(domain, state)
  const signer = recoverShared(stateHash, update.signature)
  if (!bytesEqual(signer, payerAddress)) {
    throw new BadSignatureError('channel update', 'channel update is not signed by the payer')
  }
  return { state, stateHash }
}
