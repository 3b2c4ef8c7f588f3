/**
 * Every signature and encoding the channel code uses, in one module so it can switch to the
 * protocol's channel codecs (`signUpdate`, `verifyChannelOpen`, ...) as they land without
 * touching the state machine. Updates: one EIP-712 secp256k1 signature (DESIGN.md). Open
 * binding and acks: Ed25519 under their signing domains.
 */
import {
  type ChannelState,
  ed25519Verify,
  type SettlementDomain,
  SigningDomain,
  secpRecoverAddress,
  secpSignDigest,
  signBody,
  signingInput,
  updateDigest,
  verifyBody,
} from '@bazaar/protocol'
import { BadUpdateSignatureError, MalformedChannelMessageError } from './errors.js'
import type { ChannelAck, ChannelOpen, SignedUpdate } from './types.js'

/** The fields of a `ChannelOpenBody` (channel.proto). */
export interface OpenFields {
  version: number
  chainId: bigint
  contract: Uint8Array
  payerKey: Uint8Array
  payeeKey: Uint8Array
  payerAddress: Uint8Array
  payeeAddress: Uint8Array
  token: Uint8Array
  capacity: bigint
  expiry: bigint
  nonce: bigint
  channelId: Uint8Array
  disputeWindow: number
  issuedAt: bigint
}

/** Signs an update's EIP-712 digest with the payer's settlement key. */
export function signUpdateState(
  domain: SettlementDomain,
  state: ChannelState,
  settlementPrivateKey: Uint8Array,
): { signature: Uint8Array; stateHash: Uint8Array } {
  const stateHash = updateDigest(domain, state)
  return { signature: secpSignDigest(settlementPrivateKey, stateHash), stateHash }
}

/** The state hash of a received update and the address its signature recovers to. */
export function recoverUpdate(
  domain: SettlementDomain,
  update: SignedUpdate,
): { stateHash: Uint8Array; signer: Uint8Array } {
  let stateHash: Uint8Array
  try {
    stateHash = updateDigest(domain, update)
  } catch (cause) {
    throw new MalformedChannelMessageError(update.channelId, 'update fields out of range', { cause })
  }
  try {
    return { stateHash, signer: secpRecoverAddress(stateHash, update.signature) }
  } catch (cause) {
    throw new BadUpdateSignatureError(update.channelId, 'update', update.sequence, { cause })
  }
}

function ackBody(channelId: Uint8Array, sequence: bigint, stateHash: Uint8Array): Uint8Array {
  const body = new Uint8Array(72)
  body.set(channelId, 0)
  new DataView(body.buffer).setBigUint64(32, sequence)
  body.set(stateHash, 40)
  return body
}

/** The payee's Ed25519 ack of a persisted update. */
export function signAck(
  channelId: Uint8Array,
  sequence: bigint,
  stateHash: Uint8Array,
  peerPrivateKey: Uint8Array,
): ChannelAck {
  const signature = signBody(
    SigningDomain.channelAck,
    ackBody(channelId, sequence, stateHash),
    peerPrivateKey,
  )
  return { channelId, sequence, stateHash, signature }
}

/** True when `ack` is signed by `payeeKey`. */
export function verifyAck(ack: ChannelAck, payeeKey: Uint8Array): boolean {
  if (ack.channelId.byteLength !== 32 || ack.stateHash.byteLength !== 32) return false
  return verifyBody(
    SigningDomain.channelAck,
    ackBody(ack.channelId, ack.sequence, ack.stateHash),
    payeeKey,
    ack.signature,
  )
}

// --- ChannelOpenBody protobuf (proto3, fields in number order, defaults omitted) ---

