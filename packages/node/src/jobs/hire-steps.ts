/**
 * Steps of the client's side of a job that stand on their own: waiting for the key, turning a
 * refusal frame into its error, and naming what went wrong when a hire fails.
 */
import type { JobFrame } from '@bazaar/protocol'
import type { FrameStream } from '../stream/frame-stream.js'
import { errorFromCode } from './codes.js'
import {
  DeadlineExceededError,
  JobCanceledError,
  JobError,
  JobTimeoutError,
  jobError,
  UnexpectedJobMessageError,
  WorkerUnreachableError,
} from './errors.js'

/** Waits for the worker's Reveal (bounded by `timeoutMs`); a refusal becomes its error. */
export async function awaitReveal(
  frames: FrameStream<JobFrame>,
  timeoutMs: number,
  stop: AbortSignal,
  id: string,
): Promise<{ key: Uint8Array; workerSignature: Uint8Array }> {
  const answer = await frames.next({ timeoutMs, signal: stop }).catch((err: Error) => {
    throw err.name === 'FrameTimeoutError'
      ? new JobTimeoutError('no reveal after the delivery', { cause: err })
      : err
  })
  throwIfRefused(answer, id)
  if (answer.reveal === undefined) throw new UnexpectedJobMessageError('expected the reveal')
  return answer.reveal
}

/** Throws the error a Reject, JobError or Cancel frame reports. */
export function throwIfRefused(frame: JobFrame, id: string): void {
  const refusal = frame.reject ?? frame.error ?? frame.cancel
  if (refusal !== undefined) throw jobError(errorFromCode(refusal.code, refusal.message), id, true)
}

/** The job error a failed hire reports, from what failed and which signal (if any) fired. */
export function classify(
  err: unknown,
  ctx: { deadline: AbortSignal; caller: AbortSignal | undefined; stop: AbortSignal; id: string },
): JobError {
  if (err instanceof JobError) return jobError(err, ctx.id, err.remote)
  const cause = err instanceof Error ? err : new Error(String(err))
  if (ctx.caller?.aborted === true) return jobError(new JobCanceledError('hire canceled', { cause }), ctx.id)
  if (ctx.stop.aborted) return jobError(new JobCanceledError('node is stopping', { cause }), ctx.id)
  if (ctx.deadline.aborted || cause.name === 'FrameTimeoutError') {
    return jobError(new DeadlineExceededError('no result before the deadline', { cause }), ctx.id)
  }
  if (cause.name === 'StreamEndedError' || cause.name === 'CardFetchError') {
    return jobError(new WorkerUnreachableError('the worker went away', { cause }), ctx.id)
  }
  if (cause.name === 'SpendingLimitError') return cause as JobError
  return jobError(new WorkerUnreachableError(cause.message, { cause }), ctx.id)
}
