/**
 * The client's half of a job: request (within budget, or quote first) -> progress -> sealed
 * delivery -> locked payment + Pay -> reveal -> decrypt, check, fold the lock. Spending limits
 * and sizes are checked before anything is sent.
 */

import { randomBytes } from 'node:crypto'
import {
  receiptBody as buildReceiptBody,
  bytesEqual,
  checkResult,
  checkRevealedKey,
  ErrorCode,
  encodeReceiptBody,
  type JobFrame,
  type JobRequestBody,
  type PaymentTerms,
  quoteHash,
  type SkillOffer,
  signJobRequest,
  signReceipt,
  verifyDelivery,
  verifyQuote,
  verifyReceiptSignature,
} from '@bazaar/protocol'
import type { PeerId } from '@libp2p/interface'
import { peerKeyOf } from '../identity.js'
import type { FrameStream } from '../stream/frame-stream.js'
import { JOB_ID_BYTES, JOB_VERSION } from './constants.js'
import { openResult } from './delivery-crypto.js'
import {
  BudgetTooLowError,
  DeliveryMismatchError,
  InputTooLargeError,
  MalformedJobError,
  PaymentInvalidError,
  PaymentsUnavailableError,
  QuoteExpiredError,
  UnexpectedJobMessageError,
} from './errors.js'
import { awaitReveal, classify, throwIfRefused } from './hire-steps.js'
import { hex, type JobContextDeps } from './job-context.js'
import { checked } from './messages.js'
import type { Reservation } from './spending-policy.js'
import type { HireOptions, HireResult, JobReceipt } from './types.js'

/** What the client knows about the worker before sending anything. */
export interface HireTarget {
  peer: PeerId
  offer: SkillOffer
  payment: PaymentTerms[]
}

export interface HireRun {
  deps: JobContextDeps
  target: HireTarget
  options: HireOptions
  reservation: Reservation
  /** Opens the job stream to the worker. */
  open(signal: AbortSignal): Promise<FrameStream<JobFrame>>
  /** Aborted when the node stops. */
  stop: AbortSignal
  /** Work that outlives the hire's result (the fold): the node's drain waits for it. */
  background(work: Promise<void>): void
}

