/** `bazaar find <skill>`: workers that sell a skill, ranked by price and reputation. */
import { type Command, InvalidArgumentError } from 'commander'
import { ControlClient } from '../client.js'
import { globals } from '../context.js'
import { printJson, printTable } from '../output.js'

/** Parses a non-negative integer amount of base units. */
export function parseAmountArg(value: string): string {
  if (!/^[0-9]{1,78}$/.test(value))
    throw new InvalidArgumentError('expected a non-negative integer of base units')
  return value
}

/** Parses a positive integer. */
export function parsePositiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer')
  return n
}

interface Candidate {
  peer: string
  price: string
  score?: number
  addresses: string[]
}

export function registerFind(program: Command): Command {
  return program
    .command('find')
    .description('find workers that sell <skill> (DHT lookup, verified agent cards, ranked)')
    .argument('<skill>', 'skill id, e.g. summarize')
    .option('--max-price <amount>', 'drop offers above this price (base units)', parseAmountArg)
    .option('--limit <n>', 'most candidates', parsePositiveInt, 10)
    .option('--timeout-ms <ms>', 'time for the lookup', parsePositiveInt, 10_000)
    .addHelpText(
      'after',
      `
Examples:
  $ bazaar find summarize
  $ bazaar find summarize --max-price 150 --limit 3 --json`,
    )
    .action(
      async (
        skill: string,
        options: { maxPrice?: string; limit: number; timeoutMs: number },
        command: Command,
      ) => {
        const g = globals(command)
        const client = await ControlClient.connect({
          dataDir: g.dataDir,
          apiUrl: g.apiUrl,
          token: g.apiToken,
        })
        const query = new URLSearchParams({
          limit: String(options.limit),
          timeoutMs: String(options.timeoutMs),
        })
        if (options.maxPrice !== undefined) query.set('maxPrice', options.maxPrice)
        const found = await client.get<{ skill: string; candidates: Candidate[] }>(
          `/v1/skills/${encodeURIComponent(skill)}/providers?${query}`,
        )
        if (g.json) printJson(found)
        else {
          printTable(
            found.candidates.map((c) => ({ peer: c.peer, price: c.price, score: c.score?.toFixed(4) })),
            ['peer', 'price', 'score'],
          )
        }
      },
    )
}
