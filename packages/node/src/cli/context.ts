/** Options every command shares, and the wrapper that turns a command's failure into an exit code. */
import { type Command, CommanderError } from 'commander'
import { resolveDataDir } from './config.js'
import { CliError } from './errors.js'
import { ExitCode } from './exit-codes.js'
import { createLogger } from './logger.js'
import { printJson } from './output.js'

export interface GlobalOptions {
  dataDir: string
  logLevel: string | undefined
  json: boolean
  apiUrl: string | undefined
  apiToken: string | undefined
}

/** Global options as given to `command` (flags > env), with the data directory resolved. */
export function globals(command: Command): GlobalOptions {
  const o = command.optsWithGlobals<{
    dataDir?: string
    logLevel?: string
    json?: boolean
    apiUrl?: string
    apiToken?: string
  }>()
  return {
    dataDir: resolveDataDir(o.dataDir),
    logLevel: o.logLevel ?? process.env.BAZAAR_LOG_LEVEL,
    json: o.json === true,
    apiUrl: o.apiUrl,
    apiToken: o.apiToken,
  }
}

/** Prints an error for people (or as JSON with `--json`) and returns its exit code. */
export function reportError(error: unknown, json: boolean): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message (with a usage hint).
    return error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.exitCode === 0
      ? ExitCode.OK
      : ExitCode.USAGE
  }
  if (error instanceof CliError) {
    if (json) {
      printJson({
        error: { name: error.name, message: error.message, hint: error.hint, exitCode: error.exitCode },
      })
    } else {
      process.stderr.write(`error: ${error.message}\n`)
      if (error.hint !== undefined) process.stderr.write(`  hint: ${error.hint}\n`)
    }
    return error.exitCode
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  if (json) printJson({ error: { name: 'InternalError', message, exitCode: ExitCode.INTERNAL } })
  else {
    process.stderr.write(
      `error: ${message}\n  hint: this is a bug; rerun with --log-level debug and report it\n`,
    )
    createLogger('debug').debug({ err: error }, 'internal error')
  }
  return ExitCode.INTERNAL
}
