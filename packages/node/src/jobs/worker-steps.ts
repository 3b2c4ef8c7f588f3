/**
 * Steps of the worker's side of a job that stand on their own: the quote exchange, turning a
 * handler's result into bytes, and racing work against an abort signal.
 */
import { bytesEqual, type JobFrame, quoteHash, signQuote } from '@bazaar/protocol'
import type { SkillResult } from '../skills/types.js'
import type { FrameStream } from '../stream/frame-stream.js'
import { JOB_VERSION } from './constants.js'
import {
  HandlerFailedError,
  JobCanceledError,
  MalformedJobError,
  QuoteExpiredError,
  UnexpectedJobMessageError,
} from './errors.js'
import type { JobContextDeps } from './job-context.js'

/** Sends a signed quote and waits for the client's Accept (or Cancel) within the quote's life. */
export async function negotiateQuote(
  deps: JobContextDeps,
  frames: FrameStream<JobFrame>,
  jobId: Uint8Array<ArrayBuffer>,
  clientKey: Uint8Array<ArrayBuffer>,
  price: bigint,
  asset: string,
  signal: AbortSignal,
): Promise<void> {
  const now = Date.now()
  const quote = signQuote(
    {
      version: JOB_VERSION,
      jobId,
      workerKey: deps.signer.publicKey,
      clientKey,
      price,
      asset,
      expiresAt: BigInt(now + deps.limits.quoteTtlMs),
      terms: '',
      issuedAt: BigInt(now),
    },
    deps.signer.seed,
  )
  await frames.send({ quote }, signal)
  const answer = await frames.next({ timeoutMs: deps.limits.quoteTtlMs, signal }).catch((err: Error) => {
    throw err.name === 'FrameTimeoutError' ? new QuoteExpiredError('quote was not accepted in time') : err
  })
  if (answer.cancel !== undefined)
    throw Object.assign(new JobCanceledError('client declined the quote'), { declined: true })
  if (answer.accept === undefined) throw new UnexpectedJobMessageError('expected accept')
  if (!bytesEqual(answer.accept.jobId, jobId) || !bytesEqual(answer.accept.quoteHash, quoteHash(quote))) {
    throw new MalformedJobError('accept does not name the quote')
  }
}

/** A handler's result as bytes and a content type. */
export function normalize(
  result: SkillResult,
  fallbackType: string,
): { output: Uint8Array; contentType: string } {
  if (result instanceof Uint8Array) return { output: result, contentType: fallbackType }
  if (typeof result === 'string')
    return { output: new TextEncoder().encode(result), contentType: 'text/plain' }
  if (result !== null && typeof result === 'object' && 'output' in result) {
    const output = typeof result.output === 'string' ? new TextEncoder().encode(result.output) : result.output
    if (!(output instanceof Uint8Array)) throw new HandlerFailedError('handler returned no bytes')
    return { output, contentType: result.contentType ?? fallbackType }
  }
  throw new HandlerFailedError('handler returned neither bytes nor text')
}

/** Resolves with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (e) => {
        signal.removeEventListener('abort', onAbort)
        reject(e)
      },
    )
  })
}
