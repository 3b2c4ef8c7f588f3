/**
 * The job service (`/bazaar/job/1.0.0`): serves inbound jobs with the handlers of advertised
 * skills and hires workers. One stream per job. `drain()` lets running jobs finish within a grace
 * period before they are canceled, so a node stops without dropping paid work.
 */
import { decodeJobFrame, encodeJobFrame, type JobFrame } from '@bazaar/protocol'
import type {
  ComponentLogger,
  Connection,
  Logger,
  PeerId,
  PrivateKey,
  Startable,
  Stream,
} from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'
import type { CardService } from '../card/card-service.js'
import type { BazaarEvents } from '../events.js'
import { peerSigner } from '../identity.js'
import type { Payments } from '../payments/types.js'
import type { SkillRegistry } from '../skills/registry.js'
import type { SkillsService } from '../skills/skills-service.js'
import type { SkillCandidate } from '../skills/types.js'
import { type FrameCodec, FrameStream } from '../stream/frame-stream.js'
import { RateLimiter } from '../stream/rate-limiter.js'
import { codeOf } from './codes.js'
import {
  DEFAULT_CLOCK_SKEW_MS,
  DEFAULT_FRAME_TIMEOUT_MS,
  DEFAULT_HIRE_DEADLINE_MS,
  DEFAULT_JOB_MAX_INBOUND_STREAMS,
  DEFAULT_JOB_MAX_OUTBOUND_STREAMS,
  DEFAULT_JOB_RATE_BURST,
  DEFAULT_JOB_RATE_PER_SECOND,
  DEFAULT_LOCK_TTL_S,
  DEFAULT_MAX_INPUT_BYTES,
  DEFAULT_MAX_JOB_FRAME_BYTES,
  DEFAULT_MAX_PROGRESS_FRAMES,
  DEFAULT_MIN_DEADLINE_MS,
  DEFAULT_QUOTE_TTL_MS,
  JOB_PROTOCOL,
  MAX_QUEUED_JOB_FRAMES,
} from './constants.js'
import {
  JobCanceledError,
  JobError,
  NoWorkerFoundError,
  RateLimitedError,
  ShuttingDownError,
} from './errors.js'
import { handleJob } from './handle-job.js'
import { type HireTarget, runHire } from './hire.js'
import type { JobContextDeps, JobLimits } from './job-context.js'
import { ReceiptBook } from './receipt-book.js'
import { SpendingPolicy, type SpendingPolicyInit } from './spending-policy.js'
import type { HireOptions, HireResult } from './types.js'

export interface JobServiceInit extends Partial<JobLimits> {
  registry: SkillRegistry
  events: BazaarEvents
  spending?: SpendingPolicyInit
  maxInboundStreams?: number
  maxOutboundStreams?: number
  rateBurst?: number
  ratePerSecond?: number
  /** Receipts of paid jobs kept for attestations (default DEFAULT_MAX_RECEIPTS). */
  maxReceipts?: number
}

export interface JobServiceComponents {
  registrar: Registrar
  connectionManager: ConnectionManager
  privateKey: PrivateKey
  peerId: PeerId
  logger: ComponentLogger
  card: CardService
  skills: SkillsService
  /** The pay service, when the node has payments (`pay` in the services map). */
  pay?: Payments
}

/** Workers tried in turn by a hire when the first is busy or unreachable before any payment. */
const MAX_CANDIDATES_TRIED = 3

export class JobService implements Startable {
  private readonly log: Logger
  private readonly deps: JobContextDeps
  private readonly limiter: RateLimiter
  readonly spending: SpendingPolicy
  /** Dual-signed receipts of this node's paid jobs, as client and as worker, by hex job id. */
  readonly receipts: ReceiptBook
  private readonly active = new Set<Promise<void>>()
  /** Jobs this node serves, by hex job id, with their abort function. */
  private readonly served = new Map<string, (reason: Error) => void>()
  private readonly codec: FrameCodec<JobFrame>
  private stopController = new AbortController()
  private isStopping = false
  private started = false

