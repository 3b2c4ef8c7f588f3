/**
 * Channel open: the payer's peer key signs, under `bazaar/channel-open/v1`, the channel's
 * parameters and the settlement address that will sign its updates. That signature is the
 * binding between the payer's peer id and its settlement key, checked by the payee off-chain.
 */
import {
  CHANNEL_OPEN_VERSION,
  EVM_ADDRESS_LENGTH,
  ID_LENGTH,
  MAX_CHANNEL_OPEN_BYTES,
  PEER_KEY_LENGTH,
} from '../constants.js'
import { bytesEqual } from '../crypto/secp256k1.js'
import { type Envelope, signedKind, type VerifyOptions } from '../envelope.js'
import { MismatchError, MissingFieldError } from '../errors.js'
import { ChannelOpen, ChannelOpenBody } from '../pb/channel.js'
import { ChannelOpenBodySchema, EnvelopeSchema } from '../schemas.js'
import { SigningDomain } from '../signing.js'
import { notExpired, notFuture, requireBytes, requireTime, requireVersion } from '../validate.js'
import { channelIdOf } from './channel-id.js'

/** Validates every field of an open body, including that `channelId` is derived from the others. */
export function checkChannelOpenBody(body: ChannelOpenBody): void {
  requireVersion('channel open', body.version, CHANNEL_OPEN_VERSION)
  if (body.chainId === 0n) throw new MissingFieldError('open.chainId')
  requireBytes('open.contract', body.contract, EVM_ADDRESS_LENGTH)
  requireBytes('open.payerKey', body.payerKey, PEER_KEY_LENGTH)
  requireBytes('open.payeeKey', body.payeeKey, PEER_KEY_LENGTH)
  requireBytes('open.payerAddress', body.payerAddress, EVM_ADDRESS_LENGTH)
  requireBytes('open.payeeAddress', body.payeeAddress, EVM_ADDRESS_LENGTH)
  // The native coin is the all-zero token, which proto3 would omit if sent empty: require 20 bytes.
  requireBytes('open.token', body.token, EVM_ADDRESS_LENGTH)
  if (body.capacity === 0n) throw new MissingFieldError('open.capacity')
  requireTime('open.expiry', body.expiry)
  if (body.disputeWindow === 0) throw new MissingFieldError('open.disputeWindow')
  requireTime('open.issuedAt', body.issuedAt)
  requireBytes('open.channelId', body.channelId, ID_LENGTH)
  if (bytesEqual(body.payerKey, body.payeeKey))
    throw new MismatchError('open.payeeKey', 'payer and payee are the same')
  const derived = channelIdOf({
    chainId: body.chainId,
    contract: body.contract,
    payer: body.payerAddress,
    payee: body.payeeAddress,
    token: body.token,
    expiry: body.expiry,
    disputeWindow: BigInt(body.disputeWindow),
    nonce: body.nonce,
  })
  if (!bytesEqual(derived, body.channelId)) {
    throw new MismatchError('open.channelId', 'is not derived from the channel parameters')
  }
}

/** The fields of an open; `channelId` and `version` are filled in by {@link channelOpenBody}. */
export type ChannelOpenParams = Omit<ChannelOpenBody, 'channelId' | 'version'>

/** Builds an open body with its derived channel id. */
export function channelOpenBody(params: ChannelOpenParams): ChannelOpenBody {
  const channelId = channelIdOf({
    chainId: params.chainId,
    contract: params.contract,
    payer: params.payerAddress,
    payee: params.payeeAddress,
    token: params.token,
    expiry: params.expiry,
    disputeWindow: BigInt(params.disputeWindow),
    nonce: params.nonce,
  }) as Uint8Array<ArrayBuffer>
  return { ...params, version: CHANNEL_OPEN_VERSION, channelId }
}

const kind = signedKind<ChannelOpenBody>({
  kind: 'channel open',
  domain: SigningDomain.channelOpen,
  maxBytes: MAX_CHANNEL_OPEN_BYTES,
  bodySchema: ChannelOpenBodySchema,
  envelopeSchema: EnvelopeSchema,
  encodeBody: (b) => ChannelOpenBody.encode(b),
  decodeBody: (b) => ChannelOpenBody.decode(b),
  check: checkChannelOpenBody,
  signer: (b) => b.payerKey,
  times: (b, now, skew) => {
    notFuture('open.issuedAt', b.issuedAt, now, skew)
    notExpired('open.expiry', b.expiry * 1000n, now)
  },
})

/** Encodes an open body (its canonical bytes). */
export const encodeChannelOpenBody: (body: ChannelOpenBody) => Uint8Array = kind.encodeBody
/** Decodes and validates an open body. */
export const decodeChannelOpenBody: (bytes: Uint8Array, maxBytes?: number) => ChannelOpenBody =
  kind.decodeBody

/** Encodes a signed open. */
export function encodeChannelOpen(open: ChannelOpen): Uint8Array<ArrayBuffer> {
  return ChannelOpen.encode(open)
}

/** Decodes a signed open's envelope; {@link verifyChannelOpen} opens the body. */
export function decodeChannelOpen(bytes: Uint8Array, maxBytes?: number): ChannelOpen {
  return kind.decodeEnvelope(bytes, (b) => ChannelOpen.decode(b), maxBytes)
}

/** Signs an open body with the payer's peer key (`body.payerKey`). */
export function signChannelOpen(body: ChannelOpenBody, privateKey: Uint8Array): ChannelOpen {
  return kind.sign(body, privateKey) as ChannelOpen
}

/**
 * Verifies an open: body valid, channel id derived from its parameters, signed by `payerKey`,
 * issued no later than now + skew, expiry ahead.
 */
export function verifyChannelOpen(open: Envelope, opts?: VerifyOptions): ChannelOpenBody {
  return kind.verify(open, opts)
}
