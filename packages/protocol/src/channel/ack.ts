/**
 * Channel acks: the payee's peer key countersigns an update it has verified and persisted, under
 * `bazaar/channel-ack/v1`, over `channel_id (32) || uint64be(sequence) || state_hash (32)`. A payer
 * holding an ack knows the payee holds that state; a receipt names the acked update.
 */
import { ED25519_SIGNATURE_BYTES, HASH_LENGTH, ID_LENGTH, PEER_KEY_LENGTH } from '../constants.js'
import { BadSignatureError, MissingFieldError } from '../errors.js'
import type { ChannelAck } from '../pb/channel.js'
import { SigningDomain, signBody, verifyBody } from '../signing.js'
import { requireBytes } from '../validate.js'

/** What an ack acknowledges. */
export interface AckedState {
  channelId: Uint8Array
  sequence: bigint
  /** EIP-712 digest of the acknowledged update. */
  stateHash: Uint8Array
}

/** Length of the ack body, in bytes. */
export const ACK_BODY_LENGTH = ID_LENGTH + 8 + HASH_LENGTH

/** Structural checks of an ack (a decoded PayFrame member or one built locally). */
export function checkAck(ack: AckedState & { signature?: Uint8Array }): void {
  requireBytes('ack.channelId', ack.channelId, ID_LENGTH)
  if (ack.sequence === 0n) throw new MissingFieldError('ack.sequence')
  requireBytes('ack.stateHash', ack.stateHash, HASH_LENGTH)
  if (ack.signature !== undefined) requireBytes('ack.signature', ack.signature, ED25519_SIGNATURE_BYTES)
}

/** The 72 signed bytes of an ack. */
export function ackBody(state: AckedState): Uint8Array<ArrayBuffer> {
  checkAck(state)
  const out = new Uint8Array(ACK_BODY_LENGTH)
  out.set(state.channelId, 0)
  new DataView(out.buffer).setBigUint64(ID_LENGTH, state.sequence)
  out.set(state.stateHash, ID_LENGTH + 8)
  return out
}

/** Signs an ack with the payee's peer key. */
export function signAck(state: AckedState, payeePrivateKey: Uint8Array): ChannelAck {
  const signature = signBody(SigningDomain.channelAck, ackBody(state), payeePrivateKey)
  return {
    channelId: state.channelId as Uint8Array<ArrayBuffer>,
    sequence: state.sequence,
    stateHash: state.stateHash as Uint8Array<ArrayBuffer>,
    signature: signature as Uint8Array<ArrayBuffer>,
  }
}

/** Verifies an ack against the payee's 32-byte peer key; BadSignatureError when it does not verify. */
export function verifyAck(ack: ChannelAck, payeeKey: Uint8Array): AckedState {
  requireBytes('payeeKey', payeeKey, PEER_KEY_LENGTH)
  checkAck(ack)
  if (!verifyBody(SigningDomain.channelAck, ackBody(ack), payeeKey, ack.signature)) {
    throw new BadSignatureError('channel ack')
  }
  return { channelId: ack.channelId, sequence: ack.sequence, stateHash: ack.stateHash }
}