  constructor(
    private readonly components: JobServiceComponents,
    private readonly init: JobServiceInit,
  ) {
    this.log = components.logger.forComponent('bazaar:job')
    const limits: JobLimits = {
      maxFrameBytes: init.maxFrameBytes ?? DEFAULT_MAX_JOB_FRAME_BYTES,
      frameTimeoutMs: init.frameTimeoutMs ?? DEFAULT_FRAME_TIMEOUT_MS,
      minDeadlineMs: init.minDeadlineMs ?? DEFAULT_MIN_DEADLINE_MS,
      defaultDeadlineMs: init.defaultDeadlineMs ?? DEFAULT_HIRE_DEADLINE_MS,
      lockTtlS: init.lockTtlS ?? DEFAULT_LOCK_TTL_S,
      quoteTtlMs: init.quoteTtlMs ?? DEFAULT_QUOTE_TTL_MS,
      clockSkewMs: init.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS,
      maxProgressFrames: init.maxProgressFrames ?? DEFAULT_MAX_PROGRESS_FRAMES,
      maxInputBytes: init.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES,
    }
    this.receipts = new ReceiptBook(init.maxReceipts)
    this.deps = {
      receipts: this.receipts,
      signer: peerSigner(components.privateKey),
      self: components.peerId,
      registry: init.registry,
      events: init.events,
      log: this.log,
      limits,
      payments: () => this.payments(),
      stopping: () => this.isStopping,
      track: (jobId, abort) => {
        this.served.set(jobId, abort)
        return () => this.served.delete(jobId)
      },
    }
    this.spending = new SpendingPolicy(init.spending)
    this.codec = {
      encode: encodeJobFrame,
      decode: (bytes) => decodeJobFrame(bytes, { maxBytes: limits.maxFrameBytes }),
    }
    this.limiter = new RateLimiter({
      capacity: init.rateBurst ?? DEFAULT_JOB_RATE_BURST,
      perSecond: init.ratePerSecond ?? DEFAULT_JOB_RATE_PER_SECOND,
    })
  }

  readonly [Symbol.toStringTag] = '@bazaar/jobs'

  async start(): Promise<void> {
    this.stopController = new AbortController()
    this.isStopping = false
    await this.components.registrar.handle(
      JOB_PROTOCOL,
      (stream, connection) => this.onStream(stream, connection),
      {
        maxInboundStreams: this.init.maxInboundStreams ?? DEFAULT_JOB_MAX_INBOUND_STREAMS,
        maxOutboundStreams: this.init.maxOutboundStreams ?? DEFAULT_JOB_MAX_OUTBOUND_STREAMS,
      },
    )
    this.started = true
  }

  async stop(): Promise<void> {
    this.isStopping = true
    this.stopController.abort(new ShuttingDownError('node is stopping'))
    await Promise.allSettled([...this.active])
    await this.components.registrar.unhandle(JOB_PROTOCOL)
    this.started = false
  }

  isStarted(): boolean {
    return this.started
  }

  /** Jobs in flight (served and hired). */
  get inFlight(): number {
    return this.active.size
  }

