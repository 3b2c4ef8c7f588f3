/**
 * Another language drives a node: `examples/control_api.py` (Python stdlib) and
 * `examples/curl.sh` run against a real `bazaar start` daemon that hires a second daemon.
 */
import { execFileSync, spawn } from 'node:child_process'
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Daemon, run, startDaemon } from '../cli/helpers.js'

const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url))

function has(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function exec(
  command: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

let root: string
let worker: Daemon
let client: Daemon

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bazaar-examples-'))
  const ledger = `ledger:${join(root, 'ledger.db')}`
  for (const name of ['worker', 'client']) {
    const r = await run(['--data-dir', join(root, name), 'init', '--chain', ledger, '--api-port', '0'])
    expect(r.code, r.stderr).toBe(0)
  }
  await writeFile(
    join(root, 'worker', 'reverse.mjs'),
    'export async function handle(input) { return [...new TextDecoder().decode(input)].reverse().join("") }\n',
  )
  await appendFile(
    join(root, 'worker', 'bazaar.toml'),
    '\n[[skills]]\nid = "reverse"\nprice = "12"\nmodule = "./reverse.mjs"\n',
  )
  worker = await startDaemon(join(root, 'worker'))
  client = await startDaemon(join(root, 'client'), ['--bootstrap', ...worker.ready.addresses])
})

afterAll(async () => {
  await Promise.all([worker?.stop(), client?.stop()])
  await rm(root, { recursive: true, force: true })
})

describe('examples drive a node', () => {
  it.skipIf(!has('python3'))('control_api.py (Python stdlib only)', async () => {
    const r = await exec('python3', [
      join(EXAMPLES, 'control_api.py'),
      '--data-dir',
      join(root, 'client'),
      '--skill',
      'reverse',
      '--text',
      'stressed',
      '--budget',
      '20',
      '--peer',
      worker.ready.peerId,
    ])
    expect(r.code, r.stderr).toBe(0)
    const result = JSON.parse(r.stdout.split('RESULT ')[1]!) as { output: string; price: string }
    expect(result).toEqual({ output: 'desserts', price: '12' })
    expect(r.stdout).toMatch(/channel [0-9a-f]{10} payer paid 12/)
  })

  it.skipIf(!has('curl'))('curl.sh', async () => {
    const r = await exec('bash', [
      join(EXAMPLES, 'curl.sh'),
      join(root, 'client'),
      'reverse',
      'live on',
      '20',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/"type":"result"/)
    const line = r.stdout.split('\n').find((l) => l.includes('"type":"result"'))!
    expect(Buffer.from((JSON.parse(line) as { output: string }).output, 'base64').toString()).toBe('no evil')
    expect(r.stdout).toMatch(/bazaar_jobs_hired_total\{skill="reverse"\}/)
  })

  it.skipIf(!has('python3'))('refuses the Python client a wrong token', async () => {
    const r = await exec('env', [
      'BAZAAR_API_TOKEN=wrong',
      'python3',
      join(EXAMPLES, 'control_api.py'),
      '--data-dir',
      join(root, 'client'),
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/API error 401 unauthorized/)
  })
})
