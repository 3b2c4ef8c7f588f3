/**
 * The CLI's side of the control API: finds the running node of a data directory (the URL it
 * wrote to `api.json`, the token in `api.token`) and calls it. Flags and env (`--api-url`,
 * `BAZAAR_API_URL`, `BAZAAR_API_TOKEN`) override both.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readToken } from '../api/token.js'
import { NodeNotRunningError, RemoteError } from './errors.js'
import { ExitCode, type ExitCodeValue } from './exit-codes.js'

/** Written by `bazaar start` beside the config: where its control API listens. */
export const API_INFO_FILE = 'api.json'

export interface ApiInfo {
  url: string
  pid: number
  peerId: string
}

export interface ClientOptions {
  dataDir: string
  apiUrl?: string | undefined
  token?: string | undefined
}

function exitCodeFor(status: number, code: string): ExitCodeValue {
  if (status === 401) return ExitCode.UNAUTHORIZED
  if (status === 404) return ExitCode.NOT_FOUND
  if (status === 400 || status === 413) return ExitCode.USAGE
  if (/Settle|Chain|Ledger|Channel/i.test(code)) return ExitCode.SETTLEMENT
  return ExitCode.JOB_FAILED
}

/** A connection to one node's control API. */
export class ControlClient {
  private constructor(
    readonly url: string,
    private readonly token: string,
    private readonly dataDir: string,
  ) {}

  static async connect(options: ClientOptions, env: NodeJS.ProcessEnv = process.env): Promise<ControlClient> {
    let url = options.apiUrl ?? env.BAZAAR_API_URL
    if (url === undefined) {
      try {
        const info = JSON.parse(await readFile(join(options.dataDir, API_INFO_FILE), 'utf8')) as ApiInfo
        url = info.url
      } catch (error) {
        throw new NodeNotRunningError(options.dataDir, `no ${API_INFO_FILE}`, { cause: error })
      }
    }
    const token = options.token ?? env.BAZAAR_API_TOKEN ?? (await readToken(options.dataDir))
    if (token === undefined) throw new NodeNotRunningError(options.dataDir, 'no api.token')
    return new ControlClient(url.replace(/\/$/, ''), token, options.dataDir)
  }

  private async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response
    try {
      response = await fetch(`${this.url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': 'application/json',
          ...init.headers,
        },
      })
    } catch (error) {
      throw new NodeNotRunningError(this.dataDir, `cannot reach ${this.url}`, { cause: error })
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as {
        error?: { code?: string; message?: string; hint?: string }
      }
      const code = body.error?.code ?? 'http_error'
      throw new RemoteError(
        response.status,
        code,
        body.error?.message ?? `HTTP ${response.status}`,
        exitCodeFor(response.status, code),
        body.error?.hint,
      )
    }
    return response
  }

  async get<T>(path: string): Promise<T> {
    return (await (await this.fetch(path)).json()) as T
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return (await (await this.fetch(path, { method: 'POST', body: JSON.stringify(body) })).json()) as T
  }

  /** POSTs and yields each NDJSON line of a streamed answer. */
  async *stream(path: string, body: unknown): AsyncGenerator<Record<string, unknown>> {
    const response = await this.fetch(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { accept: 'application/x-ndjson' },
    })
    if (response.body === null) return
    const decoder = new TextDecoder()
    let buffered = ''
    for await (const chunk of response.body) {
      buffered += decoder.decode(chunk, { stream: true })
      let newline = buffered.indexOf('\n')
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim()
        buffered = buffered.slice(newline + 1)
        if (line.length > 0) yield JSON.parse(line) as Record<string, unknown>
        newline = buffered.indexOf('\n')
      }
    }
  }
}
