/**
 * The simulation's real world: Bazaar nodes (`assembleNode`, the same composition as
 * `bazaar start`) on loopback TCP, all settling on one local chain (anvil + the channel
 * contract) or one `LocalLedger` file.
 */
import { join } from 'node:path'
import type { Settlement } from '@bazaar/wallet'
import type { Logger } from 'pino'
import type { MarketNode } from '../api/node-port.js'
import { assembleNode } from '../cli/assemble.js'
import { loadIdentity, type NodeIdentity } from '../cli/identity.js'
import { startLocalChain } from '../cli/local-chain.js'
import { ledgerProvider, type SettlementProvider } from '../cli/settlement.js'
import type { SimEnvironment, SimNodeParams } from './environment.js'

/** Funds of each simulated account (deposits of all its channels fit many times). */
const SIM_FUNDS = 10n ** 12n
/** Dispute window of simulated channels, seconds (time is moved past it at settlement). */
const SIM_DISPUTE_WINDOW_S = 60n
/** Lifetime of simulated channels, seconds. */
const SIM_CHANNEL_TTL_S = 3_600n

export interface SimEnvironmentOptions {
  /** `chain` (anvil + the channel contract, the default) or `ledger` (LocalLedger). */
  settlement?: 'chain' | 'ledger'
  /** Where the ledger file goes (ledger mode); a temporary directory by default. */
  workDir?: string
  logger?: Logger
}

export async function createSimEnvironment(options: SimEnvironmentOptions = {}): Promise<SimEnvironment> {
  const log = options.logger
  let provider: SettlementProvider
  if (options.settlement !== 'ledger')
    provider = await startLocalChain(log === undefined ? {} : { logger: log })
  else {
    const { mkdtemp } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const dir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'bazaar-ledger-')))
    provider = await ledgerProvider(join(dir, 'ledger.db'))
  }
  const identities = new Map<string, NodeIdentity>()
  const byNode = new Map<MarketNode, { settlement: Settlement; address: Uint8Array }>()
  const funded = new Set<string>()

  return {
    kind: provider.kind,
    chainId: provider.chainId,
    contract: provider.contract,
    disputeWindowSeconds: SIM_DISPUTE_WINDOW_S,
    channelTtlSeconds: SIM_CHANNEL_TTL_S,
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
      const settlement = await provider.forAccount(address, identity.keys.settlementKey.privateKey)
      const node = await assembleNode({
        dataDir: params.dataDir,
        name: params.name,
        identity,
        listen: ['/ip4/127.0.0.1/tcp/0'],
        bootstrap: params.bootstrap,
        settlement,
        settlementKind: provider.kind,
        preTrusted: params.preTrusted,
        channels: {
          deposit: params.channelCapacity,
          ttlSeconds: SIM_CHANNEL_TTL_S,
          disputeWindowSeconds: SIM_DISPUTE_WINDOW_S,
        },
        spending: { perJob: params.maxJobPrice, perPeer: SIM_FUNDS, perDay: SIM_FUNDS },
        stopGraceMs: 1_000,
        onStop: () => settlement.stop(),
        ...(log === undefined ? {} : { logger: log }),
      })
      byNode.set(node, { settlement, address })
      return node
    },
    async crashNode(node) {
      await node.stop()
    },
    async balanceOf(node) {
      const entry = byNode.get(node)
      if (entry === undefined) return 0n
      return entry.settlement.balanceOf(entry.address, new Uint8Array(20))
    },
    async feesPaid(nodes) {
      if (provider.feesPaid === undefined) return nodes.map(() => 0n)
      return provider.feesPaid(nodes.map((n) => byNode.get(n)?.address ?? new Uint8Array(20)))
    },
    async advanceTime(seconds) {
      await provider.advanceTime?.(seconds)
    },
    stop: () => provider.stop(),
  }
}
