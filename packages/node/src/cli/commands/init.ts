/** `bazaar init`: creates the data directory, the node's keys and a commented config file. */
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Command, InvalidArgumentError } from 'commander'
import { loadOrCreateToken } from '../../api/token.js'
import { CONFIG_FILE } from '../config.js'
import { renderConfig } from '../config-template.js'
import { globals } from '../context.js'
import { AlreadyInitializedError } from '../errors.js'
import { loadIdentity } from '../identity.js'
import { printFields, printJson } from '../output.js'

/**
 * Parses `--chain`: `local`, an http(s)/ws(s) RPC URL, or `ledger[:path]` (a LocalLedger file
 * shared by the nodes of one host: development and tests, no chain at all).
 */
export function parseChain(value: string): string {
  if (value === 'local' || value === 'ledger' || (value.startsWith('ledger:') && value.length > 7))
    return value
  try {
    const url = new URL(value)
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return value
  } catch {
    // fall through
  }
  throw new InvalidArgumentError(
    'expected "local", "ledger[:path]" or an RPC URL such as https://rpc.example.org',
  )
}

/** Parses a TCP port (0..65535). */
export function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('expected a port in 0..65535')
  return port
}

export function registerInit(program: Command): Command {
  return program
    .command('init')
    .description('create the data directory, the node identity and a commented bazaar.toml')
    .option(
      '--chain <local|rpc-url>',
      'settlement chain: "local" (anvil child process) or an RPC URL',
      parseChain,
      'local',
    )
    .option(
      '--api-port <port>',
      'control API port written to the config (0 = any free port)',
      parsePort,
      7447,
    )
    .option('--listen <multiaddr...>', 'libp2p listen addresses written to the config')
    .option('--force', 'rewrite bazaar.toml if it exists (keys are never replaced)')
    .addHelpText(
      'after',
      `
Examples:
  $ bazaar init
  $ bazaar init --data-dir ./agent-a --api-port 0
  $ bazaar init --chain https://rpc.example.org --listen /ip4/0.0.0.0/tcp/4001`,
    )
    .action(
      async (
        options: { chain: string; apiPort: number; listen?: string[]; force?: boolean },
        command: Command,
      ) => {
        const g = globals(command)
        await mkdir(g.dataDir, { recursive: true, mode: 0o700 })
        await chmod(g.dataDir, 0o700)
        const configPath = join(g.dataDir, CONFIG_FILE)
        const text = renderConfig({
          chain: options.chain,
          apiPort: options.apiPort,
          listen: options.listen ?? ['/ip4/127.0.0.1/tcp/0'],
        })
        try {
          await writeFile(configPath, text, { flag: options.force === true ? 'w' : 'wx', mode: 0o600 })
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST')
            throw new AlreadyInitializedError(configPath)
          throw error
        }
        const identity = await loadIdentity(g.dataDir)
        await loadOrCreateToken(g.dataDir)
        const result = {
          dataDir: g.dataDir,
          config: configPath,
          peerId: identity.peerId,
          settlementAddress: identity.settlementAddress,
          chain: options.chain,
        }
        if (g.json) printJson(result)
        else {
          printFields(result)
          process.stdout.write(`\nNext: edit ${configPath} (skills to sell), then run \`bazaar start\`.\n`)
        }
      },
    )
}