/** Runs one hire against a chosen worker. */
export async function runHire(run: HireRun): Promise<HireResult> {
  const { deps, target, options } = run
  const { limits } = deps
  const jobId: Uint8Array<ArrayBuffer> = new Uint8Array(randomBytes(JOB_ID_BYTES))
  const id = hex(jobId)
  const workerKey = peerKeyOf(target.peer)
  if (workerKey === undefined) throw new MalformedJobError('worker peer id has no Ed25519 key')
  const input = new Uint8Array(
    typeof options.input === 'string' ? new TextEncoder().encode(options.input) : options.input,
  )
  const maxInput = Math.min(
    limits.maxInputBytes,
    target.offer.limits?.maxInputBytes ?? Number.POSITIVE_INFINITY,
  )
  if (input.byteLength > maxInput) {
    throw Object.assign(new InputTooLargeError(`input of ${input.byteLength} bytes exceeds ${maxInput}`), {
      size: input.byteLength,
      limit: maxInput,
    })
  }
  if (!options.quoteFirst && target.offer.price > options.budget) {
    throw Object.assign(
      new BudgetTooLowError(`price ${target.offer.price} exceeds budget ${options.budget}`),
      {
        price: target.offer.price,
        budget: options.budget,
      },
    )
  }
  const deadline = options.deadline ?? Date.now() + limits.defaultDeadlineMs
  const payments = deps.payments()
  const mayPay = target.offer.price > 0n || options.quoteFirst === true
  if (mayPay && payments === undefined)
    throw new PaymentsUnavailableError('this node has no payment channels')

  const deadlineSignal = AbortSignal.timeout(Math.max(0, deadline - Date.now()))
  const signals = [deadlineSignal, run.stop, ...(options.signal === undefined ? [] : [options.signal])]
  const signal = AbortSignal.any(signals)
  const emit = (state: 'submitted' | 'completed' | 'failed' | 'canceled' | 'rejected', extra = {}): void =>
    deps.events.emitJob({
      jobId: id,
      role: 'client',
      peer: target.peer,
      skill: target.offer.id,
      state,
      ...extra,
    })

  let frames: FrameStream<JobFrame> | undefined
  let paid = false
  /** Ends this hire's claim on its channel: folds owed there wait for its lock until then. */
  let endUnderWay = (): void => {}
  /** Set once a lock is placed and until its key arrives: what to give up if it never does. */
  let openLock: { channelId: Uint8Array; hash: Uint8Array } | undefined
  try {
    const channelId = new Uint8Array(
      mayPay ? await payments!.ensureChannel(target.peer, target.payment, options.budget, { signal }) : [],
    )
    if (mayPay) endUnderWay = payments!.underWay(channelId)
    frames = await run.open(signal)
    const requestBody: JobRequestBody = {
      version: JOB_VERSION,
      jobId,
      clientKey: deps.signer.publicKey,
      workerKey,
      skill: target.offer.id,
      skillVersion: target.offer.version,
      input,
      contentType: options.contentType ?? 'application/octet-stream',
      budget: options.budget,
      asset: target.offer.asset,
      deadline: BigInt(deadline),
      issuedAt: BigInt(Date.now()),
      quoteFirst: options.quoteFirst === true,
      channelId,
    }
    const request = signJobRequest(requestBody, deps.signer.seed)
    await frames.send({ request }, signal)
    emit('submitted')

    let quotedPrice: bigint | undefined
    let frame: JobFrame
    const remaining = (): number => Math.max(1, deadline - Date.now())
    for (;;) {
      frame = await frames.next({ timeoutMs: remaining(), signal })
      if (frame.progress !== undefined) {
        try {
          options.onProgress?.({ permille: frame.progress.permille, message: frame.progress.message })
        } catch {}
        continue
      }
      if (frame.quote !== undefined && options.quoteFirst === true && quotedPrice === undefined) {
        const envelope = frame.quote
        const quote = checked(() =>
          verifyQuote(envelope, { signer: workerKey, clockSkewMs: limits.clockSkewMs }),
        )
        if (!bytesEqual(quote.jobId, jobId)) throw new MalformedJobError('quote names another job')
        if (quote.price > options.budget) {
          await frames.send({
            cancel: { jobId, code: ErrorCode.BUDGET_TOO_LOW, message: 'quote exceeds budget' },
          })
          throw Object.assign(
            new BudgetTooLowError(`quoted ${quote.price} exceeds budget ${options.budget}`),
            {
              price: quote.price,
              budget: options.budget,
            },
          )
        }
        if (quote.expiresAt <= BigInt(Date.now())) throw new QuoteExpiredError('quote has expired')
        quotedPrice = quote.price
        await frames.send({ accept: { jobId, quoteHash: new Uint8Array(quoteHash(envelope)) } }, signal)
        continue
      }
      break
    }
    throwIfRefused(frame, id)
    if (frame.delivery === undefined) throw new UnexpectedJobMessageError('expected a delivery')
    const signedDelivery = frame.delivery
    const delivery = checked(() =>
      verifyDelivery(signedDelivery, { signer: workerKey, clockSkewMs: limits.clockSkewMs }),
    )
    if (!bytesEqual(delivery.jobId, jobId) || !bytesEqual(delivery.clientKey, deps.signer.publicKey)) {
      throw new MalformedJobError('delivery names another job')
    }
    const ciphertext = signedDelivery.ciphertext
    const price = delivery.price
    if (price > options.budget || (quotedPrice !== undefined && price !== quotedPrice)) {
      throw new PaymentInvalidError(`delivery asks ${price}, above the budget or the quote`)
    }
    const nowS = BigInt(Math.floor(Date.now() / 1000))
    if (
      price > 0n &&
      (delivery.lockExpiry <= nowS || delivery.lockExpiry > nowS + BigInt(limits.lockTtlS) * 2n)
    ) {
      throw new PaymentInvalidError('delivery lock expiry is out of range')
    }

    let receipt: JobReceipt | undefined
    let key: Uint8Array
    if (price === 0n) {
      const answer = await awaitReveal(frames, limits.frameTimeoutMs, run.stop, id)
      if (!bytesEqual(answer.workerSignature, signedDelivery.signature)) {
        throw new DeliveryMismatchError('free-job reveal does not carry the delivery signature')
      }
      key = answer.key
      checked(() => checkRevealedKey(delivery, answer.key))
    } else {
      const locked = await payments!.lock(
        {
          peer: target.peer,
          channelId,
          amount: price,
          hash: delivery.lockHash,
          expiry: delivery.lockExpiry,
          jobId,
        },
        { signal },
      )
      paid = true
      endUnderWay()
      openLock = { channelId, hash: delivery.lockHash }
      const body = checked(() => buildReceiptBody(requestBody, delivery, locked, BigInt(Date.now())))
      const bodyBytes = new Uint8Array(encodeReceiptBody(body))
      const clientSignature = new Uint8Array(signReceipt(bodyBytes, 'client', deps.signer.seed))
      const pay = {
        jobId,
        channelId: new Uint8Array(locked.channelId),
        sequence: locked.sequence,
        stateHash: new Uint8Array(locked.stateHash),
        receiptBody: bodyBytes,
        clientSignature,
      }
      await frames.send({ pay }, signal)
      // The lock is placed: from here the worker is paid once it reveals, so wait for the reveal
      // even past the caller's deadline (bounded by the frame timeout) and never cancel.
      const answer = await awaitReveal(frames, limits.frameTimeoutMs, run.stop, id)
      key = answer.key
      checked(() => checkRevealedKey(delivery, answer.key))
      checked(() => verifyReceiptSignature(bodyBytes, answer.workerSignature, 'worker'))
      // The result is ours once the key checks out: fold the lock (pay what is owed) without
      // making the caller wait for it; a stopping node waits for it (drain), and should the
      // process die first, the worker still claims the lock with the key at settlement.
      const paidKey = key
      openLock = undefined
      run.background(
        payments!
          .fold(target.peer, channelId, paidKey, { signal: run.stop })
          .catch((err: Error) => deps.log('fold of job %s failed: %s', id, err.message)),
      )
      const workerSignature = new Uint8Array(answer.workerSignature)
      receipt = {
        body,
        bodyBytes,
        clientSignature,
        workerSignature,
        bytes: deps.receipts.keep(id, bodyBytes, clientSignature, workerSignature),
      }
    }
    let output: Uint8Array
    try {
      output = openResult(jobId, key, ciphertext)
      checkResult(delivery, output)
    } catch (err) {
      throw new DeliveryMismatchError('the delivery does not decrypt to the committed result', { cause: err })
    }
    run.reservation.commit(price)
    emit('completed', { price })
    void frames.close(limits.frameTimeoutMs)
    const result = output
    return {
      jobId: id,
      peer: target.peer,
      output: result,
      contentType: delivery.contentType,
      price,
      receipt,
      text: () => new TextDecoder().decode(result),
    }
  } catch (err) {
    const error = classify(err, { deadline: deadlineSignal, caller: options.signal, stop: run.stop, id })
    if (paid) {
      // The lock stays until its expiry: the worker can still claim it with the key at settlement.
      // Once it has expired it is worth nothing, and the payer drops it to spend that amount again.
      run.reservation.commit(options.budget)
      if (openLock !== undefined) {
        const { channelId: lockChannel, hash } = openLock
        run.background(
          payments!
            .abandon(target.peer, lockChannel, hash)
            .catch((err: Error) => deps.log('could not schedule the release of a lock: %s', err.message)),
        )
      }
    } else {
      run.reservation.release()
    }
    if (frames !== undefined && !frames.done && !error.remote) {
      const code = error.name === 'DeadlineExceededError' ? ErrorCode.DEADLINE_EXCEEDED : ErrorCode.CANCELED
      await frames.send({ cancel: { jobId, code, message: error.message } }).catch(() => {})
      await frames.close(1_000)
    } else {
      frames?.abort(error)
    }
    emit(
      error.name === 'JobCanceledError' || error.name === 'DeadlineExceededError' ? 'canceled' : 'failed',
      {
        error: error.name,
      },
    )
    throw error
  } finally {
    endUnderWay()
  }
}
