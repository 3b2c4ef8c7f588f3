/**
 * Composes one runnable node from parts: identity, wallet over a settlement, the Bazaar libp2p
 * node with the reputation service, and the `MarketNode` port the control API and the
 * simulation use. `bazaar start` and `bazaar sim` both build their nodes here.
 */
import { openWallet, type Settlement } from '@bazaar/wallet'
import { prometheusMetrics } from '@libp2p/prometheus-metrics'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import { fromBazaarNode } from '../api/bazaar-node-port.js'
import type { MarketNode } from '../api/node-port.js'
import { walletBooks } from '../api/wallet-books.js'
import { type BazaarLimits, type BazaarNodeOptions, createBazaarNode } from '../node.js'
import { type ReputationService, reputation } from '../reputation/service.js'
import type { BazaarConfig } from './config.js'
import { loadIdentity, type NodeIdentity } from './identity.js'
import { openSettlementProvider } from './settlement.js'

export interface AssembleOptions {
  dataDir: string
  /** Agent name shown in the node's signed card. */
  name: string
  description?: string
  identity: NodeIdentity
  listen: string[]
  bootstrap: string[]
  /** Acting as the identity's settlement account; owned by the caller. */
  settlement: Settlement
  settlementKind: string
  /** Peers whose attestations anchor this node's trust computation. */
  preTrusted?: string[]
  channels: { deposit: bigint; ttlSeconds: bigint; disputeWindowSeconds: bigint }
  spending?: { perJob: bigint; perPeer: bigint; perDay: bigint }
  /** Unix seconds shared with the settlement (a local ledger's movable clock). */
  clock?: () => bigint
  /** Grace period of `stop()` for in-flight jobs, ms (0: a crash-like stop). */
  stopGraceMs?: number
  /** Runs after the node and wallet stopped (e.g. stop the settlement). */
  onStop?: () => Promise<void>
  logger?: Logger
  /** libp2p's metrics implementation, passed to createBazaarNode. */
  metrics?: BazaarNodeOptions['metrics']
  /** Where the peer store and DHT records live (createBazaarNode's `peerStore`). */
  peerStore?: BazaarNodeOptions['peerStore']
  /** Protocol and connection limits (createBazaarNode's `limits`). */
  limits?: BazaarLimits
}

/** Creates, starts and wraps one node. */
export async function assembleNode(options: AssembleOptions): Promise<MarketNode> {
  const wallet = await openWallet({
    dataDir: options.dataDir,
    settlement: options.settlement,
    keys: options.identity.keys,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  })
  let node: Awaited<ReturnType<typeof createBazaarNode>>
  try {
    node = await createBazaarNode({
      dataDir: options.dataDir,
      name: options.name,
      ...(options.description === undefined ? {} : { description: options.description }),
      listen: options.listen,
      bootstrap: options.bootstrap,
      privateKey: options.identity.privateKey,
      ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
      ...(options.peerStore === undefined ? {} : { peerStore: options.peerStore }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      // The node names the wallet structurally (WalletLike); the wallet's status type is wider
      // ('opening'), which the pay service never sees on a channel it uses.
      wallet: wallet as unknown as NonNullable<BazaarNodeOptions['wallet']>,
      channels: {
        deposit: options.channels.deposit,
        channelTtlS: options.channels.ttlSeconds,
        disputeWindowS: options.channels.disputeWindowSeconds,
      },
      ...(options.spending === undefined
        ? {}
        : {
            spending: {
              maxPerJob: options.spending.perJob,
              maxPerPeerPerDay: options.spending.perPeer,
              maxPerDay: options.spending.perDay,
            },
          }),
      services: {
        reputation: reputation({
          dataDir: options.dataDir,
          ...(options.preTrusted === undefined ? {} : { preTrusted: options.preTrusted }),
        }) as never,
      },
    })
    await node.start()
  } catch (error) {
    await wallet.close()
    throw error
  }
  const rep = (node.libp2p.services as unknown as { reputation: ReputationService }).reputation
  node.skills.setRank((candidates) => rep.rank(candidates))
  options.logger?.info({ peerId: node.peerId.toString() }, 'node started')
  return fromBazaarNode({
    node,
    reputation: rep,
    books: walletBooks({ wallet, settlement: options.settlement, kind: options.settlementKind }),
    ...(options.stopGraceMs === undefined ? {} : { stopGraceMs: options.stopGraceMs }),
    onStop: async () => {
      await wallet.close()
      await options.onStop?.()
    },
  })
}

/** What `bazaar start` runs: the configured node on the configured settlement. */
export async function startConfiguredNode(
  config: BazaarConfig,
  options: { logger?: Logger; metricsRegistry?: Registry } = {},
): Promise<{ node: MarketNode; settlement: string }> {
  const identity = await loadIdentity(config.dataDir)
  const provider = await openSettlementProvider(config.chain.settlement, {
    dataDir: config.dataDir,
    ...(config.chain.chainId === undefined ? {} : { chainId: config.chain.chainId }),
    ...(config.chain.contract === undefined ? {} : { contract: config.chain.contract }),
    ...(config.chain.token === undefined ? {} : { token: config.chain.token }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  })
  try {
    const address = identity.keys.settlementKey.address
    // A local chain or ledger starts empty: give this node something to open channels with.
    await provider.fund?.([address], config.channels.capacity * 100n)
    const settlement = await provider.forAccount(address, identity.keys.settlementKey.privateKey)
    const node = await assembleNode({
      dataDir: config.dataDir,
      name: config.name,
      ...(config.description === undefined ? {} : { description: config.description }),
      identity,
      listen: config.listen,
      bootstrap: config.bootstrap,
      settlement,
      settlementKind: provider.kind,
      channels: {
        deposit: config.channels.capacity,
        ttlSeconds: config.channels.ttlSeconds,
        disputeWindowSeconds: config.channels.disputeWindowSeconds,
      },
      spending: config.spending,
      // libp2p's own metrics land in the control API's /metrics registry beside Bazaar's.
      ...(options.metricsRegistry === undefined
        ? {}
        : {
            metrics: prometheusMetrics({ registry: options.metricsRegistry, collectDefaultMetrics: false }),
          }),
      onStop: async () => {
        await settlement.stop()
        await provider.stop()
      },
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    })
    return { node, settlement: `${provider.kind} chain ${provider.chainId} contract ${provider.contract}` }
  } catch (error) {
    await provider.stop()
    throw error
  }
}
