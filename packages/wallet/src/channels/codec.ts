/**
 * Every signature and encoding the channel code uses, in one module: the protocol's channel
 * codecs (EIP-712 updates signed by the settlement key, Ed25519 open binding and acks), with
 * their protocol errors translated into the channel rule errors the pay stream reports.
 */
import {
  type ChannelOpenParams,
  type ChannelState,
  channelOpenBody,
  createUpdate,
  type HashLock,
  signAck as protocolSignAck,
  verifyAck as protocolVerifyAck,
  type SettlementDomain,
  signChannelOpen,
  verifyChannelOpen,
  verifyUpdate,
} from '@bazaar/protocol'
import {
  BadUpdateSignatureError,
  ChannelExpiredError,
  LockInvalidError,
  MalformedChannelMessageError,
  NotPartyChannelError,
  OpenMismatchError,
} from './errors.js'
import type { ChannelAck, ChannelOpen, SignedUpdate } from './types.js'

/** The fields a payer signs in an open (`ChannelOpenBody` without the derived id and version). */
export type OpenParams = {
  [K in keyof ChannelOpenParams]: ChannelOpenParams[K] extends Uint8Array ? Uint8Array : ChannelOpenParams[K]
}

/** The fields of a verified `ChannelOpenBody` (channel.proto), channel id included. */
export type OpenFields = ChannelOpenParams & { channelId: Uint8Array; version: number }

/** Signs the next state with the payer's settlement key; returns the wire update and its state hash. */
export function signUpdateState(
  domain: SettlementDomain,
  state: ChannelState & { locks: HashLock[] },
  settlementPrivateKey: Uint8Array,
): { update: SignedUpdate; stateHash: Uint8Array } {
  const { update, stateHash } = createUpdate(
    domain,
    {
      channelId: state.channelId,
      sequence: state.sequence,
      previousStateHash: state.previousStateHash,
      cumulativePaid: state.cumulativePaid,
      jobId: state.jobId,
      locks: state.locks,
    },
    settlementPrivateKey,
  )
  return { update, stateHash }
}

/**
 * Verifies a received update on its own (structure, locks total and root, signature by
 * `payer`) and returns its state hash; every failure is a ChannelRuleError.
 */
export function verifyUpdateSignature(
  domain: SettlementDomain,
  update: SignedUpdate,
  payer: Uint8Array,
  maxLocks: number,
): Uint8Array {
  try {
    return verifyUpdate(domain, update as Parameters<typeof verifyUpdate>[1], payer, { maxLocks }).stateHash
  } catch (cause) {
    const name = (cause as Error).name
    const id = update.channelId
    if (name === 'BadSignatureError')
      throw new BadUpdateSignatureError(id, 'update', update.sequence, { cause })
    if (name === 'MismatchError') throw new LockInvalidError(id, (cause as Error).message, update.sequence)
    throw new MalformedChannelMessageError(id, (cause as Error).message, { cause })
  }
}

/** The payee's Ed25519 ack of a persisted update. */
export function signAck(
  channelId: Uint8Array,
  sequence: bigint,
  stateHash: Uint8Array,
  peerPrivateKey: Uint8Array,
): ChannelAck {
  return protocolSignAck({ channelId, sequence, stateHash }, peerPrivateKey)
}

/** True when `ack` is well formed and signed by `payeeKey`. */
export function verifyAck(ack: ChannelAck, payeeKey: Uint8Array): boolean {
  try {
    protocolVerifyAck(ack as Parameters<typeof protocolVerifyAck>[0], payeeKey)
    return true
  } catch {
    return false
  }
}

/** The payer's signed open: binds its settlement address to its peer key. */
export function signOpen(params: OpenParams, peerPrivateKey: Uint8Array): ChannelOpen {
  return signChannelOpen(channelOpenBody(params as ChannelOpenParams), peerPrivateKey)
}

/**
 * Decodes and verifies an open: well formed, channel id derived from its parameters, signed by
 * the payer key it names (and by `from` when given), expiry ahead of `nowSeconds`.
 */
export function verifyOpen(open: ChannelOpen, nowSeconds: bigint, from?: Uint8Array): OpenFields {
  try {
    return verifyChannelOpen(open, { now: Number(nowSeconds) * 1000, ...(from ? { signer: from } : {}) })
  } catch (cause) {
    const err = cause as Error & { field?: string }
    if (err.name === 'BadSignatureError')
      throw new BadUpdateSignatureError(undefined, 'channel open', undefined, { cause })
    if (err.name === 'MismatchError' && /signer/.test(err.message)) {
      throw new NotPartyChannelError(undefined, 'the open was signed by another peer than the sender')
    }
    if (err.name === 'MismatchError' && /channelId/.test(err.message))
      throw new OpenMismatchError(undefined, 'channelId')
    if (err.name === 'TimeOutOfRangeError' && /expiry/.test(err.message))
      throw new ChannelExpiredError(undefined, 0n)
    throw new MalformedChannelMessageError(undefined, err.message, { cause })
  }
}
