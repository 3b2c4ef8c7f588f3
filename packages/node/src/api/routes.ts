/**
 * The control API's routes: each one validates its input, calls the node port, and answers JSON.
 * The hire route streams its progress as NDJSON when asked (`Accept: application/x-ndjson`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readJsonBody } from './body.js'
import { ApiError, BadRequestError, OperationFailedError, statusForNodeError } from './errors.js'
import { parseAmount, toJson } from './json.js'
import type { HireOutcome, MarketNode } from './node-port.js'

export interface RouteContext {
  node: MarketNode
  request: IncomingMessage
  response: ServerResponse
  url: URL
  params: string[]
  maxBodyBytes: number
}

export interface Route {
  method: 'GET' | 'POST'
  /** Anchored pattern; capture groups become `params`. */
  pattern: RegExp
  /** Label for metrics (no peer ids or skill names, to bound cardinality). */
  name: string
  handle(context: RouteContext): Promise<unknown>
}

/** Runs a node call, turning its failure into a typed API error. */
async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new OperationFailedError(statusForNodeError(error), error)
  }
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw new BadRequestError(`${field} must be a non-empty string of at most 256 characters`, field)
  }
  return value
}

function decodeInput(body: Record<string, unknown>): Uint8Array {
  if (typeof body.input === 'string') return new Uint8Array(Buffer.from(body.input, 'base64'))
  if (typeof body.text === 'string') return new TextEncoder().encode(body.text)
  throw new BadRequestError('give the job input as "input" (base64) or "text" (UTF-8)', 'input')
}

function outcomeJson(outcome: HireOutcome): Record<string, unknown> {
  return {
    jobId: outcome.jobId,
    peer: outcome.peer,
    skill: outcome.skill,
    price: outcome.price,
    output: Buffer.from(outcome.output).toString('base64'),
    discoveryMs: outcome.discoveryMs,
    hireMs: outcome.hireMs,
  }
}

async function hire(context: RouteContext): Promise<unknown> {
  const body = await readJsonBody(context.request, context.maxBodyBytes)
  const skill = optionalString(body, 'skill')
  if (skill === undefined) throw new BadRequestError('skill is required', 'skill')
  const budget = parseAmount(body.budget)
  if (budget === undefined)
    throw new BadRequestError('budget must be a decimal string of base units', 'budget')
  const deadlineMs = body.deadlineMs
  if (deadlineMs !== undefined && !(Number.isSafeInteger(deadlineMs) && (deadlineMs as number) > 0)) {
    throw new BadRequestError('deadlineMs must be a positive integer', 'deadlineMs')
  }
  const input = decodeInput(body)
  const peer = optionalString(body, 'peer')
  // A client that hangs up cancels its job.
  const abort = new AbortController()
  context.response.on('close', () => {
    if (!context.response.writableFinished) abort.abort()
  })
  const streaming = (context.request.headers.accept ?? '').includes('application/x-ndjson')
  const request = {
    skill,
    peer,
    input,
    budget,
    deadlineMs: deadlineMs as number | undefined,
    signal: abort.signal,
  }
  if (!streaming) return outcomeJson(await call(() => context.node.hire(request)))

  const { response } = context
  response.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' })
  const line = (value: unknown): void => {
    response.write(`${toJson(value)}\n`)
  }
  try {
    const outcome = await context.node.hire({
      ...request,
      onProgress: (progress) => line({ type: 'progress', ...progress }),
    })
    line({ type: 'result', ...outcomeJson(outcome) })
  } catch (error) {
    const status = statusForNodeError(error)
    const failure = new OperationFailedError(status, error)
    line({ type: 'error', status, error: { code: failure.code, message: failure.message } })
  }
  response.end()
  return undefined
}

/** Every route of the API, in match order. */
export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/status$/,
    name: 'status',
    handle: ({ node }) => call(() => node.status()),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/skills\/([^/]{1,256})\/providers$/,
    name: 'find',
    async handle({ node, url, params }) {
      const limit = Number(url.searchParams.get('limit') ?? 20)
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 100) {
        throw new BadRequestError('limit must be an integer in 1..100', 'limit')
      }
      const maxPriceText = url.searchParams.get('maxPrice')
      const maxPrice = maxPriceText === null ? undefined : parseAmount(maxPriceText)
      if (maxPriceText !== null && maxPrice === undefined) {
        throw new BadRequestError('maxPrice must be a decimal integer', 'maxPrice')
      }
      const timeoutMs = Number(url.searchParams.get('timeoutMs') ?? 10_000)
      const skill = decodeURIComponent(params[0]!)
      const candidates = await call(() =>
        node.find(skill, { limit, timeoutMs, ...(maxPrice === undefined ? {} : { maxPrice }) }),
      )
      return { skill, candidates }
    },
  },
  { method: 'POST', pattern: /^\/v1\/jobs$/, name: 'hire', handle: hire },
  {
    method: 'GET',
    pattern: /^\/v1\/channels$/,
    name: 'channels',
    async handle({ node, url }) {
      const onChain = url.searchParams.get('onChain') !== 'false'
      return { channels: await call(() => node.channels({ onChain })) }
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/settle$/,
    name: 'settle',
    async handle({ node, request, maxBodyBytes }) {
      const body = await readJsonBody(request, maxBodyBytes)
      const peer = optionalString(body, 'peer')
      return { settled: await call(() => node.settle(peer)) }
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/withdraw$/,
    name: 'withdraw',
    handle: async ({ node }) => ({ withdrawn: await call(() => node.withdraw()) }),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/reputation$/,
    name: 'reputation',
    handle: async ({ node }) => ({ peers: await call(() => node.reputation()) }),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/reputation\/([^/]{1,128})$/,
    name: 'reputation-peer',
    async handle({ node, params }) {
      const peer = decodeURIComponent(params[0]!)
      const [view] = await call(() => node.reputation(peer))
      return { ...view, peer, explain: await call(() => node.explain(peer)) }
    },
  },
]
