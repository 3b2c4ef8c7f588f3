/** Runs the built `bazaar` binary as a child process (with this test's Node, never PATH's). */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../../dist/src/cli/bin.js', import.meta.url))

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `bazaar ...args` to completion. */
export function run(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, BAZAAR_LOG_LEVEL: 'warn', ...options.env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}

export interface Daemon {
  child: ChildProcessWithoutNullStreams
  ready: { peerId: string; addresses: string[]; api: string }
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  stderr(): string
}

/** Starts `bazaar start --json` and resolves once it printed its ready line. */
export function startDaemon(dataDir: string, args: string[] = []): Promise<Daemon> {
  const child = spawn(
    process.execPath,
    [BIN, '--data-dir', dataDir, 'start', '--json', '--api-port', '0', ...args],
    {
      env: { ...process.env, BAZAAR_LOG_LEVEL: 'warn' },
    },
  )
  let stdout = ''
  let stderr = ''
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      try {
        const ready = JSON.parse(stdout) as Daemon['ready'] & { ready?: boolean }
        if (ready.ready === true) {
          resolve({
            child,
            ready,
            stop: (signal = 'SIGTERM') => {
              child.kill(signal)
              return exited
            },
            stderr: () => stderr,
          })
        }
      } catch {
        // The JSON object is not complete yet.
      }
    })
    void exited.then((code) => reject(new Error(`daemon exited with ${code} before ready: ${stderr}`)))
  })
}
