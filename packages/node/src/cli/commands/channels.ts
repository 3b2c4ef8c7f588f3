/** `bazaar channels`: payment channels, off-chain books beside the settlement layer's view. */
import type { Command } from 'commander'
import { ControlClient } from '../client.js'
import { globals } from '../context.js'
import { printJson, printTable } from '../output.js'

interface ChannelJson {
  channelId: string
  peer: string
  role: string
  deposit: string
  sequence: string
  cumulativePaid: string
  lockedTotal: string
  onChain?: { status: string; sequence: string; cumulativePaid: string; paidOut: boolean }
}

export function registerChannels(program: Command): Command {
  return program
    .command('channels')
    .description('list payment channels: off-chain state beside on-chain state')
    .option('--off-chain', 'skip the settlement layer query (faster, works offline)')
    .addHelpText(
      'after',
      `
Examples:
  $ bazaar channels
  $ bazaar channels --json`,
    )
    .action(async (options: { offChain?: boolean }, command: Command) => {
      const g = globals(command)
      const client = await ControlClient.connect({ dataDir: g.dataDir, apiUrl: g.apiUrl, token: g.apiToken })
      const { channels } = await client.get<{ channels: ChannelJson[] }>(
        `/v1/channels?onChain=${options.offChain === true ? 'false' : 'true'}`,
      )
      if (g.json) printJson({ channels })
      else {
        printTable(
          channels.map((c) => ({
            channel: `${c.channelId.slice(0, 10)}…`,
            peer: `${c.peer.slice(0, 16)}…`,
            role: c.role,
            deposit: c.deposit,
            paid: c.cumulativePaid,
            locked: c.lockedTotal,
            seq: c.sequence,
            'on-chain':
              c.onChain === undefined
                ? '-'
                : `${c.onChain.status} seq ${c.onChain.sequence} paid ${c.onChain.cumulativePaid}`,
          })),
          ['channel', 'peer', 'role', 'deposit', 'paid', 'locked', 'seq', 'on-chain'],
        )
      }
    })
}
