/**
 * The simulation's real world: Bazaar nodes (`assembleNode`, the same composition as
 * `bazaar start`) on loopback TCP, all settling on one local chain (anvil + the channel
 * contract) or one `LocalLedger` file. The nodes run in the calling thread, or spread over
 * worker threads (`threads`), so that a large network is not limited to one core.
 */
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { generateSettlementKeyPair } from '@bazaar/protocol'
import type { Settlement } from '@bazaar/wallet'
import type { Logger } from 'pino'
import { loadIdentity, type NodeIdentity } from '../cli/identity.js'
import { startLocalChain } from '../cli/local-chain.js'
import { ledgerProvider, type SettlementProvider } from '../cli/settlement.js'
import { type SimEnvironment, type SimNode, type SimNodeParams, simNodeOf } from './environment.js'
import { SimThreadsUnsupportedError } from './errors.js'
import { SIM_CHANNEL_TTL_S, SIM_DISPUTE_WINDOW_S, SIM_FUNDS, startSimNode } from './sim-node.js'
import { NodeThreads } from './thread-node.js'

/** Below this many nodes one thread carries them all (threads would cost more than they save). */
export const SIM_THREADS_FROM_NODES = 30

/** Node threads `bazaar sim` uses by default: none for small networks, else one per core. */
export function defaultSimThreads(nodes: number, settlement: 'chain' | 'ledger' = 'chain'): number {
  return nodes < SIM_THREADS_FROM_NODES || settlement === 'ledger' ? 0 : availableParallelism()
}

export interface SimEnvironmentOptions {
  /** `chain` (anvil + the channel contract, the default) or `ledger` (LocalLedger). */
  settlement?: 'chain' | 'ledger'
  /** Where the ledger file goes (ledger mode); a temporary directory by default. */
  workDir?: string
  logger?: Logger
  /**
   * Worker threads the nodes run in, dealt round robin by index; 0 (the default) runs every
   * node in the calling thread. Chain settlement only (the ledger's movable clock lives in the
   * calling thread).
   */
  threads?: number
}

export async function createSimEnvironment(options: SimEnvironmentOptions = {}): Promise<SimEnvironment> {
  const log = options.logger
  const threads = options.threads ?? 0
  if (threads > 0 && options.settlement === 'ledger') throw new SimThreadsUnsupportedError('ledger')
  let provider: SettlementProvider
  if (options.settlement !== 'ledger')
    provider = await startLocalChain(log === undefined ? {} : { logger: log })
  else {
    const { mkdtemp } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const dir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'bazaar-ledger-')))
    provider = await ledgerProvider(join(dir, 'ledger.db'))
  }
  let pool: NodeThreads | undefined
  let reader: Settlement | undefined
  try {
    if (threads > 0) {
      if (provider.connection === undefined) throw new SimThreadsUnsupportedError(provider.kind)
      pool = await NodeThreads.start(threads, {
        connection: provider.connection,
        settlementKind: provider.kind,
        logLevel: log?.level ?? 'silent',
      })
    }
    // Balances are read through one connection of its own, whatever thread a node lives in.
    const readerKey = generateSettlementKeyPair()
    reader = await provider.forAccount(readerKey.address, readerKey.privateKey)
  } catch (error) {
    await pool?.stop()
    await provider.stop()
    throw error
  }
  const balances = reader
  const identities = new Map<string, NodeIdentity>()
  const addressOf = new Map<SimNode, Uint8Array>()
  const funded = new Set<string>()

  return {
    kind: provider.kind,
    chainId: provider.chainId,
    contract: provider.contract,
    disputeWindowSeconds: SIM_DISPUTE_WINDOW_S,
    channelTtlSeconds: SIM_CHANNEL_TTL_S,
    threads,
    async prepareIdentity(dataDir) {
      const identity = await loadIdentity(dataDir, undefined)
      identities.set(dataDir, identity)
      return identity.peerId
    },
    async startNode(params: SimNodeParams) {
      const identity = identities.get(params.dataDir) ?? (await loadIdentity(params.dataDir, undefined))
      identities.set(params.dataDir, identity)
      const address = identity.keys.settlementKey.address
      const key = Buffer.from(address).toString('hex')
      if (!funded.has(key)) {
        await provider.fund?.([address], SIM_FUNDS)
        funded.add(key)
      }
      let node: SimNode
      if (pool !== undefined) node = await pool.startNode(params)
      else {
        const settlement = await provider.forAccount(address, identity.keys.settlementKey.privateKey)
        node = simNodeOf(await startSimNode(params, identity, settlement, provider.kind, log))
      }
      addressOf.set(node, address)
      return node
    },
    async crashNode(node) {
      await node.stop()
    },
    async balanceOf(node) {
      const address = addressOf.get(node)
      return address === undefined ? 0n : balances.balanceOf(address, new Uint8Array(20))
    },
    async feesPaid(nodes) {
      if (provider.feesPaid === undefined) return nodes.map(() => 0n)
      return provider.feesPaid(nodes.map((n) => addressOf.get(n) ?? new Uint8Array(20)))
    },
    async advanceTime(seconds) {
      await provider.advanceTime?.(seconds)
    },
    async stop() {
      await pool?.stop()
      await balances.stop()
      await provider.stop()
    },
  }
}
