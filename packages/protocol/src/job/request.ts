/**
 * Job requests: the client asks a worker to run a skill on an input within a budget and a
 * deadline, signed by the client under `bazaar/job-request/v1`. A budget that covers the
 * worker's price is an acceptance in advance (docs/PROTOCOL.md "Paid job").
 */
import {
  ID_LENGTH,
  JOB_REQUEST_VERSION,
  MAX_ASSET_BYTES,
  MAX_CONTENT_TYPE_BYTES,
  MAX_JOB_FRAME_BYTES,
  MAX_SKILL_ID_BYTES,
  MAX_SKILL_VERSION_BYTES,
  PEER_KEY_LENGTH,
} from '../constants.js'
import { type Envelope, signedKind, type VerifyOptions } from '../envelope.js'
import { OutOfRangeError } from '../errors.js'
import { JobRequest, JobRequestBody } from '../pb/job.js'
import { EnvelopeSchema, JobRequestBodySchema } from '../schemas.js'
import { SigningDomain } from '../signing.js'
import {
  notExpired,
  notFuture,
  optionalBytes,
  requireBytes,
  requireString,
  requireTime,
  requireVersion,
} from '../validate.js'

/** Validates every field of a request body (also run before signing). */
export function checkJobRequestBody(body: JobRequestBody): void {
  requireVersion('job request', body.version, JOB_REQUEST_VERSION)
  requireBytes('request.jobId', body.jobId, ID_LENGTH)
  requireBytes('request.clientKey', body.clientKey, PEER_KEY_LENGTH)
  requireBytes('request.workerKey', body.workerKey, PEER_KEY_LENGTH)
  requireString('request.skill', body.skill, MAX_SKILL_ID_BYTES)
  requireString('request.skillVersion', body.skillVersion, MAX_SKILL_VERSION_BYTES, false)
  requireString('request.contentType', body.contentType, MAX_CONTENT_TYPE_BYTES, false)
  requireString('request.asset', body.asset, MAX_ASSET_BYTES)
  requireTime('request.issuedAt', body.issuedAt)
  requireTime('request.deadline', body.deadline)
  if (body.deadline <= body.issuedAt) {
    throw new OutOfRangeError('request.deadline', body.deadline, `> issuedAt ${body.issuedAt}`)
  }
  optionalBytes('request.channelId', body.channelId, ID_LENGTH)
}

const kind = signedKind<JobRequestBody>({
  kind: 'job request',
  domain: SigningDomain.jobRequest,
  maxBytes: MAX_JOB_FRAME_BYTES,
  bodySchema: JobRequestBodySchema,
  envelopeSchema: EnvelopeSchema,
  encodeBody: (b) => JobRequestBody.encode(b),
  decodeBody: (b) => JobRequestBody.decode(b),
  check: checkJobRequestBody,
  signer: (b) => b.clientKey,
  times: (b, now, skew) => {
    notFuture('request.issuedAt', b.issuedAt, now, skew)
    notExpired('request.deadline', b.deadline, now)
  },
})

/** Encodes a request body (its canonical bytes). */
export const encodeJobRequestBody: (body: JobRequestBody) => Uint8Array = kind.encodeBody
/** Decodes and validates a request body. */
export const decodeJobRequestBody: (bytes: Uint8Array, maxBytes?: number) => JobRequestBody = kind.decodeBody

/** Encodes a signed request. */
export function encodeJobRequest(request: JobRequest): Uint8Array<ArrayBuffer> {
  return JobRequest.encode(request)
}

/** Decodes a signed request's envelope; {@link verifyJobRequest} opens the body. */
export function decodeJobRequest(bytes: Uint8Array, maxBytes?: number): JobRequest {
  return kind.decodeEnvelope(bytes, (b) => JobRequest.decode(b), maxBytes)
}

/** Signs a request body with the client's peer key (`body.clientKey`). */
export function signJobRequest(body: JobRequestBody, privateKey: Uint8Array): JobRequest {
  return kind.sign(body, privateKey) as JobRequest
}

/** Verifies a request: body valid, signed by `clientKey`, issued no later than now + skew, deadline ahead. */
export function verifyJobRequest(request: Envelope, opts?: VerifyOptions): JobRequestBody {
  return kind.verify(request, opts)
}
