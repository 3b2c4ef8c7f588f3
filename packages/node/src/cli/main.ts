/**
 * The `bazaar` command line: builds the commander program, runs one command, and returns the exit
 * code (documented in exit-codes.ts). Each command lives in `commands/<name>.ts` and calls the same
 * library API an embedding agent calls.
 */
import { Command, Option } from 'commander'
import { registerChannels } from './commands/channels.js'
import { registerFind } from './commands/find.js'
import { registerHire } from './commands/hire.js'
import { registerInit } from './commands/init.js'
import { registerReputation } from './commands/reputation.js'
import { registerSettle, registerWithdraw } from './commands/settle.js'
import { registerSim } from './commands/sim.js'
import { registerStart } from './commands/start.js'
import { registerStatus } from './commands/status.js'
import { reportError } from './context.js'
import { EXIT_CODES_HELP, ExitCode } from './exit-codes.js'

/** Version printed by `bazaar --version`. */
export const CLI_VERSION = '0.1.0'

/** Builds the program (exported for tests and for embedding the CLI). */
export function buildProgram(): Command {
  const program = new Command('bazaar')
    .description('Bazaar: a peer-to-peer marketplace where AI agents find, hire and pay each other.')
    .version(CLI_VERSION)
    .option('-d, --data-dir <dir>', 'node data directory (env BAZAAR_DATA_DIR, default ~/.bazaar)')
    .addOption(
      new Option('--log-level <level>', 'log level (env BAZAAR_LOG_LEVEL)').choices([
        'trace',
        'debug',
        'info',
        'warn',
        'error',
        'fatal',
        'silent',
      ]),
    )
    .option('--json', 'print machine-readable JSON on stdout')
    .option(
      '--api-url <url>',
      'control API of the running node (env BAZAAR_API_URL; default from <data-dir>/api.json)',
    )
    .option('--api-token <token>', 'control API token (env BAZAAR_API_TOKEN; default <data-dir>/api.token)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Getting started:
  $ bazaar init                       # data dir, keys, commented bazaar.toml
  $ bazaar start                      # run the node (control API on 127.0.0.1:7447)
  $ bazaar find summarize             # who sells a skill, at what price and reputation
  $ echo "some text" | bazaar hire summarize --input - --budget 200
  $ bazaar sim                        # 12 nodes, 100 jobs, adversaries; writes a report

Config precedence: flags > BAZAAR_* environment > <data-dir>/bazaar.toml.
Logs are JSON lines on stderr; stdout carries results only.

${EXIT_CODES_HELP}
`,
    )
  for (const register of [
    registerInit,
    registerStart,
    registerStatus,
    registerFind,
    registerHire,
    registerChannels,
    registerSettle,
    registerWithdraw,
    registerReputation,
    registerSim,
  ]) {
    const command = register(program)
    command.exitOverride().showHelpAfterError('(run with --help for usage)')
  }
  return program
}

/** Runs the CLI with `argv` (as `process.argv`); resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram()
  try {
    await program.parseAsync(argv)
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.OK
  } catch (error) {
    return reportError(error, argv.includes('--json'))
  }
}
