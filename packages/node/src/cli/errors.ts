/**
 * CLI errors: each names the exit code it ends the process with and a hint saying what to do
 * next, printed under the message.
 */
import { ExitCode, type ExitCodeValue } from './exit-codes.js'

export class CliError extends Error {
  readonly exitCode: ExitCodeValue
  readonly hint: string | undefined

  constructor(message: string, exitCode: ExitCodeValue, hint?: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'CliError'
    this.exitCode = exitCode
    this.hint = hint
  }
}

export class ConfigMissingError extends CliError {
  readonly path: string
  constructor(path: string) {
    super(`no config file at ${path}`, ExitCode.CONFIG, 'run `bazaar init` first, or pass --data-dir <dir>')
    this.name = 'ConfigMissingError'
    this.path = path
  }
}

export class ConfigInvalidError extends CliError {
  readonly path: string
  readonly field: string | undefined
  constructor(path: string, message: string, field?: string, options?: ErrorOptions) {
    super(`${path}: ${message}`, ExitCode.CONFIG, 'fix the config file (it is commented) and retry', options)
    this.name = 'ConfigInvalidError'
    this.path = path
    this.field = field
  }
}

export class AlreadyInitializedError extends CliError {
  readonly path: string
  constructor(path: string) {
    super(`${path} already exists`, ExitCode.CONFIG, 'use it as is, or pass --force to rewrite the config')
    this.name = 'AlreadyInitializedError'
    this.path = path
  }
}

export class UsageError extends CliError {
  constructor(message: string, hint = 'see `bazaar <command> --help`') {
    super(message, ExitCode.USAGE, hint)
    this.name = 'UsageError'
  }
}

export class NodeNotRunningError extends CliError {
  readonly dataDir: string
  constructor(dataDir: string, detail: string, options?: ErrorOptions) {
    super(
      `no running node for ${dataDir} (${detail})`,
      ExitCode.NOT_RUNNING,
      'start one with `bazaar start`, or point --data-dir / --api-url at it',
      options,
    )
    this.name = 'NodeNotRunningError'
    this.dataDir = dataDir
  }
}

/** An error answered by the control API, with its code. */
export class RemoteError extends CliError {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string, exitCode: ExitCodeValue, hint?: string) {
    super(message, exitCode, hint)
    this.name = 'RemoteError'
    this.status = status
    this.code = code
  }
}
