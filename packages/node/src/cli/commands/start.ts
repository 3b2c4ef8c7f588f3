/**
 * `bazaar start`: runs the node until SIGINT or SIGTERM. Listens, bootstraps, advertises the
 * configured skills, serves the control API on loopback, and on a signal stops accepting work,
 * lets in-flight jobs finish (grace period), stops the node and whatever it started (a local
 * chain), and removes `api.json`.
 */
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Command } from 'commander'
import { createMetrics } from '../../api/metrics.js'
import { startControlApi } from '../../api/server.js'
import { loadOrCreateToken } from '../../api/token.js'
import { startConfiguredNode } from '../assemble.js'
import { API_INFO_FILE } from '../client.js'
import { loadConfig } from '../config.js'
import { globals } from '../context.js'
import { createLogger } from '../logger.js'
import { printJson } from '../output.js'
import { loadSkillHandler } from '../skill-handlers.js'
import { parseChain, parsePort } from './init.js'

interface StartOptions {
  listen?: string[]
  bootstrap?: string[]
  apiHost?: string
  apiPort?: number
  apiAllowRemote?: boolean
  chain?: string
}

/** Resolves with the name of the first of SIGINT / SIGTERM received. */
function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on)
      process.off('SIGTERM', on)
      resolve(signal)
    }
    process.on('SIGINT', on)
    process.on('SIGTERM', on)
  })
}

export function registerStart(program: Command): Command {
  return program
    .command('start')
    .description('run the node: listen, bootstrap, sell the configured skills, serve the control API')
    .option('--listen <multiaddr...>', 'libp2p listen addresses (env BAZAAR_LISTEN)')
    .option('--bootstrap <multiaddr...>', 'peers to dial at start (env BAZAAR_BOOTSTRAP)')
    .option('--api-host <host>', 'control API host (env BAZAAR_API_HOST; loopback unless --api-allow-remote)')
    .option('--api-port <port>', 'control API port, 0 = any free port (env BAZAAR_API_PORT)', parsePort)
    .option(
      '--api-allow-remote',
      'allow the control API on a non-loopback interface (token only, plain HTTP)',
    )
    .option('--chain <local|rpc-url>', 'settlement chain (env BAZAAR_CHAIN)', parseChain)
    .addHelpText(
      'after',
      `
Examples:
  $ bazaar start
  $ bazaar start --data-dir ./agent-b --api-port 0 --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW...
  $ BAZAAR_LOG_LEVEL=debug bazaar start --json     # prints one "ready" JSON line on stdout

Stops cleanly on SIGINT (Ctrl-C) or SIGTERM: in-flight jobs get a grace period.`,
    )
    .action(async (options: StartOptions, command: Command) => {
      const g = globals(command)
      const config = await loadConfig(g.dataDir, {
        listen: options.listen,
        bootstrap: options.bootstrap,
        apiHost: options.apiHost,
        apiPort: options.apiPort,
        apiAllowRemote: options.apiAllowRemote,
        logLevel: g.logLevel,
        chain: options.chain,
      })
      const log = createLogger(config.logLevel)
      const stopping = nextSignal()
      const handlers = await Promise.all(
        config.skills.map(async (skill) => ({
          skill,
          handler: await loadSkillHandler(skill, config.configPath, log),
        })),
      )
      const token = await loadOrCreateToken(config.dataDir)
      const metrics = createMetrics()
      const running = await startConfiguredNode(config, { logger: log, metricsRegistry: metrics.registry })
      const node = running.node
      try {
        for (const { skill, handler } of handlers) {
          await node.advertise({ id: skill.id, price: skill.price, concurrency: skill.concurrency }, handler)
          log.info({ skill: skill.id, price: skill.price.toString() }, 'skill advertised')
        }
        const api = await startControlApi({
          node,
          token,
          host: config.api.host,
          port: config.api.port,
          allowRemote: config.api.allowRemote,
          metrics,
          logger: log.child({ module: 'bazaar:api' }),
        })
        const info = { url: api.url, pid: process.pid, peerId: node.peerId }
        const infoPath = join(config.dataDir, API_INFO_FILE)
        await writeFile(infoPath, `${JSON.stringify(info)}\n`, { mode: 0o600 })
        const ready = {
          ready: true,
          peerId: node.peerId,
          addresses: node.addresses(),
          api: api.url,
          settlement: running.settlement,
        }
        if (g.json) printJson(ready)
        else {
          process.stdout.write(`bazaar node ${node.peerId} running\n`)
          for (const a of node.addresses()) process.stdout.write(`  listening on ${a}\n`)
          process.stdout.write(`  control API ${api.url} (token in ${join(config.dataDir, 'api.token')})\n`)
          process.stdout.write(`  settlement ${running.settlement}\n  stop with Ctrl-C\n`)
        }
        log.info({ peerId: node.peerId, api: api.url }, 'node started')
        const signal = await stopping
        log.info({ signal }, 'shutting down')
        await api.close()
        await rm(infoPath, { force: true })
      } finally {
        await node.stop()
      }
      log.info('stopped')
    })
}
