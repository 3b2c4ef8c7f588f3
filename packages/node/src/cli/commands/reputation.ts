/** `bazaar reputation [peer]`: scores of known peers, or one peer's score with its reasons. */
import type { Command } from 'commander'
import { ControlClient } from '../client.js'
import { globals } from '../context.js'
import { printFields, printJson, printTable } from '../output.js'

export function registerReputation(program: Command): Command {
  return program
    .command('reputation')
    .description('reputation scores as this node computes them (EigenTrust over paid attestations)')
    .argument('[peer]', 'one peer: its score and the attestations behind it')
    .addHelpText(
      'after',
      `
Examples:
  $ bazaar reputation
  $ bazaar reputation 12D3KooWExample --json`,
    )
    .action(async (peer: string | undefined, _options: unknown, command: Command) => {
      const g = globals(command)
      const client = await ControlClient.connect({ dataDir: g.dataDir, apiUrl: g.apiUrl, token: g.apiToken })
      if (peer !== undefined) {
        const view = await client.get<Record<string, unknown>>(`/v1/reputation/${encodeURIComponent(peer)}`)
        if (g.json) printJson(view)
        else printFields(view)
        return
      }
      const { peers } = await client.get<{ peers: { peer: string; score: number; attestations: number }[] }>(
        '/v1/reputation',
      )
      const sorted = [...peers].sort((a, b) => b.score - a.score)
      if (g.json) printJson({ peers: sorted })
      else
        printTable(
          sorted.map((p) => ({ ...p, score: p.score.toFixed(6) })),
          ['peer', 'score', 'attestations'],
        )
    })
}
