/**
 * Maps the typed errors of @bazaar/protocol's strict decoders (identified by `.name` and `field`)
 * onto the reputation validator's own failure reasons, so that each failure keeps its own reason
 * and gossipsub action.
 */

import { MAX_RATING } from './constants.js'
import {
  type AttestationInvalidError,
  AttestationMalformedError,
  AttestationTooLargeError,
  AttestationVersionError,
  RatingOutOfRangeError,
  ReceiptMalformedError,
  SelfAttestationError,
} from './errors.js'

interface ProtocolErrorShape {
  name?: string
  message?: string
  field?: string
  kind?: string
  maxBytes?: number
  actualBytes?: number
  version?: number
  value?: bigint | number
}

/** Which message a decoder was reading when it failed. */
export type DecodedPart = 'attestation' | 'receipt'

export function fromProtocolError(err: unknown, part: DecodedPart): AttestationInvalidError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ProtocolErrorShape
  const field = e.field ?? e.kind ?? part
  const malformed = (): AttestationInvalidError =>
    part === 'attestation'
      ? new AttestationMalformedError(field, e.message ?? 'does not decode', { cause: err })
      : new ReceiptMalformedError(field, e.message ?? 'does not decode', { cause: err })
  switch (e.name) {
    case 'MessageTooLargeError':
      return part === 'attestation'
        ? new AttestationTooLargeError(e.actualBytes ?? 0, e.maxBytes ?? 0)
        : malformed()
    case 'UnsupportedVersionError':
      return new AttestationVersionError(part, e.version ?? 0)
    case 'OutOfRangeError':
      return field === 'attestation.rating'
        ? new RatingOutOfRangeError(Number(e.value), MAX_RATING)
        : malformed()
    case 'MismatchError':
      // The only mismatches the decoders check: attester = subject, client = worker.
      return field === 'attestation.subjectKey' || field === 'receipt.workerKey'
        ? new SelfAttestationError()
        : malformed()
    default:
      return malformed()
  }
}
