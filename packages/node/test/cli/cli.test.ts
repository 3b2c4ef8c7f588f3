/**
 * The real `bazaar` binary: init, two daemons on one host (settling on a shared LocalLedger file),
 * find, hire (a module skill and an external-command skill), channels, settle, clean shutdown;
 * and the errors and exit codes of bad flags, a missing config and no running node.
 */
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Daemon, run, startDaemon } from './helpers.js'

let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bazaar-cli-'))
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('bazaar errors and exit codes', () => {
  it('rejects an unknown flag with exit code 2 and a usage hint', async () => {
    const r = await run(['status', '--no-such-flag'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/unknown option '--no-such-flag'/)
    expect(r.stderr).toMatch(/--help/)
  })

  it('rejects an invalid value with exit code 2', async () => {
    const r = await run(['init', '--data-dir', join(root, 'x'), '--chain', 'nonsense'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/expected "local"/)
  })

  it('says to run init when the config is missing (exit 3)', async () => {
    const r = await run(['--data-dir', join(root, 'missing'), 'start'])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/no config file/)
    expect(r.stderr).toMatch(/bazaar init/)
  })

  it('says to start a node when none runs (exit 4), also as JSON', async () => {
    const r = await run(['--data-dir', join(root, 'missing'), 'status', '--json'])
    expect(r.code).toBe(4)
    expect(JSON.parse(r.stdout).error.name).toBe('NodeNotRunningError')
  })

  it('prints help with examples for every command', async () => {
    for (const command of [
      'init',
      'start',
      'status',
      'find',
      'hire',
      'channels',
      'settle',
      'withdraw',
      'reputation',
      'sim',
    ]) {
      const r = await run([command, '--help'])
      expect(r.code, command).toBe(0)
      expect(r.stdout, command).toMatch(/Examples:/)
    }
  })

  it('reports an invalid config value with the field (exit 3)', async () => {
    const dir = join(root, 'bad-config')
    expect((await run(['--data-dir', dir, 'init'])).code).toBe(0)
    await appendFile(join(dir, 'bazaar.toml'), '\n[[skills]]\nid = "x"\nprice = "-5"\nmodule = "./x.mjs"\n')
    const r = await run(['--data-dir', dir, 'start'])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/skills\[0\]\.price/)
  })
})

