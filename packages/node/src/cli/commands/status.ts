/** `bazaar status`: the running node's peer id, addresses, peers, skills, jobs and balance. */
import type { Command } from 'commander'
import { ControlClient } from '../client.js'
import { globals } from '../context.js'
import { printFields, printJson } from '../output.js'

export function registerStatus(program: Command): Command {
  return program
    .command('status')
    .description('show the running node: peer id, addresses, peers, skills, jobs, settlement')
    .addHelpText(
      'after',
      `
Examples:
  $ bazaar status
  $ bazaar status --json | jq .peers`,
    )
    .action(async (_options: unknown, command: Command) => {
      const g = globals(command)
      const client = await ControlClient.connect({ dataDir: g.dataDir, apiUrl: g.apiUrl, token: g.apiToken })
      const status = await client.get<Record<string, unknown>>('/v1/status')
      if (g.json) printJson(status)
      else printFields(status)
    })
}
