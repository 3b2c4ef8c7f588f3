/**
 * Builds this node's signed attestation about the other party of a dual-signed receipt. The
 * result still goes through the validator before it is stored or gossiped.
 */
import type { PrivateKey } from '@libp2p/interface'
import { Attestation, AttestationBody, type ReceiptBody, signAttestationWithKey, strict } from './codec.js'
import { ATTESTATION_VERSION, MAX_RATING } from './constants.js'
import { NotReceiptPartyError, RatingOutOfRangeError, ReceiptMalformedError } from './errors.js'

/**
 * Encodes and signs an Attestation. `receipt` is the encoded Receipt; `selfKey` is this node's
 * raw 32-byte Ed25519 key and must be the receipt's client or worker; `now` is unix ms (an
 * attestation is never dated before the job's completion).
 */
export async function createAttestation(
  receipt: Uint8Array,
  rating: number,
  selfKey: Uint8Array,
  privateKey: PrivateKey,
  now: number,
): Promise<Uint8Array> {
  if (!Number.isInteger(rating) || rating < 0 || rating > MAX_RATING) {
    throw new RatingOutOfRangeError(rating, MAX_RATING)
  }
  let rb: ReceiptBody
  try {
    rb = strict.receiptBody(strict.receipt(receipt).body)
  } catch (err) {
    throw new ReceiptMalformedError('receipt', (err as Error).message, { cause: err })
  }
  const me = new Uint8Array(selfKey)
  const isClient = Buffer.compare(rb.clientKey, me) === 0
  if (!isClient && Buffer.compare(rb.workerKey, me) !== 0) throw new NotReceiptPartyError()
  const body = AttestationBody.encode({
    version: ATTESTATION_VERSION,
    attesterKey: me,
    subjectKey: isClient ? rb.workerKey : rb.clientKey,
    jobId: rb.jobId,
    skill: rb.skill,
    receipt: new Uint8Array(receipt),
    rating,
    issuedAt: BigInt(Math.max(now, Number(rb.completedAt))),
  })
  const signature = await signAttestationWithKey(privateKey, body)
  return Attestation.encode({ body, signature: new Uint8Array(signature) })
}
