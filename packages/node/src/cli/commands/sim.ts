/** `bazaar sim`: a whole market in one process, with adversaries, and a report. */
import { resolve } from 'node:path'
import { type Command, InvalidArgumentError, Option } from 'commander'
import { createSimEnvironment, defaultSimThreads } from '../../sim/bazaar-environment.js'
import { SimCheckFailedError } from '../../sim/errors.js'
import { runSimulation } from '../../sim/run.js'
import { DEFAULT_SCENARIO, loadScenario } from '../../sim/scenario.js'
import { globals } from '../context.js'
import { CliError } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import { createLogger } from '../logger.js'
import { printJson, printTable } from '../output.js'
import { parsePositiveInt } from './find.js'

function parseThreads(value: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 0 || n > 64)
    throw new InvalidArgumentError('expected an integer in 0..64')
  return n
}

function parseSeed(value: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 0 || n > 0xffffffff)
    throw new InvalidArgumentError('expected an integer in 0..4294967295')
  return n
}

interface SimFlags {
  nodes: number
  jobs: number
  seed: number
  scenario?: string
  out: string
  settlement: 'chain' | 'ledger'
  progress: boolean
  keepData?: boolean
  threads?: number
}

export function registerSim(program: Command): Command {
  return program
    .command('sim')
    .description('simulate a market: N real nodes on loopback, honest and adversarial roles, a report')
    .option('--nodes <n>', 'nodes to start', parsePositiveInt, 12)
    .option('--jobs <m>', 'client jobs to run', parsePositiveInt, 100)
    .option('--seed <s>', 'seed of roles, prices and load', parseSeed, 1)
    .option('--scenario <file>', 'scenario JSON (roles, prices, adversaries); default: built-in adversarial')
    .option('--out <dir>', 'where report.json and report.html go', 'sim-report')
    .addOption(
      new Option('--settlement <kind>', 'chain: local anvil + contract; ledger: LocalLedger')
        .choices(['chain', 'ledger'])
        .default('chain'),
    )
    .option(
      '--threads <n>',
      'worker threads the nodes run in (0: all in the main thread); default: 0 below 30 nodes, else one per core',
      parseThreads,
    )
    .option('--no-progress', 'no progress bar')
    .option('--keep-data', "keep the nodes' data directories")
    .addHelpText(
      'after',
      `
Examples:
  $ bazaar sim
  $ bazaar sim --nodes 30 --jobs 300 --seed 7 --out ./report
  $ bazaar sim --scenario my-scenario.json --settlement ledger --json

The default scenario (about 12 nodes, 100 jobs): honest workers, slow workers, workers that
take a job and never deliver, workers that deliver garbage, a Sybil ring that pays and rates
itself, and an honest worker that crashes and restarts mid-run. Exit code 9 if the books do not
balance or honest workers do not outrank every adversarial group.`,
    )
    .action(async (options: SimFlags, command: Command) => {
      const g = globals(command)
      const log = createLogger(g.logLevel ?? 'warn', 'bazaar:sim')
      const scenario =
        options.scenario === undefined
          ? DEFAULT_SCENARIO
          : await loadScenario(options.scenario).catch((error: unknown) => {
              throw new CliError(
                (error as Error).message,
                ExitCode.USAGE,
                'fix the scenario file (see docs in packages/node/README.md)',
              )
            })
      const threads = options.threads ?? defaultSimThreads(options.nodes, options.settlement)
      if (threads > 0 && options.settlement === 'ledger')
        throw new CliError(
          '--threads needs chain settlement',
          ExitCode.USAGE,
          'drop --threads or use --settlement chain',
        )
      const environment = await createSimEnvironment({ settlement: options.settlement, logger: log, threads })
      const outDir = resolve(options.out)
      const { report, files } = await runSimulation({
        environment,
        nodes: options.nodes,
        jobs: options.jobs,
        seed: options.seed,
        scenario,
        outDir,
        progress: options.progress && !g.json,
        logger: log,
        keepData: options.keepData === true,
      })
      const failed = report.checks.filter((c) => !c.ok)
      if (g.json)
        printJson({
          files,
          checks: report.checks,
          outcomes: report.outcomes,
          money: report.money,
          latency: report.latency,
        })
      else {
        const ph = report.phases
        process.stdout.write(
          `\n${report.nodes} nodes, ${report.jobs} jobs in ${(report.durationMs / 1000).toFixed(1)} s (settlement: ${report.settlement.kind}; ` +
            `start-up ${(ph.startupMs / 1000).toFixed(1)} s, jobs ${(ph.jobsMs / 1000).toFixed(1)} s, settlement ${(ph.settleMs / 1000).toFixed(1)} s)\n`,
        )
        process.stdout.write(
          `completed ${report.outcomes.completed}, bad result ${report.outcomes.badResult}, failed ${
            Object.entries(report.outcomes.failed)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ') || 0
          }\n\n`,
        )
        printTable(
          report.groups
            .filter((x) => x.role === 'worker')
            .map((x) => ({
              group: x.name,
              hired: x.hired,
              completed: x.completed,
              bad: x.badResult,
              failed: x.failed,
              earned: x.earned,
              score: x.finalScore.toFixed(4),
            })),
          ['group', 'hired', 'completed', 'bad', 'failed', 'earned', 'score'],
        )
        process.stdout.write(
          `\npaid ${report.money.paid}, settled ${report.money.settled.toPayees}, owed after ${report.money.owedAfter}\n`,
        )
        for (const c of report.checks)
          process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name} (${c.detail})\n`)
        process.stdout.write(`\nreport: ${files?.html}\n        ${files?.json}\n`)
      }
      if (failed.length > 0) {
        const error = new SimCheckFailedError(failed.map((c) => c.name))
        throw new CliError(error.message, ExitCode.SIM_CHECK, `see ${files?.html}`)
      }
    })
}