  /**
   * Refuses new jobs, then waits up to `graceMs` for running ones; whatever still runs is then
   * canceled (workers tell their clients SHUTTING_DOWN).
   */
  async drain(graceMs: number): Promise<void> {
    this.isStopping = true
    if (this.active.size > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs)
      })
      await Promise.race([Promise.allSettled([...this.active]), grace])
      clearTimeout(timer)
    }
    this.stopController.abort(new ShuttingDownError('node is stopping'))
    await Promise.allSettled([...this.active])
  }

  /** Hex ids of the jobs this node is serving now. */
  servedJobs(): string[] {
    return [...this.served.keys()]
  }

  /**
   * Cancels a job this node serves: its handler's signal aborts and the client is told CANCELED
   * (no payment is taken for it). Returns false when no such job runs.
   */
  cancel(jobId: string, reason = 'canceled by the worker'): boolean {
    const abort = this.served.get(jobId)
    if (abort === undefined) return false
    abort(new JobCanceledError(reason))
    return true
  }

  /** Hires a worker for `options.skill` and resolves with the result and the dual-signed receipt. */
  async hire(options: HireOptions): Promise<HireResult> {
    if (this.isStopping) throw new ShuttingDownError('node is stopping')
    const targets = await this.targets(options)
    let lastError: unknown
    for (const target of targets.slice(0, MAX_CANDIDATES_TRIED)) {
      const reservation = this.spending.reserve(target.peer.toString(), options.budget)
      const work = runHire({
        deps: this.deps,
        target,
        options,
        reservation,
        stop: this.stopController.signal,
        open: (signal) => this.open(target.peer, signal),
        background: (work) => this.track(work),
      })
      this.track(
        work.then(
          () => {},
          () => {},
        ),
      )
      try {
        return await work
      } catch (err) {
        lastError = err
        const retry =
          options.peer === undefined &&
          err instanceof JobError &&
          ['WorkerBusyError', 'RateLimitedError', 'WorkerUnreachableError'].includes(err.name) &&
          options.signal?.aborted !== true
        if (!retry) throw err
      }
    }
    throw lastError
  }

  /** Counts `work` as in flight until it settles (drain and stop wait for it). */
  private track(work: Promise<void>): void {
    this.active.add(work)
    void work.finally(() => this.active.delete(work))
  }

  private async targets(options: HireOptions): Promise<HireTarget[]> {
    if (options.peer !== undefined) {
      const card = await this.components.card.get(
        options.peer,
        options.signal ? { signal: options.signal } : {},
      )
      const skills = card.body.skills
      const offer =
        options.skill === undefined
          ? skills.length === 1
            ? skills[0]
            : undefined
          : skills.find((s) => s.id === options.skill)
      if (offer === undefined) {
        throw new NoWorkerFoundError(
          options.skill === undefined
            ? `${options.peer} offers ${skills.length} skills: name one`
            : `${options.peer} does not offer ${options.skill}`,
        )
      }
      return [{ peer: options.peer, offer, payment: card.body.payment }]
    }
    if (options.skill === undefined) throw new NoWorkerFoundError('name a skill, or a peer that offers one')
    const found: SkillCandidate[] = await this.components.skills.find(options.skill, {
      ...(options.quoteFirst === true ? {} : { maxPrice: options.budget }),
      ...(options.findTimeout === undefined ? {} : { timeout: options.findTimeout }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
    if (found.length === 0) throw new NoWorkerFoundError(`no worker offers ${options.skill} within budget`)
    return found.map((c) => ({ peer: c.peer, offer: c.offer, payment: c.card.payment }))
  }

  private async open(peer: PeerId, signal: AbortSignal): Promise<FrameStream<JobFrame>> {
    const stream = await this.components.connectionManager.openStream(peer, JOB_PROTOCOL, { signal })
    return new FrameStream(stream, this.codec, {
      maxFrameBytes: this.deps.limits.maxFrameBytes,
      maxQueuedFrames: MAX_QUEUED_JOB_FRAMES,
    })
  }

  private payments(): Payments | undefined {
    try {
      return this.components.pay
    } catch {
      return undefined
    }
  }

  private onStream(stream: Stream, connection: Connection): void {
    const frames = new FrameStream(stream, this.codec, {
      maxFrameBytes: this.deps.limits.maxFrameBytes,
      maxQueuedFrames: MAX_QUEUED_JOB_FRAMES,
    })
    const peer = connection.remotePeer
    if (!this.limiter.tryTake(peer.toString())) {
      this.log('job stream from %p rate limited', peer)
      const error = new RateLimitedError('too many job requests')
      void frames
        .send({ reject: { jobId: new Uint8Array(32), code: codeOf(error), message: error.message } })
        .then(() => frames.close(1_000))
        .catch(() => frames.abort(error))
      return
    }
    const job = handleJob(this.deps, frames, peer, this.stopController.signal).catch((err: unknown) => {
      this.log.error('job handler crashed: %e', err)
      frames.abort(err instanceof Error ? err : new Error(String(err)))
    })
    this.active.add(job)
    void job.finally(() => this.active.delete(job))
  }
}

/** libp2p service factory for jobs. */
export function jobService(init: JobServiceInit): (components: JobServiceComponents) => JobService {
  return (components) => new JobService(components, init)
}
