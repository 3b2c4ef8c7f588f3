/**
 * Cooperative close: both settlement keys sign the EIP-712 `CooperativeClose(channelId,
 * sequence, payeeAmount)`, and the contract pays out at once without a dispute window.
 */
import { HASH_LENGTH, ID_LENGTH, SETTLEMENT_SIGNATURE_BYTES } from '../constants.js'
import { bytesEqual, recoverShared, secpSignDigest } from '../crypto/secp256k1.js'
import { BadSignatureError, MissingFieldError } from '../errors.js'
import type { ChannelClose } from '../pb/channel.js'
import { requireBytes } from '../validate.js'
import { cooperativeCloseDigest, type SettlementDomain } from './eip712.js'

/** The terms both parties sign. */
export interface CloseTerms {
  channelId: Uint8Array
  /** Sequence of the last update the close settles. */
  sequence: bigint
  /** What the payee receives, base units; the payer gets the rest of the deposit. */
  payeeAmount: bigint
}

/** Structural checks of a close. */
export function checkClose(close: ChannelClose, requireBoth = true): void {
  requireBytes('close.channelId', close.channelId, ID_LENGTH)
  if (close.sequence === 0n) throw new MissingFieldError('close.sequence')
  if (requireBoth || close.payerSignature.byteLength > 0) {
    requireBytes('close.payerSignature', close.payerSignature, SETTLEMENT_SIGNATURE_BYTES)
  }
  if (requireBoth || close.payeeSignature.byteLength > 0) {
    requireBytes('close.payeeSignature', close.payeeSignature, SETTLEMENT_SIGNATURE_BYTES)
  }
}

/** The digest both parties sign (32 bytes). */
export function closeDigest(domain: SettlementDomain, terms: CloseTerms): Uint8Array<ArrayBuffer> {
  requireBytes('close.channelId', terms.channelId, HASH_LENGTH)
  return cooperativeCloseDigest(domain, terms)
}

/** Signs the close terms with one party's settlement key: 65 bytes r || s || v. */
export function signCooperativeClose(
  domain: SettlementDomain,
  terms: CloseTerms,
  settlementPrivateKey: Uint8Array,
): Uint8Array<ArrayBuffer> {
  return secpSignDigest(settlementPrivateKey, closeDigest(domain, terms))
}

/** Verifies a fully signed close: the payer's and the payee's settlement signatures. */
export function verifyCooperativeClose(
  domain: SettlementDomain,
  close: ChannelClose,
  payerAddress: Uint8Array,
  payeeAddress: Uint8Array,
): CloseTerms {
  checkClose(close)
  const terms: CloseTerms = {
    channelId: close.channelId,
    sequence: close.sequence,
    payeeAmount: close.payeeAmount,
  }
  const digest = closeDigest(domain, terms)
  if (!bytesEqual(recoverShared(digest, close.payerSignature), payerAddress)) {
    throw new BadSignatureError('cooperative close (payer)')
  }
  if (!bytesEqual(recoverShared(digest, close.payeeSignature), payeeAddress)) {
    throw new BadSignatureError('cooperative close (payee)')
  }
  return terms
}