const FIELDS: ReadonlyArray<[number, keyof OpenFields, 'varint' | 'bytes']> = [
  [1, 'version', 'varint'],
  [2, 'chainId', 'varint'],
  [3, 'contract', 'bytes'],
  [4, 'payerKey', 'bytes'],
  [5, 'payeeKey', 'bytes'],
  [6, 'payerAddress', 'bytes'],
  [7, 'payeeAddress', 'bytes'],
  [8, 'token', 'bytes'],
  [9, 'capacity', 'varint'],
  [10, 'expiry', 'varint'],
  [11, 'nonce', 'varint'],
  [12, 'channelId', 'bytes'],
  [13, 'disputeWindow', 'varint'],
  [14, 'issuedAt', 'varint'],
]
const U64 = (1n << 64n) - 1n

function pushVarint(out: number[], value: bigint): void {
  let v = value
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80)
    v >>= 7n
  }
  out.push(Number(v))
}

/** Encodes a `ChannelOpenBody`. */
export function encodeOpenBody(fields: OpenFields): Uint8Array {
  const out: number[] = []
  for (const [num, key, type] of FIELDS) {
    const value = fields[key]
    if (type === 'varint') {
      const v = BigInt(value as bigint | number)
      if (v < 0n || v > U64)
        throw new MalformedChannelMessageError(fields.channelId, `${key} out of uint64 range`)
      if (v === 0n) continue
      pushVarint(out, BigInt(num << 3))
      pushVarint(out, v)
    } else {
      const b = value as Uint8Array
      if (b.byteLength === 0) continue
      pushVarint(out, BigInt((num << 3) | 2))
      pushVarint(out, BigInt(b.byteLength))
      for (const x of b) out.push(x)
    }
  }
  return new Uint8Array(out)
}

/** Decodes a `ChannelOpenBody`; any malformation is MalformedChannelMessageError. */
export function decodeOpenBody(body: Uint8Array): OpenFields {
  const f: Record<string, unknown> = {}
  for (const [, key, type] of FIELDS) f[key] = type === 'bytes' ? new Uint8Array(0) : 0n
  let i = 0
  const varint = (): bigint => {
    let v = 0n
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (i >= body.byteLength) throw new MalformedChannelMessageError(undefined, 'truncated channel open')
      const b = body[i++]!
      v |= BigInt(b & 0x7f) << shift
      if ((b & 0x80) === 0) return v
    }
    throw new MalformedChannelMessageError(undefined, 'varint too long in channel open')
  }
  while (i < body.byteLength) {
    const tag = varint()
    const spec = FIELDS.find(([n]) => BigInt(n) === tag >> 3n)
    const wire = Number(tag & 7n)
    if (spec === undefined || wire !== (spec[2] === 'bytes' ? 2 : 0)) {
      throw new MalformedChannelMessageError(undefined, `unexpected field ${tag >> 3n} in channel open`)
    }
    if (wire === 0) {
      const v = varint()
      if (v > U64) throw new MalformedChannelMessageError(undefined, 'uint64 overflow in channel open')
      f[spec[1]] = v
    } else {
      const len = Number(varint())
      if (i + len > body.byteLength)
        throw new MalformedChannelMessageError(undefined, 'truncated channel open')
      f[spec[1]] = body.slice(i, i + len)
      i += len
    }
  }
  return {
    ...(f as unknown as OpenFields),
    version: Number(f.version),
    disputeWindow: Number(f.disputeWindow),
  }
}

/** The payer's signed open: binds its settlement address to its peer key. */
export function signOpen(fields: OpenFields, peerPrivateKey: Uint8Array): ChannelOpen {
  const body = encodeOpenBody(fields)
  return { body, signature: signBody(SigningDomain.channelOpen, body, peerPrivateKey) }
}

/** Decodes an open and checks its binding signature by the payer key it names. */
export function verifyOpen(open: ChannelOpen): OpenFields {
  const fields = decodeOpenBody(open.body)
  if (fields.payerKey.byteLength !== 32)
    throw new MalformedChannelMessageError(fields.channelId, 'payerKey must be 32 bytes')
  if (!ed25519Verify(fields.payerKey, signingInput(SigningDomain.channelOpen, open.body), open.signature)) {
    throw new BadUpdateSignatureError(fields.channelId, 'channel open')
  }
  return fields
}
