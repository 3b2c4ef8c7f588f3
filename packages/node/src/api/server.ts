/**
 * The local control API: HTTP JSON on 127.0.0.1, every route behind a bearer token except
 * `/healthz`. Other interfaces only when the caller passes `allowRemote` (the CLI's
 * `--api-allow-remote`): the token is the only protection and HTTP is not encrypted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from 'pino'
import { DEFAULT_MAX_BODY_BYTES } from './body.js'
import { ApiError, MethodNotAllowedError, NotFoundError, UnauthorizedError } from './errors.js'
import { toJson } from './json.js'
import { type BazaarMetrics, createMetrics } from './metrics.js'
import type { MarketNode } from './node-port.js'
import { ROUTES } from './routes.js'
import { checkBearer } from './token.js'

/** Default TCP port of the control API. */
export const DEFAULT_API_PORT = 7447

export interface ControlApiOptions {
  node: MarketNode
  token: string
  /** Default 127.0.0.1. */
  host?: string
  /** Default {@link DEFAULT_API_PORT}; 0 picks a free port. */
  port?: number
  /** Must be true to listen on anything but a loopback address. */
  allowRemote?: boolean
  maxBodyBytes?: number
  metrics?: BazaarMetrics
  logger?: Logger
}

export interface ControlApi {
  /** `http://host:port` as bound. */
  readonly url: string
  readonly metrics: BazaarMetrics
  close(): Promise<void>
}

/** Thrown when a non-loopback host is asked for without `allowRemote`. */
export class RemoteBindRefusedError extends Error {
  readonly host: string
  constructor(host: string) {
    super(`refusing to serve the control API on ${host} without --api-allow-remote`)
    this.name = 'RemoteBindRefusedError'
    this.host = host
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.')
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = toJson(body)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  response.end(text)
}

function sendError(response: ServerResponse, error: ApiError): void {
  if (response.headersSent) {
    response.end()
    return
  }
  send(response, error.status, {
    error: {
      code: error.code,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    },
  })
}

/** Starts the control API; resolves once it listens. */
export async function startControlApi(options: ControlApiOptions): Promise<ControlApi> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopback(host) && options.allowRemote !== true) throw new RemoteBindRefusedError(host)
  const metrics = options.metrics ?? createMetrics()
  const unfollow = metrics.follow(options.node)
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const log = options.logger

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<string> => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname === '/healthz') {
      send(response, 200, { ok: true })
      return 'healthz'
    }
    if (!checkBearer(request.headers.authorization, options.token)) throw new UnauthorizedError()
    if (url.pathname === '/metrics') {
      const text = await metrics.registry.metrics()
      response.writeHead(200, { 'content-type': metrics.registry.contentType })
      response.end(text)
      return 'metrics'
    }
    let pathMatched = false
    for (const route of ROUTES) {
      const match = route.pattern.exec(url.pathname)
      if (match === null) continue
      pathMatched = true
      if (route.method !== request.method) continue
      const result = await route.handle({
        node: options.node,
        request,
        response,
        url,
        params: match.slice(1),
        maxBodyBytes,
      })
      if (!response.headersSent) send(response, 200, result)
      return route.name
    }
    if (pathMatched) throw new MethodNotAllowedError(request.method ?? '?', url.pathname)
    throw new NotFoundError(url.pathname)
  }

  const server: Server = createServer((request, response) => {
    const started = performance.now()
    handle(request, response).then(
      (route) => {
        metrics.request(route, response.statusCode)
        log?.debug({ route, status: response.statusCode, ms: performance.now() - started }, 'api request')
      },
      (error: unknown) => {
        const apiError =
          error instanceof ApiError
            ? error
            : new ApiError(500, 'internal', 'internal error', 'see the node log', { cause: error })
        if (apiError.status >= 500) log?.error({ err: error }, 'api request failed')
        sendError(response, apiError)
        metrics.request('error', apiError.status)
      },
    )
  })
  server.requestTimeout = 0 // hires stream for as long as their deadline
  server.headersTimeout = 10_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? DEFAULT_API_PORT, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${shownHost}:${address.port}`
  log?.info({ url }, 'control API listening')

  return {
    url,
    metrics,
    async close() {
      unfollow()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
