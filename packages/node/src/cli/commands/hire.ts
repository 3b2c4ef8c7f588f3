/** `bazaar hire <skill>`: hires the best worker (or `--peer`), pays on delivery, prints the result. */
import { readFile, writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { ControlClient } from '../client.js'
import { globals } from '../context.js'
import { RemoteError, UsageError } from '../errors.js'
import { ExitCode } from '../exit-codes.js'
import { printJson } from '../output.js'
import { parseAmountArg, parsePositiveInt } from './find.js'

/** Most input bytes the CLI sends (the API's body limit is 1 MiB, base64 inflates by 4/3). */
const MAX_INPUT_BYTES = 700 * 1024

async function readInput(source: string): Promise<Buffer> {
  if (source !== '-') {
    try {
      return await readFile(source)
    } catch (error) {
      throw new UsageError(
        `cannot read --input ${source}: ${(error as Error).message}`,
        'give a readable file, or - for stdin',
      )
    }
  }
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks)
}

export function registerHire(program: Command): Command {
  return program
    .command('hire')
    .description('hire a worker for <skill>: request, delivery, payment, result')
    .argument('<skill>', 'skill id')
    .requiredOption('--input <file|->', 'job input: a file, or - for stdin')
    .requiredOption('--budget <amount>', 'most you pay for this job (base units)', parseAmountArg)
    .option('--peer <peer-id>', 'hire this worker instead of the best candidate')
    .option('--deadline-ms <ms>', 'time the whole job may take', parsePositiveInt, 60_000)
    .option('--output <file>', 'write the result to a file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ echo "hello bazaar" | bazaar hire reverse --input - --budget 20
  $ bazaar hire summarize --input article.txt --budget 200 --output summary.txt
  $ bazaar hire summarize --input article.txt --budget 200 --peer 12D3KooW... --json`,
    )
    .action(
      async (
        skill: string,
        options: { input: string; budget: string; peer?: string; deadlineMs: number; output?: string },
        command: Command,
      ) => {
        const g = globals(command)
        const client = await ControlClient.connect({
          dataDir: g.dataDir,
          apiUrl: g.apiUrl,
          token: g.apiToken,
        })
        const input = await readInput(options.input)
        if (input.length > MAX_INPUT_BYTES) {
          throw new UsageError(
            `input is ${input.length} bytes; the control API takes at most ${MAX_INPUT_BYTES}`,
          )
        }
        const body = {
          skill,
          input: input.toString('base64'),
          budget: options.budget,
          deadlineMs: options.deadlineMs,
          ...(options.peer === undefined ? {} : { peer: options.peer }),
        }
        for await (const line of client.stream('/v1/jobs', body)) {
          if (line.type === 'progress') {
            if (!g.json) {
              const fraction = typeof line.fraction === 'number' ? ` ${Math.round(line.fraction * 100)}%` : ''
              process.stderr.write(
                `[${String(line.stage)}]${fraction}${line.peer === undefined ? '' : ` ${line.peer}`}\n`,
              )
            }
          } else if (line.type === 'error') {
            const error = line.error as { code: string; message: string }
            throw new RemoteError(
              Number(line.status),
              error.code,
              error.message,
              Number(line.status) === 404 ? ExitCode.NOT_FOUND : ExitCode.JOB_FAILED,
              'check the budget (bazaar find shows prices), the deadline, or try another --peer',
            )
          } else if (line.type === 'result') {
            const output = Buffer.from(String(line.output), 'base64')
            if (options.output !== undefined) await writeFile(options.output, output)
            if (g.json) printJson({ ...line, type: undefined, text: output.toString('utf8') })
            else {
              if (options.output === undefined) process.stdout.write(output)
              process.stderr.write(
                `paid ${String(line.price)} to ${String(line.peer)} (job ${String(line.jobId)})\n`,
              )
            }
          }
        }
      },
    )
}