describe('two daemons', () => {
  let worker: Daemon
  let client: Daemon
  let workerDir: string
  let clientDir: string

  beforeAll(async () => {
    workerDir = join(root, 'worker')
    clientDir = join(root, 'client')
    const ledger = `ledger:${join(root, 'ledger.db')}`
    const init = await run(['--data-dir', workerDir, 'init', '--chain', ledger, '--api-port', '0', '--json'])
    expect(init.code, init.stderr).toBe(0)
    const initJson = JSON.parse(init.stdout) as { peerId: string; config: string }
    expect(initJson.peerId).toMatch(/^12D3KooW/)
    expect((await stat(join(workerDir, 'api.token'))).mode & 0o777).toBe(0o600)
    expect(await readFile(initJson.config, 'utf8')).toMatch(/^# Bazaar node configuration/)
    expect((await run(['--data-dir', clientDir, 'init', '--chain', ledger, '--api-port', '0'])).code).toBe(0)

    await writeFile(
      join(workerDir, 'reverse.mjs'),
      'export async function handle(input) { return [...new TextDecoder().decode(input)].reverse().join("") }\n',
    )
    await appendFile(
      join(workerDir, 'bazaar.toml'),
      `
[[skills]]
id = "reverse"
price = "10"
module = "./reverse.mjs"

[[skills]]
id = "upper"
price = "7"
command = [${JSON.stringify(process.execPath)}, "-e", "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(s.toUpperCase()))"]
`,
    )
    worker = await startDaemon(workerDir)
    client = await startDaemon(clientDir, ['--bootstrap', ...worker.ready.addresses])
  })

  afterAll(async () => {
    await Promise.all([worker?.stop('SIGKILL'), client?.stop('SIGKILL')])
  })

  it('shows status', async () => {
    const r = await run(['--data-dir', workerDir, 'status', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const status = JSON.parse(r.stdout)
    expect(status.peerId).toBe(worker.ready.peerId)
    expect(status.skills.map((s: { id: string }) => s.id).sort()).toEqual(['reverse', 'upper'])
  })

  it("serves libp2p's own metrics beside Bazaar's on /metrics", async () => {
    const token = (await readFile(join(workerDir, 'api.token'), 'utf8')).trim()
    const res = await fetch(`${worker.ready.api}/metrics`, { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).toMatch(/^libp2p_\w+ /m)
    expect(text).toMatch(/^bazaar_\w+ /m)
  })

  it('finds the worker through the DHT', async () => {
    // The DHT needs a moment after bootstrap: retry with a deadline (no event to wait on).
    const deadline = Date.now() + 20_000
    let candidates: { peer: string; price: string }[] = []
    while (candidates.length === 0 && Date.now() < deadline) {
      const r = await run(['--data-dir', clientDir, 'find', 'reverse', '--json', '--timeout-ms', '3000'])
      expect(r.code, r.stderr).toBe(0)
      candidates = JSON.parse(r.stdout).candidates
    }
    expect(candidates.map((c) => c.peer)).toContain(worker.ready.peerId)
    expect(candidates[0]!.price).toBe('10')
  })

  it('hires a module skill from stdin and pays', async () => {
    const r = await run(
      [
        '--data-dir',
        clientDir,
        'hire',
        'reverse',
        '--input',
        '-',
        '--budget',
        '20',
        '--peer',
        worker.ready.peerId,
      ],
      {
        input: 'hello bazaar',
      },
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('raazab olleh')
    expect(r.stderr).toMatch(/paid 10 to/)
  })

  it('hires a command skill from a file, as JSON', async () => {
    const input = join(root, 'input.txt')
    await writeFile(input, 'shout this')
    const r = await run([
      '--data-dir',
      clientDir,
      'hire',
      'upper',
      '--input',
      input,
      '--budget',
      '20',
      '--json',
      '--peer',
      worker.ready.peerId,
    ])
    expect(r.code, r.stderr).toBe(0)
    const result = JSON.parse(r.stdout)
    expect(result.text).toBe('SHOUT THIS')
    expect(result.price).toBe('7')
  })

  it('fails a hire below the price with exit code 7', async () => {
    const r = await run(
      [
        '--data-dir',
        clientDir,
        'hire',
        'reverse',
        '--input',
        '-',
        '--budget',
        '1',
        '--peer',
        worker.ready.peerId,
      ],
      {
        input: 'x',
      },
    )
    expect(r.code).toBe(7)
    expect(r.stderr).toMatch(/error:/)
  })

  it('lists the channel on both sides with the same books, on-chain beside off-chain', async () => {
    const c = JSON.parse((await run(['--data-dir', clientDir, 'channels', '--json'])).stdout).channels
    const w = JSON.parse((await run(['--data-dir', workerDir, 'channels', '--json'])).stdout).channels
    expect(c).toHaveLength(1)
    expect(c[0].role).toBe('payer')
    expect(c[0].cumulativePaid).toBe('17')
    expect(c[0].onChain.status).toBe('open')
    expect(w[0].role).toBe('payee')
    expect(w[0].channelId).toBe(c[0].channelId)
    expect(w[0].cumulativePaid).toBe('17')
  })

  it('settles: closes the channel on the ledger', async () => {
    const r = await run(['--data-dir', clientDir, 'settle', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).settled).toHaveLength(1)
    const c = JSON.parse((await run(['--data-dir', clientDir, 'channels', '--json'])).stdout).channels
    expect(c[0].onChain.status).toBe('closing')
    expect(c[0].onChain.cumulativePaid).toBe('17')
  })

  it('shuts down cleanly on SIGTERM and SIGINT (exit 0, api.json removed)', async () => {
    expect(await client.stop('SIGINT')).toBe(0)
    expect(await worker.stop('SIGTERM')).toBe(0)
    await expect(stat(join(workerDir, 'api.json'))).rejects.toThrow()
    const r = await run(['--data-dir', workerDir, 'status'])
    expect(r.code).toBe(4)
  })
})
