/**
 * The worker's half of a job stream: request -> (quote -> accept) -> run the handler -> sealed
 * delivery -> pay (checked against an acknowledged locked channel update) -> reveal the key.
 * Every wait on the client is bounded; every refusal carries its wire code.
 */
import {
  bytesEqual,
  decodeReceiptBody,
  ErrorCode,
  type JobFrame,
  JobState,
  signDelivery,
  signReceipt,
  verifyJobRequest,
  verifyReceiptSignature,
} from '@bazaar/protocol'
import type { PeerId } from '@libp2p/interface'
import { peerKeyOf } from '../identity.js'
import type { FrameStream } from '../stream/frame-stream.js'
import { codeOf } from './codes.js'
import { JOB_VERSION } from './constants.js'
import { sealResult } from './delivery-crypto.js'
import {
  BudgetTooLowError,
  DeadlineExceededError,
  DeadlineTooShortError,
  HandlerFailedError,
  InputTooLargeError,
  JobCanceledError,
  JobError,
  MalformedJobError,
  PaymentInvalidError,
  PaymentRequiredError,
  ShuttingDownError,
  UnexpectedJobMessageError,
  UnknownSkillJobError,
  WorkerBusyError,
  WorkerUnreachableError,
} from './errors.js'
import { hex, type JobContextDeps } from './job-context.js'
import { checked } from './messages.js'
import { negotiateQuote, normalize, raceAbort } from './worker-steps.js'

/**
 * The abort reason of a job that ended normally (its timers and listeners stop): one shared
 * instance, because building an Error (its stack) per job costs more than the rest of the stop.
 */
const JOB_FINISHED = new JobCanceledError('job finished')

