/**
 * The control API over two real nodes settling on a LocalLedger: the token guards every route
 * (401 without it or with a wrong one), typed JSON errors, bounded bodies, NDJSON hire progress,
 * Prometheus metrics.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MarketNode } from '../../src/api/node-port.js'
import { type ControlApi, RemoteBindRefusedError, startControlApi } from '../../src/api/server.js'
import { loadOrCreateToken } from '../../src/api/token.js'
import { assembleNode } from '../../src/cli/assemble.js'
import { loadIdentity } from '../../src/cli/identity.js'
import { ledgerProvider, type SettlementProvider } from '../../src/cli/settlement.js'

let root: string
let provider: SettlementProvider
let worker: MarketNode
let client: MarketNode
let api: ControlApi
let token: string

async function node(name: string, bootstrap: string[]): Promise<MarketNode> {
  const dataDir = join(root, name)
  const identity = await loadIdentity(dataDir, undefined)
  await provider.fund!([identity.keys.settlementKey.address], 1_000_000n)
  const settlement = await provider.forAccount(
    identity.keys.settlementKey.address,
    identity.keys.settlementKey.privateKey,
  )
  return assembleNode({
    dataDir,
    name,
    identity,
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap,
    settlement,
    settlementKind: provider.kind,
    channels: { deposit: 10_000n, ttlSeconds: 3_600n, disputeWindowSeconds: 60n },
  })
}

function get(path: string, auth?: string): Promise<Response> {
  return fetch(`${api.url}${path}`, auth === undefined ? {} : { headers: { authorization: auth } })
}

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${api.url}${path}`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
  })
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bazaar-api-'))
  provider = await ledgerProvider(join(root, 'ledger.db'))
  worker = await node('worker', [])
  client = await node('client', worker.addresses())
  await worker.advertise({ id: 'echo', price: 5n }, async (input, context) => {
    context.progress(0.5, 'half way')
    return input
  })
  token = await loadOrCreateToken(join(root, 'client'))
  api = await startControlApi({ node: client, token, port: 0 })
})

afterAll(async () => {
  await api?.close()
  await Promise.allSettled([client?.stop(), worker?.stop()])
  await provider?.stop()
  await rm(root, { recursive: true, force: true })
})

describe('control API', () => {
  it('stores the token with mode 0600 and reuses it', async () => {
    expect((await stat(join(root, 'client', 'api.token'))).mode & 0o777).toBe(0o600)
    expect(await loadOrCreateToken(join(root, 'client'))).toBe(token)
    expect(token).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses a request without a token (401, typed JSON error)', async () => {
    const r = await get('/v1/status')
    expect(r.status).toBe(401)
    const body = (await r.json()) as { error: { code: string; hint: string } }
    expect(body.error.code).toBe('unauthorized')
    expect(body.error.hint).toMatch(/api\.token/)
  })

  it('refuses a wrong token, a wrong scheme and a token prefix (401)', async () => {
    for (const auth of [`Bearer ${'0'.repeat(64)}`, `Basic ${token}`, `Bearer ${token.slice(0, 10)}`]) {
      expect((await get('/v1/status', auth)).status).toBe(401)
    }
    expect((await get('/metrics')).status).toBe(401)
  })

  it('answers the right token', async () => {
    const r = await get('/v1/status', `Bearer ${token}`)
    expect(r.status).toBe(200)
    const status = (await r.json()) as { peerId: string; settlement: { kind: string } }
    expect(status.peerId).toBe(client.peerId)
    expect(status.settlement.kind).toBe('ledger')
  })

  it('serves /healthz without a token, and nothing else', async () => {
    expect((await get('/healthz')).status).toBe(200)
    expect((await get('/v1/nope', `Bearer ${token}`)).status).toBe(404)
    expect((await post('/v1/status', '{}')).status).toBe(405)
  })

  it('rejects bad bodies with typed errors', async () => {
    const bad = await post('/v1/jobs', '{not json')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad_request')
    const missing = await post('/v1/jobs', JSON.stringify({ skill: 'echo', text: 'x' }))
    expect(missing.status).toBe(400)
    const big = await post(
      '/v1/jobs',
      JSON.stringify({ skill: 'echo', budget: '9', text: 'x'.repeat(2 * 1024 * 1024) }),
    )
    expect(big.status).toBe(413)
  })

  it('finds, hires with NDJSON progress, and shows the channel', async () => {
    const found = await get('/v1/skills/echo/providers?timeoutMs=5000', `Bearer ${token}`)
    expect(found.status).toBe(200)
    const r = await post(
      '/v1/jobs',
      JSON.stringify({ skill: 'echo', peer: worker.peerId, budget: '9', text: 'ping' }),
      { accept: 'application/x-ndjson' },
    )
    expect(r.headers.get('content-type')).toBe('application/x-ndjson')
    const lines = (await r.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; stage?: string; output?: string; price?: string })
    expect(lines.some((l) => l.type === 'progress' && l.stage === 'requesting')).toBe(true)
    const result = lines.at(-1)!
    expect(result.type).toBe('result')
    expect(Buffer.from(result.output!, 'base64').toString()).toBe('ping')
    expect(result.price).toBe('5')

    const channels = (await (await get('/v1/channels', `Bearer ${token}`)).json()) as {
      channels: { cumulativePaid: string; onChain: { status: string } }[]
    }
    expect(channels.channels[0]!.cumulativePaid).toBe('5')
    expect(channels.channels[0]!.onChain.status).toBe('open')
  })

  it('exports Prometheus metrics with job and API counters', async () => {
    const r = await get('/metrics', `Bearer ${token}`)
    expect(r.status).toBe(200)
    const text = await r.text()
    expect(text).toMatch(/bazaar_jobs_hired_total\{skill="echo"\} 1/)
    expect(text).toMatch(/bazaar_api_requests_total\{route="status",status="200"\}/)
    expect(text).toMatch(/bazaar_process_resident_memory_bytes/)
  })

  it('refuses a non-loopback host without allowRemote', async () => {
    await expect(startControlApi({ node: client, token, host: '0.0.0.0', port: 0 })).rejects.toBeInstanceOf(
      RemoteBindRefusedError,
    )
  })
})
