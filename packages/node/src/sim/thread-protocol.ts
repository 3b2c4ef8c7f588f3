/**
 * Messages between the simulation and its node threads (`thread-node.ts` on the calling side,
 * `thread-host.ts` in each worker). Values cross by structured clone (bigint and Uint8Array
 * included); errors cross as their name, message and code, and are rebuilt with the same `.name`
 * so that callers classify them exactly as they would a node of their own thread.
 */
import type { EvmConnection } from '../cli/settlement.js'
import type { SimNodeParams } from './environment.js'

/** What every node thread is created with. */
export interface ThreadInit {
  connection: EvmConnection
  settlementKind: string
  /** pino level of the thread's nodes (`silent` for none). */
  logLevel: string
}

/** The `SimNode` methods a thread serves (`advertise` takes a `SimSkill`). */
export type ThreadMethod =
  | 'connect'
  | 'status'
  | 'advertise'
  | 'find'
  | 'hire'
  | 'rate'
  | 'channels'
  | 'settle'
  | 'withdraw'
  | 'reputation'
  | 'explain'
  | 'stop'

export type ThreadRequest =
  | { id: number; op: 'start'; params: SimNodeParams }
  | { id: number; op: 'call'; node: number; method: ThreadMethod; args: unknown[] }

export interface WireError {
  name: string
  message: string
  code?: string
}

export type ThreadMessage =
  | { op: 'reply'; id: number; ok: true; value: unknown }
  | { op: 'reply'; id: number; ok: false; error: WireError }
  /** A node event (`NodeEvent`) of the node with index `node`. */
  | { op: 'event'; node: number; event: unknown }

export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) }
  const code = (error as { code?: unknown }).code
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) }
}

export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message)
  error.name = wire.name
  if (wire.code !== undefined) Object.assign(error, { code: wire.code })
  return error
}
