import { type ChildProcessByStdio, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { AnvilNotFoundError, AnvilStartError } from './errors.js'

/** How long to wait for anvil to answer JSON-RPC after spawning it (ms). */
export const DEFAULT_ANVIL_START_TIMEOUT_MS = 15_000
/** Chain id of the embedded local chain (anvil's own default). */
export const DEFAULT_LOCAL_CHAIN_ID = 31_337n

export interface StartAnvilOptions {
  /** Path of the anvil binary; default: the one shipped in `@foundry-rs/anvil-<os>-<arch>`, then `$BAZAAR_ANVIL_BIN`. */
  binary?: string
  chainId?: bigint
  /** Loopback port; default 0 (the OS picks a free one). */
  port?: number
  /** Starting block timestamp, unix seconds. */
  timestamp?: bigint
  /** Extra command-line arguments. */
  args?: string[]
  startTimeoutMs?: number
}

/** A running anvil child process. */
export interface AnvilProcess {
  readonly rpcUrl: string
  readonly chainId: bigint
  /** Process id of anvil itself. */
  readonly pid: number
  /** Kills anvil and waits until it is gone. Idempotent. */
  stop(): Promise<void>
}

/**
 * Finds the anvil binary shipped in npm: `@foundry-rs/anvil` lists the per-platform packages as
 * optional dependencies, which pnpm installs beside it (not beside us), so resolve from there.
 */
export function locateAnvil(binary?: string): string {
  const tried: string[] = []
  const candidates: Array<() => string | undefined> = [
    () => binary,
    () => process.env.BAZAAR_ANVIL_BIN,
    () => {
      const require = createRequire(import.meta.url)
      const wrapper = require.resolve('@foundry-rs/anvil/package.json')
      const arch = process.arch === 'x64' ? 'amd64' : process.arch
      const name = `@foundry-rs/anvil-${process.platform}-${arch}`
      const pkg = createRequire(wrapper).resolve(`${name}/package.json`)
      return join(dirname(pkg), 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil')
    },
    () => {
      const require = createRequire(import.meta.url)
      return join(dirname(require.resolve('@foundry-rs/anvil/package.json')), 'dist', 'anvil')
    },
  ]
  for (const candidate of candidates) {
    let path: string | undefined
    try {
      path = candidate()
    } catch {
      continue
    }
    if (path === undefined) continue
    tried.push(path)
    if (existsSync(path)) return path
  }
  throw new AnvilNotFoundError(tried)
}

/** Every live anvil of this process, killed synchronously if the process exits. */
const live = new Set<number>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const pid of live) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {}
    }
  })
}

/**
 * The guard: anvil runs under a tiny shell that holds the read end of a pipe from this process
 * and kills anvil as soon as the pipe reaches end of file, which happens however this process
 * ends (stop(), exit, an uncaught signal, even SIGKILL); and the shell exits with anvil, so a
 * crashed anvil is noticed at once. No signal handler is installed here, so the host
 * application's own SIGINT/SIGTERM handling is unchanged.
 */
const GUARD = [
  'exec 3<&0',
  '"$@" & child=$!',
  'echo "anvil-pid $child"',
  '(read _ignored <&3; kill -9 $child 2>/dev/null) & watcher=$!',
  'wait $child; code=$?',
  'kill $watcher 2>/dev/null',
  'exit $code',
].join('\n')

/** Starts anvil on 127.0.0.1 and resolves once it answers JSON-RPC. */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<AnvilProcess> {
  const binary = locateAnvil(options.binary)
  const chainId = options.chainId ?? DEFAULT_LOCAL_CHAIN_ID
  const args = ['--host', '127.0.0.1', '--port', String(options.port ?? 0), '--chain-id', String(chainId)]
  if (options.timestamp !== undefined) args.push('--timestamp', String(options.timestamp))
  args.push(...(options.args ?? []))
  installExitHook()
  const guard: ChildProcessByStdio<Writable, Readable, Readable> = spawn(
    '/bin/sh',
    ['-c', GUARD, 'bazaar-anvil-guard', binary, ...args],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_ANVIL_START_TIMEOUT_MS
  let pid = 0
  let output = ''
  let exited = false
  const gone = new Promise<void>((resolve) => {
    guard.once('exit', () => {
      exited = true
      live.delete(pid)
      resolve()
    })
  })
  const stop = async (): Promise<void> => {
    if (!exited) {
      guard.stdin.end()
      await gone
    }
  }
  try {
    const rpcUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new AnvilStartError(`no answer within ${timeoutMs} ms`, output)),
        timeoutMs,
      )
      const onData = (chunk: Buffer): void => {
        output = (output + chunk.toString('utf8')).slice(-4096)
        const p = /anvil-pid (\d+)/.exec(output)
        if (p && pid === 0) {
          pid = Number(p[1])
          live.add(pid)
        }
        const m = /Listening on (127\.0\.0\.1:\d+)/.exec(output)
        if (m) {
          clearTimeout(timer)
          guard.stdout.off('data', onData)
          // Keep draining anvil's log so that a full pipe never blocks it.
          guard.stdout.resume()
          resolve(`http://${m[1]}`)
        }
      }
      guard.stdout.on('data', onData)
      guard.stderr.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString('utf8')).slice(-4096)
      })
      guard.once('error', (err) => {
        clearTimeout(timer)
        reject(new AnvilStartError(err.message, output, { cause: err }))
      })
      guard.once('exit', (code) => {
        clearTimeout(timer)
        reject(new AnvilStartError(`exited with code ${code} before listening`, output))
      })
    })
    const answered = await rpcChainId(rpcUrl)
    if (answered !== chainId) {
      throw new AnvilStartError(`answered chain id ${answered}, expected ${chainId}`, output)
    }
    return { rpcUrl, chainId, pid, stop }
  } catch (err) {
    await stop()
    throw err
  }
}

async function rpcChainId(rpcUrl: string): Promise<bigint> {
  const res = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
  })
  const body = (await res.json()) as { result?: string }
  if (typeof body.result !== 'string')
    throw new AnvilStartError('eth_chainId gave no result', JSON.stringify(body))
  return BigInt(body.result)
}
