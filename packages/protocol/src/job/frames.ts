/**
 * JobFrame: the one message type on a `/bazaar/job/1.0.0` stream, exactly one member set.
 * Decoding checks the frame size before parsing and the structure of the member it carries;
 * signed members are opened with their verifiers (request, quote, delivery, receipt halves).
 */
import {
  ED25519_SIGNATURE_BYTES,
  HASH_LENGTH,
  ID_LENGTH,
  MAX_JOB_FRAME_BYTES,
  MAX_MESSAGE_BYTES,
  MAX_PERMILLE,
  MAX_RECEIPT_BYTES,
  PREIMAGE_LENGTH,
} from '../constants.js'
import { checkEnvelope } from '../envelope.js'
import { MalformedMessageError, MissingFieldError } from '../errors.js'
import { ErrorCode, JobFrame, JobState } from '../pb/job.js'
import { JobFrameSchema } from '../schemas.js'
import { decodeChecked, requireBlob, requireBytes, requireRange, requireString } from '../validate.js'

/** The member names of a JobFrame. */
export type JobFrameKind = keyof JobFrame

const KINDS: readonly JobFrameKind[] = [
  'request',
  'quote',
  'accept',
  'reject',
  'progress',
  'delivery',
  'pay',
  'reveal',
  'cancel',
  'error',
]

/** Decoding limits of a job frame. */
export interface JobFrameLimits {
  /** Largest frame, in bytes ({@link MAX_JOB_FRAME_BYTES}). */
  maxBytes?: number
}

/** The one member a frame carries; MalformedMessageError when none or several. */
export function jobFrameKind(frame: JobFrame): JobFrameKind {
  let found: JobFrameKind | undefined
  for (const k of KINDS) {
    if (frame[k] === undefined) continue
    if (found !== undefined) throw new MalformedMessageError('job frame', `both ${found} and ${k} set`)
    found = k
  }
  if (found === undefined) throw new MalformedMessageError('job frame', 'no member set')
  return found
}

function coded(kind: string, jobId: Uint8Array, code: ErrorCode, message: string): void {
  requireBytes(`${kind}.jobId`, jobId, ID_LENGTH)
  if (code === ErrorCode.ERROR_CODE_UNSPECIFIED) throw new MissingFieldError(`${kind}.code`)
  requireString(`${kind}.message`, message, MAX_MESSAGE_BYTES, false)
}

/** Structural checks of the member a frame carries. Returns its kind. */
export function checkJobFrame(frame: JobFrame): JobFrameKind {
  const kind = jobFrameKind(frame)
  const f = frame as Required<JobFrame>
  switch (kind) {
    case 'request':
    case 'quote':
      checkEnvelope(kind, f[kind])
      break
    case 'delivery':
      checkEnvelope(kind, f.delivery)
      break
    case 'accept':
      requireBytes('accept.jobId', f.accept.jobId, ID_LENGTH)
      requireBytes('accept.quoteHash', f.accept.quoteHash, HASH_LENGTH)
      break
    case 'reject':
    case 'cancel':
    case 'error':
      coded(kind, f[kind].jobId, f[kind].code, f[kind].message)
      break
    case 'progress':
      requireBytes('progress.jobId', f.progress.jobId, ID_LENGTH)
      if (f.progress.state === JobState.JOB_STATE_UNSPECIFIED) throw new MissingFieldError('progress.state')
      requireRange('progress.permille', f.progress.permille, 0, MAX_PERMILLE)
      requireString('progress.message', f.progress.message, MAX_MESSAGE_BYTES, false)
      break
    case 'pay':
      requireBytes('pay.jobId', f.pay.jobId, ID_LENGTH)
      requireBytes('pay.channelId', f.pay.channelId, ID_LENGTH)
      if (f.pay.sequence === 0n) throw new MissingFieldError('pay.sequence')
      requireBytes('pay.stateHash', f.pay.stateHash, HASH_LENGTH)
      requireBlob('pay.receiptBody', f.pay.receiptBody, MAX_RECEIPT_BYTES)
      requireBytes('pay.clientSignature', f.pay.clientSignature, ED25519_SIGNATURE_BYTES)
      break
    case 'reveal':
      requireBytes('reveal.jobId', f.reveal.jobId, ID_LENGTH)
      requireBytes('reveal.key', f.reveal.key, PREIMAGE_LENGTH)
      requireBytes('reveal.workerSignature', f.reveal.workerSignature, ED25519_SIGNATURE_BYTES)
      break
    default: {
      const never: never = kind
      throw new MalformedMessageError('job frame', `unknown member ${String(never)}`)
    }
  }
  return kind
}

/** Encodes a job frame (after checking it carries exactly one valid member). */
export function encodeJobFrame(frame: JobFrame): Uint8Array<ArrayBuffer> {
  checkJobFrame(frame)
  return JobFrame.encode(frame)
}

/** Decodes a job frame: size first, strict wire walk, exactly one member, its structure. */
export function decodeJobFrame(bytes: Uint8Array, limits: JobFrameLimits = {}): JobFrame {
  const maxBytes = limits.maxBytes ?? MAX_JOB_FRAME_BYTES
  const frame = decodeChecked('job frame', bytes, maxBytes, JobFrameSchema, (b) => JobFrame.decode(b))
  checkJobFrame(frame)
  return frame
}