/** Serves one inbound job stream. `stop` aborts the job when the node shuts down. */
export async function handleJob(
  deps: JobContextDeps,
  frames: FrameStream<JobFrame>,
  client: PeerId,
  stop: AbortSignal,
): Promise<void> {
  const { limits } = deps
  let jobId: Uint8Array<ArrayBuffer> | undefined
  let skill = ''
  let accepted = false
  /** Set once the sealed delivery is sent: the key a locked payment can be claimed with. */
  let delivered: { channelId: Uint8Array; key: Uint8Array; lockHash: Uint8Array; price: bigint } | undefined
  let release = (): void => {}
  const job = new AbortController()
  const onStop = (): void => job.abort(new ShuttingDownError('worker is shutting down'))
  stop.addEventListener('abort', onStop, { once: true })
  let canceledByClient = false
  let untrack = (): void => {}
  const emit = (state: 'working' | 'completed' | 'failed' | 'canceled' | 'rejected', extra = {}): void => {
    if (jobId !== undefined)
      deps.events.emitJob({ jobId: hex(jobId), role: 'worker', peer: client, skill, state, ...extra })
  }
  try {
    const clientKey = peerKeyOf(client)
    if (clientKey === undefined) throw new MalformedJobError('client peer id has no Ed25519 key')
    const first = await frames.next({ timeoutMs: limits.frameTimeoutMs, signal: job.signal })
    if (first.request === undefined) throw new UnexpectedJobMessageError('expected a job request')
    const request = checked(() =>
      verifyJobRequest(first.request!, { signer: clientKey, clockSkewMs: limits.clockSkewMs }),
    )
    if (!bytesEqual(request.workerKey, deps.signer.publicKey)) {
      throw new MalformedJobError('request is addressed to another worker')
    }
    jobId = request.jobId
    skill = request.skill
    untrack = deps.track(hex(request.jobId), (reason) => job.abort(reason))
    if (deps.stopping()) throw new ShuttingDownError('worker is shutting down')
    const entry = deps.registry.get(request.skill)
    if (entry === undefined) throw new UnknownSkillJobError(`skill ${request.skill} is not offered here`)
    const skillLimits = entry.offer.limits!
    if (request.input.byteLength > skillLimits.maxInputBytes) {
      throw new InputTooLargeError(
        `input of ${request.input.byteLength} bytes exceeds ${skillLimits.maxInputBytes}`,
      )
    }
    const now = Date.now()
    const deadline = Number(request.deadline)
    if (deadline - now < limits.minDeadlineMs) throw new DeadlineTooShortError('deadline is too near')
    const price = entry.offer.price
    const payments = deps.payments()
    if (price > 0n && (payments === undefined || !payments.hasChannel(client, request.channelId))) {
      throw new PaymentRequiredError('a paid skill needs an open channel to this worker')
    }
    if (request.quoteFirst) {
      await negotiateQuote(deps, frames, request.jobId, clientKey, price, entry.offer.asset, job.signal)
    } else if (request.budget < price) {
      throw Object.assign(new BudgetTooLowError(`price ${price} exceeds budget ${request.budget}`), {
        price,
        budget: request.budget,
      })
    }
    if (entry.running >= skillLimits.maxConcurrency)
      throw new WorkerBusyError(`${skill} is at its concurrency limit`)
    entry.running++
    release = () => {
      entry.running--
      release = () => {}
    }
    accepted = true
    emit('working', { price })
    // WORKING goes out once the handler runs past this turn of the event loop (or reports
    // progress): a job done sooner says so with its delivery, one frame (and write) fewer.
    const sendWorking = (): void => {
      working = undefined
      void frames
        .send({ progress: { jobId: request.jobId, state: JobState.WORKING, permille: 0, message: '' } })
        .catch(() => {})
    }
    let working: ReturnType<typeof setImmediate> | undefined = setImmediate(sendWorking)

    // The client's next frame is Cancel (at any time) or Pay (after the delivery): read it once.
    const runUntil = Math.min(deadline, now + skillLimits.maxDurationMs)
    const nextFrame = frames.next({ timeoutMs: runUntil - now + limits.frameTimeoutMs, signal: job.signal })
    nextFrame.then(
      (frame) => {
        if (frame.cancel !== undefined) {
          canceledByClient = true
          job.abort(new JobCanceledError('client canceled'))
        }
      },
      (err: Error) =>
        job.abort(err.name === 'StreamEndedError' ? new WorkerUnreachableError('client left') : err),
    )
    const timer = setTimeout(
      () => job.abort(new DeadlineExceededError('job ran past its deadline')),
      runUntil - now,
    )
    let result: { output: Uint8Array; contentType: string }
    try {
      let progressFrames = 0
      const output = await raceAbort(
        Promise.resolve().then(() =>
          entry.handler({
            jobId: request.jobId,
            skill,
            client,
            input: request.input,
            contentType: request.contentType,
            deadline,
            signal: job.signal,
            progress: (permille, message = '') => {
              if (job.signal.aborted || ++progressFrames > limits.maxProgressFrames) return
              if (working !== undefined) {
                clearImmediate(working)
                sendWorking()
              }
              const p = Math.max(0, Math.min(1000, Math.round(permille)))
              void frames
                .send({ progress: { jobId: request.jobId, state: JobState.WORKING, permille: p, message } })
                .catch(() => {})
            },
          }),
        ),
        job.signal,
      )
      result = normalize(output, request.contentType)
    } catch (err) {
      if (job.signal.aborted) throw job.signal.reason
      throw new HandlerFailedError('the skill handler failed', { cause: err })
    } finally {
      clearTimeout(timer)
      if (working !== undefined) clearImmediate(working)
    }
    if (result.output.byteLength > skillLimits.maxOutputBytes) {
      throw new HandlerFailedError(
        `result of ${result.output.byteLength} bytes exceeds ${skillLimits.maxOutputBytes}`,
      )
    }

    const sealed = sealResult(request.jobId, result.output)
    const lockExpiry = BigInt(Math.floor(Date.now() / 1000) + limits.lockTtlS)
    const delivery = signDelivery(
      {
        version: JOB_VERSION,
        jobId: request.jobId,
        workerKey: deps.signer.publicKey,
        clientKey,
        price,
        asset: entry.offer.asset,
        resultHash: sealed.resultHash,
        ciphertextHash: sealed.ciphertextHash,
        lockHash: sealed.lockHash,
        contentType: result.contentType,
        lockExpiry,
        issuedAt: BigInt(Date.now()),
      },
      sealed.ciphertext,
      deps.signer.seed,
    )
    await frames.send({ delivery }, job.signal)
    if (price > 0n) {
      delivered = { channelId: request.channelId, key: sealed.key, lockHash: sealed.lockHash, price }
      payments!.expectKey(client, request.channelId, sealed.lockHash, price, sealed.key)
    }
    if (price === 0n) {
      // A free job has no payment to wait for and no receipt (receipts name a payment): the
      // key follows the delivery at once, with the delivery's signature as the worker's word.
      await frames.send({
        reveal: {
          jobId: request.jobId,
          key: sealed.key,
          workerSignature: new Uint8Array(delivery.signature),
        },
      })
      emit('completed', { price })
      await frames.close(limits.frameTimeoutMs)
      return
    }

    const answer = await raceAbort(nextFrame, job.signal)
    if (answer.cancel !== undefined) {
      canceledByClient = true
      throw new JobCanceledError('client canceled')
    }
    if (answer.pay === undefined) throw new UnexpectedJobMessageError('expected pay')
    const pay = answer.pay
    const receipt = checked(() => decodeReceiptBody(pay.receiptBody))
    const expected: Array<[string, boolean]> = [
      ['job id', bytesEqual(pay.jobId, request.jobId) && bytesEqual(receipt.jobId, request.jobId)],
      [
        'keys',
        bytesEqual(receipt.clientKey, clientKey) && bytesEqual(receipt.workerKey, deps.signer.publicKey),
      ],
      ['skill', receipt.skill === skill && receipt.skillVersion === entry.offer.version],
      ['price', receipt.price === price && receipt.asset === entry.offer.asset],
      ['result hash', bytesEqual(receipt.resultHash, sealed.resultHash)],
      [
        'payment',
        bytesEqual(receipt.channelId, pay.channelId) &&
          receipt.sequence === pay.sequence &&
          bytesEqual(receipt.stateHash, pay.stateHash),
      ],
    ]
    for (const [field, ok] of expected)
      if (!ok) throw new PaymentInvalidError(`receipt ${field} does not match the job`)
    checked(() => verifyReceiptSignature(pay.receiptBody, pay.clientSignature, 'client'))
    if (!bytesEqual(pay.channelId, request.channelId))
      throw new PaymentInvalidError('paid on another channel')
    await payments!
      .awaitLocked(
        {
          peer: client,
          channelId: pay.channelId,
          sequence: pay.sequence,
          stateHash: pay.stateHash,
          amount: price,
          hash: sealed.lockHash,
          expiry: lockExpiry,
          jobId: request.jobId,
        },
        { signal: AbortSignal.any([job.signal, AbortSignal.timeout(limits.frameTimeoutMs)]) },
      )
      .catch((err: Error) => {
        throw new PaymentInvalidError(`the named payment was not accepted: ${err.message}`, { cause: err })
      })
    await payments!.revealed(client, pay.channelId, sealed.key)
    const workerSignature = new Uint8Array(signReceipt(pay.receiptBody, 'worker', deps.signer.seed))
    // The worker holds the dual-signed receipt too: the client's signature from Pay, its own.
    deps.receipts.keep(hex(request.jobId), pay.receiptBody, pay.clientSignature, workerSignature)
    await frames.send({ reveal: { jobId: request.jobId, key: sealed.key, workerSignature } }, job.signal)
    emit('completed', { price })
    await frames.close(limits.frameTimeoutMs)
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err))
    const code = codeOf(error)
    const message = error instanceof JobError ? error.message : 'internal error'
    const id = jobId ?? new Uint8Array(32)
    deps.log('job %s from %p ended: %s', jobId === undefined ? '?' : hex(jobId), client, error.message)
    const clientLeft = error.name === 'WorkerUnreachableError' || error.name === 'StreamEndedError'
    if (delivered !== undefined) {
      // The client may have locked payment and then gone away before Pay or the reveal: keep the
      // key beside the lock so settlement can claim it (which also publishes the key).
      await deps
        .payments()
        ?.keepKey(client, delivered.channelId, delivered.lockHash, delivered.price, delivered.key)
        .catch((err: Error) => deps.log('could not keep the key of job %s: %s', hex(id), err.message))
    }
    const clientCanceled = canceledByClient && error.name === 'JobCanceledError'
    if (!accepted) {
      emit('rejected', { error: error.name })
      if (!frames.done) await frames.send({ reject: { jobId: id, code, message } }).catch(() => {})
    } else if (clientLeft || clientCanceled) {
      emit('canceled', { error: error.name })
    } else {
      const canceledHere = ['ShuttingDownError', 'DeadlineExceededError', 'JobCanceledError'].includes(
        error.name,
      )
      emit(canceledHere ? 'canceled' : 'failed', { error: error.name })
      const frame = canceledHere
        ? { cancel: { jobId: id, code, message } }
        : { error: { jobId: id, code, message } }
      if (!frames.done) await frames.send(frame).catch(() => {})
    }
    if (code === ErrorCode.MALFORMED || code === ErrorCode.TOO_LARGE || clientLeft) frames.abort(error)
    else await frames.close(limits.frameTimeoutMs)
  } finally {
    release()
    stop.removeEventListener('abort', onStop)
    untrack()
    if (!job.signal.aborted) job.abort(JOB_FINISHED)
  }
}
