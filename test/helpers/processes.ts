/**
 * Child processes running Bazaar programs on the workspace's Node (process.execPath), with their
 * stdout read as JSON lines.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface Program {
  child: ChildProcess
  /** Resolves with the first JSON line for which `match` is true. */
  next(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>
  stderr(): string
}

export function run(script: string, args: string[], cwd: string): Program {
  const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: Record<string, unknown>[] = []
  const waiters = new Set<{
    match: (l: Record<string, unknown>) => boolean
    resolve: (l: Record<string, unknown>) => void
  }>()
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString()
  })
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>
    try {
      line = JSON.parse(text) as Record<string, unknown>
    } catch {
      return
    }
    lines.push(line)
    for (const w of [...waiters]) {
      if (w.match(line)) {
        waiters.delete(w)
        w.resolve(line)
      }
    }
  })
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1))
  })
  return {
    child,
    exited,
    stderr: () => errors,
    next(match, timeoutMs = 30_000) {
      const found = lines.find(match)
      if (found !== undefined) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching line from ${script}; stderr: ${errors}`)),
          timeoutMs,
        )
        const waiter = {
          match,
          resolve: (l: Record<string, unknown>) => {
            clearTimeout(timer)
            resolve(l)
          },
        }
        waiters.add(waiter)
        void exited.then(() => {
          if (waiters.delete(waiter)) {
            clearTimeout(timer)
            reject(new Error(`${script} exited; stderr: ${errors}`))
          }
        })
      })
    },
  }
}
