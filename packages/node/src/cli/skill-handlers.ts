/**
 * Turns a `[[skills]]` entry of the config into a skill handler: either a JS/TS module that
 * exports `handle(input, context)`, or an external command that reads the input on stdin and
 * writes the result on stdout. A command is killed when the job is aborted or its timeout passes;
 * its stderr goes to the node's log (size only at info level, never the bytes).
 */
import { spawn } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import type { Logger } from 'pino'
import type { SkillContext, SkillHandler } from '../api/node-port.js'
import type { SkillConfig } from './config.js'
import { ConfigInvalidError } from './errors.js'

/** Most bytes a command may write on stdout (a larger result is a failure). */
export const MAX_COMMAND_OUTPUT_BYTES = 16 * 1024 * 1024

/** Thrown by a command handler whose process failed. */
export class SkillCommandError extends Error {
  readonly skill: string
  readonly exitCode: number | null
  readonly signal: string | null
  constructor(skill: string, exitCode: number | null, signal: string | null, detail: string) {
    super(`skill ${skill}: command ${detail}`)
    this.name = 'SkillCommandError'
    this.skill = skill
    this.exitCode = exitCode
    this.signal = signal
  }
}

/** Runs `argv` with `input` on stdin; resolves with stdout. */
export function runCommand(
  skill: string,
  argv: string[],
  input: Uint8Array,
  context: SkillContext,
  timeoutMs: number,
  log?: Logger,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    let size = 0
    let stderrBytes = 0
    let failure: string | undefined
    const kill = (why: string): void => {
      failure ??= why
      child.kill('SIGKILL')
    }
    const timer = setTimeout(() => kill(`timed out after ${timeoutMs} ms`), timeoutMs)
    const onAbort = (): void => kill('aborted')
    context.signal.addEventListener('abort', onAbort, { once: true })
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_COMMAND_OUTPUT_BYTES) kill(`wrote more than ${MAX_COMMAND_OUTPUT_BYTES} bytes`)
      else out.push(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderrBytes += chunk.length
    })
    child.on('error', (error) => {
      failure ??= `could not start (${error.message})`
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      context.signal.removeEventListener('abort', onAbort)
      log?.debug({ skill, code, signal, stdoutBytes: size, stderrBytes }, 'skill command exited')
      if (failure === undefined && code === 0) resolve(new Uint8Array(Buffer.concat(out)))
      else reject(new SkillCommandError(skill, code, signal, failure ?? `exited with code ${code}`))
    })
    child.stdin.on('error', () => {
      // The command may exit without reading its input; its exit code decides.
    })
    child.stdin.end(input)
  })
}

/** Builds the handler of one configured skill (imports the module now, so errors show at start). */
export async function loadSkillHandler(
  skill: SkillConfig,
  configPath: string,
  log?: Logger,
): Promise<SkillHandler> {
  if (skill.command !== undefined) {
    const argv = skill.command
    return (input, context) => runCommand(skill.id, argv, input, context, skill.timeoutMs, log)
  }
  let loaded: { handle?: unknown }
  try {
    loaded = (await import(pathToFileURL(skill.module!).href)) as { handle?: unknown }
  } catch (error) {
    throw new ConfigInvalidError(
      configPath,
      `cannot load skill module ${skill.module}`,
      `skills.${skill.id}`,
      {
        cause: error,
      },
    )
  }
  if (typeof loaded.handle !== 'function') {
    throw new ConfigInvalidError(configPath, `${skill.module} does not export a function \`handle\``)
  }
  const handle = loaded.handle as (input: Uint8Array, context: SkillContext) => unknown
  return async (input, context) => {
    const result = await handle(input, context)
    if (typeof result === 'string') return new TextEncoder().encode(result)
    if (result instanceof Uint8Array) return result
    throw new TypeError(`skill ${skill.id}: handle() must return a Uint8Array or a string`)
  }
}
