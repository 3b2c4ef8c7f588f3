/**
 * `NodeThreads`: the simulation's nodes spread over worker threads, so that N nodes use every
 * core instead of one event loop (docs/benchmarks.md, "Simulation"). Each thread runs
 * `thread-host.ts`; each node is a `SimNode` proxy whose calls cross by message.
 */
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { FindOptions, HireRequest, NodeEvent } from '../api/node-port.js'
import type { SimNode, SimNodeParams } from './environment.js'
import { SimThreadExitedError } from './errors.js'
import {
  fromWireError,
  type ThreadInit,
  type ThreadMessage,
  type ThreadMethod,
  type ThreadRequest,
} from './thread-protocol.js'

/**
 * The worker's script: next to this module once built; when this module runs from source (the
 * tests), the built copy in `dist/` (`pnpm test` builds first).
 */
function hostScript(): string {
  const here = fileURLToPath(import.meta.url)
  if (here.endsWith('.js')) return fileURLToPath(new URL('./thread-host.js', import.meta.url))
  return here.replace(/[\\/]src[\\/]sim[\\/]thread-node\.ts$/, '/dist/src/sim/thread-host.js')
}

/** A request before it gets its id. */
type RequestBody = ThreadRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  thread: number
}

export class NodeThreads {
  private readonly workers: Worker[]
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Map<number, Set<(event: NodeEvent) => void>>()
  private readonly exited = new Map<number, string>()
  private nextId = 1
  private stopped = false

  private constructor(count: number, init: ThreadInit) {
    this.workers = Array.from({ length: count }, (_, thread) => {
      const worker = new Worker(hostScript(), { workerData: init })
      worker.on('message', (message: ThreadMessage) => this.receive(message))
      worker.on('error', (error) => this.failThread(thread, error.message, error))
      worker.on('exit', (code) => this.failThread(thread, `exit code ${code}`))
      return worker
    })
  }

  /** Starts `count` node threads. */
  static async start(count: number, init: ThreadInit): Promise<NodeThreads> {
    return new NodeThreads(count, init)
  }

  get size(): number {
    return this.workers.length
  }

  /** Starts a node in thread `index mod size` (a restarted node returns to its thread). */
  async startNode(params: SimNodeParams): Promise<SimNode> {
    const thread = params.index % this.workers.length
    const { peerId, addresses } = (await this.request(thread, { op: 'start', params })) as {
      peerId: string
      addresses: string[]
    }
    return this.proxy(thread, params.index, peerId, addresses)
  }

  /** Terminates every thread (stop the nodes first). */
  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    await Promise.all(this.workers.map((w) => w.terminate()))
  }

  private proxy(thread: number, index: number, peerId: string, addresses: string[]): SimNode {
    const call = (method: ThreadMethod, ...args: unknown[]): Promise<never> =>
      this.request(thread, { op: 'call', node: index, method, args }) as Promise<never>
    const listeners = new Set<(event: NodeEvent) => void>()
    this.listeners.set(index, listeners)
    return {
      peerId,
      addresses: () => [...addresses],
      connect: (address) => call('connect', address),
      status: () => call('status'),
      advertise: (offer, skill) => call('advertise', offer, skill),
      find: (skill, options?: FindOptions) => {
        if (options?.signal !== undefined) throw new TypeError('find: a signal cannot cross to a node thread')
        return call('find', skill, options)
      },
      hire: (request: HireRequest) => {
        if (request.signal !== undefined || request.onProgress !== undefined)
          throw new TypeError('hire: signal and onProgress cannot cross to a node thread')
        return call('hire', request)
      },
      rate: (jobId, rating) => call('rate', jobId, rating),
      channels: (options) => call('channels', options),
      settle: (peer) => call('settle', peer),
      withdraw: () => call('withdraw'),
      reputation: (peer) => call('reputation', peer),
      explain: (peer) => call('explain', peer),
      onEvent: (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      stop: () => call('stop'),
    }
  }

  private request(thread: number, message: RequestBody): Promise<unknown> {
    if (this.stopped) return Promise.reject(new SimThreadExitedError(thread, 'threads stopped'))
    const exited = this.exited.get(thread)
    if (exited !== undefined) return Promise.reject(new SimThreadExitedError(thread, exited))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, thread })
      this.workers[thread]!.postMessage({ ...message, id } as ThreadRequest)
    })
  }

  private receive(message: ThreadMessage): void {
    if (message.op === 'event') {
      for (const listener of this.listeners.get(message.node) ?? []) listener(message.event as NodeEvent)
      return
    }
    const pending = this.pending.get(message.id)
    if (pending === undefined) return
    this.pending.delete(message.id)
    if (message.ok) pending.resolve(message.value)
    else pending.reject(fromWireError(message.error))
  }

  /** A thread died: every call waiting on it fails (the others go on). */
  private failThread(thread: number, detail: string, cause?: Error): void {
    if (!this.exited.has(thread)) this.exited.set(thread, detail)
    for (const [id, pending] of this.pending) {
      if (pending.thread !== thread) continue
      this.pending.delete(id)
      pending.reject(new SimThreadExitedError(thread, detail, cause === undefined ? undefined : { cause }))
    }
  }
}
