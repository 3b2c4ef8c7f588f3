/**
 * Checks an agent card exactly as received, through the protocol's verifier (signature over the
 * received body bytes, field limits, times), and that it is signed by the peer that served it.
 * Every failure becomes an InvalidCardError with a reason.
 */
import { type AgentCardBody, decodeCard, verifyCard as verifyCardMessage } from '@bazaar/protocol'
import { DEFAULT_CARD_CLOCK_SKEW_MS } from './constants.js'
import { InvalidCardError, type InvalidCardReason } from './errors.js'

/** A card whose signature and times were checked. */
export interface VerifiedCard {
  body: AgentCardBody
  /** The card exactly as received (encoded AgentCard). */
  bytes: Uint8Array
}

export interface VerifyCardOptions {
  /** 32-byte Ed25519 key the card must be signed by. */
  peerKey: Uint8Array
  now?: number
  clockSkewMs?: number
  maxBytes?: number
}

const REASONS: Record<string, InvalidCardReason> = {
  BadSignatureError: 'bad-signature',
  MismatchError: 'wrong-peer',
  UnsupportedVersionError: 'unsupported-version',
  TimeOutOfRangeError: 'expired',
}

export function verifyCard(bytes: Uint8Array, options: VerifyCardOptions): VerifiedCard {
  try {
    const card = decodeCard(bytes, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes })
    const body = verifyCardMessage(card, {
      peerKey: options.peerKey,
      clockSkewMs: options.clockSkewMs ?? DEFAULT_CARD_CLOCK_SKEW_MS,
      ...(options.now === undefined ? {} : { now: options.now }),
    })
    return { body, bytes }
  } catch (err) {
    const name = (err as Error).name
    const future = name === 'TimeOutOfRangeError' && (err as { reason?: string }).reason === 'future'
    const reason = future ? 'not-yet-valid' : (REASONS[name] ?? 'malformed')
    throw new InvalidCardError(reason, `card rejected: ${(err as Error).message}`, { cause: err })
  }
}
