/** `bazaar settle [peer]` closes channels and pays them out; `bazaar withdraw` collects closed ones. */
import type { Command } from 'commander'
import { ControlClient } from '../client.js'
import { globals } from '../context.js'
import { printJson, printTable } from '../output.js'

interface SettledJson {
  channelId: string
  peer: string
  toPayee: string
  toPayer: string
  refs: string[]
}

function show(rows: SettledJson[], json: boolean, key: string): void {
  if (json) printJson({ [key]: rows })
  else {
    printTable(
      rows.map((r) => ({
        channel: `${r.channelId.slice(0, 10)}…`,
        peer: r.peer,
        'to payee': r.toPayee,
        'to payer': r.toPayer,
      })),
      ['channel', 'peer', 'to payee', 'to payer'],
    )
  }
}

export function registerSettle(program: Command): Command {
  return program
    .command('settle')
    .description('close channels (with [peer], or all) on the settlement layer and pay them out')
    .argument('[peer]', 'peer id whose channels to settle (default: all)')
    .addHelpText(
      'after',
      `
Examples:
  $ bazaar settle
  $ bazaar settle 12D3KooWExample --json`,
    )
    .action(async (peer: string | undefined, _options: unknown, command: Command) => {
      const g = globals(command)
      const client = await ControlClient.connect({ dataDir: g.dataDir, apiUrl: g.apiUrl, token: g.apiToken })
      const { settled } = await client.post<{ settled: SettledJson[] }>(
        '/v1/settle',
        peer === undefined ? {} : { peer },
      )
      show(settled, g.json, 'settled')
    })
}

export function registerWithdraw(program: Command): Command {
  return program
    .command('withdraw')
    .description('pay out channels whose dispute window has ended')
    .addHelpText(
      'after',
      `
Examples:
  $ bazaar withdraw
  $ bazaar withdraw --json`,
    )
    .action(async (_options: unknown, command: Command) => {
      const g = globals(command)
      const client = await ControlClient.connect({ dataDir: g.dataDir, apiUrl: g.apiUrl, token: g.apiToken })
      const { withdrawn } = await client.post<{ withdrawn: SettledJson[] }>('/v1/withdraw', {})
      show(withdrawn, g.json, 'withdrawn')
    })
}
