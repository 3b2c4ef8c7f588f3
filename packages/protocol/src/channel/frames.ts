/**
 * PayFrame: the one message type on a `/bazaar/pay/1.0.0` stream (one ordered stream per
 * channel), exactly one member set. Decoding checks the frame size before parsing, then the
 * structure of the member; signatures are checked by the verifiers of each member.
 */
import {
  ED25519_SIGNATURE_BYTES,
  HASH_LENGTH,
  ID_LENGTH,
  MAX_LOCKS_PER_UPDATE,
  MAX_MESSAGE_BYTES,
  MAX_PAY_FRAME_BYTES,
  SETTLEMENT_SIGNATURE_BYTES,
} from '../constants.js'
import { bytesEqual } from '../crypto/secp256k1.js'
import { checkEnvelope } from '../envelope.js'
import { MalformedMessageError, MismatchError, MissingFieldError } from '../errors.js'
import { PayFrame } from '../pb/channel.js'
import { PayFrameSchema } from '../schemas.js'
import { decodeChecked, optionalBytes, requireBytes, requireString } from '../validate.js'
import { checkAck } from './ack.js'
import { checkClose } from './close.js'
import { checkUpdate } from './update.js'
import { decodeUpdateBytes, encodeUpdateFrame } from './update-codec.js'

/** The member names of a PayFrame. */
export type PayFrameKind = keyof PayFrame

const KINDS: readonly PayFrameKind[] = ['open', 'update', 'ack', 'reestablish', 'close', 'error']

/** Decoding limits of a pay frame. */
export interface PayFrameLimits {
  /** Largest frame, in bytes ({@link MAX_PAY_FRAME_BYTES}). */
  maxBytes?: number
  /** Most locks in an update ({@link MAX_LOCKS_PER_UPDATE}). */
  maxLocks?: number
}

/** The one member a frame carries; MalformedMessageError when none or several. */
export function payFrameKind(frame: PayFrame): PayFrameKind {
  let found: PayFrameKind | undefined
  for (const k of KINDS) {
    if (frame[k] === undefined) continue
    if (found !== undefined) throw new MalformedMessageError('pay frame', `both ${found} and ${k} set`)
    found = k
  }
  if (found === undefined) throw new MalformedMessageError('pay frame', 'no member set')
  return found
}

/** Structural checks of the member a frame carries. Returns its kind. */
export function checkPayFrame(frame: PayFrame, maxLocks = MAX_LOCKS_PER_UPDATE): PayFrameKind {
  const kind = payFrameKind(frame)
  const f = frame as Required<PayFrame>
  switch (kind) {
    case 'open':
      checkEnvelope('channel open', f.open)
      break
    case 'update':
      checkUpdate(f.update, maxLocks)
      requireBytes('update.signature', f.update.signature, SETTLEMENT_SIGNATURE_BYTES)
      break
    case 'ack':
      checkAck(f.ack)
      requireBytes('ack.signature', f.ack.signature, ED25519_SIGNATURE_BYTES)
      break
    case 'reestablish':
      requireBytes('reestablish.channelId', f.reestablish.channelId, ID_LENGTH)
      requireBytes('reestablish.lastStateHash', f.reestablish.lastStateHash, HASH_LENGTH)
      // Before any update the state hash is the channel id: the first update's previousStateHash.
      if (
        f.reestablish.lastSequence === 0n &&
        !bytesEqual(f.reestablish.lastStateHash, f.reestablish.channelId)
      ) {
        throw new MismatchError('reestablish.lastStateHash', 'is not the channel id at sequence 0')
      }
      break
    case 'close':
      checkClose(f.close, false)
      if (f.close.payerSignature.byteLength === 0 && f.close.payeeSignature.byteLength === 0) {
        throw new MissingFieldError('close.payerSignature')
      }
      break
    case 'error':
      optionalBytes('error.channelId', f.error.channelId, ID_LENGTH)
      if (f.error.code === 0) throw new MissingFieldError('error.code')
      requireString('error.message', f.error.message, MAX_MESSAGE_BYTES, false)
      break
    default: {
      const never: never = kind
      throw new MalformedMessageError('pay frame', `unknown member ${String(never)}`)
    }
  }
  return kind
}

/** Encodes a pay frame (after checking it carries exactly one valid member). */
export function encodePayFrame(frame: PayFrame): Uint8Array<ArrayBuffer> {
  const kind = checkPayFrame(frame)
  // The hot path: an update frame is written by the hand-written codec, same bytes.
  if (kind === 'update') return encodeUpdateFrame(frame.update!)
  return PayFrame.encode(frame)
}

/** Decodes a pay frame: size first, strict wire walk, exactly one member, its structure. */
export function decodePayFrame(bytes: Uint8Array, limits: PayFrameLimits = {}): PayFrame {
  const maxLocks = limits.maxLocks ?? MAX_LOCKS_PER_UPDATE
  const maxBytes = limits.maxBytes ?? MAX_PAY_FRAME_BYTES
  const update = updateFrameBody(bytes, maxBytes)
  const frame =
    update === undefined
      ? decodeChecked('pay frame', bytes, maxBytes, PayFrameSchema, (b) =>
          PayFrame.decode(b, { limits: { update: { locks: maxLocks } } }),
        )
      : { update: decodeUpdateBytes(bytes, maxLocks, update, bytes.byteLength) }
  checkPayFrame(frame, maxLocks)
  return frame
}

/** Where the update starts when `bytes` is exactly `PayFrame { update }`; undefined otherwise. */
function updateFrameBody(bytes: Uint8Array, maxBytes: number): number | undefined {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength > maxBytes || bytes[0] !== 0x12) return undefined
  let len = 0
  let pos = 1
  for (let shift = 0; shift < 28 && pos < bytes.byteLength; shift += 7) {
    const b = bytes[pos++]!
    len += (b & 0x7f) * 2 ** shift
    if (b < 0x80) return pos + len === bytes.byteLength ? pos : undefined
  }
  return undefined
}
