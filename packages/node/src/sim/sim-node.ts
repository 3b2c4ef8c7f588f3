/**
 * One simulated node, the same composition as `bazaar start` (`assembleNode`), with the
 * simulation's channel terms and the settings of many nodes sharing a process. Both the calling
 * thread and the node threads (`thread-host.ts`) start their nodes here.
 */
import type { Settlement } from '@bazaar/wallet'
import type { Logger } from 'pino'
import type { MarketNode } from '../api/node-port.js'
import { assembleNode } from '../cli/assemble.js'
import type { NodeIdentity } from '../cli/identity.js'
import type { SimNodeParams } from './environment.js'

/** Funds of each simulated account (deposits of all its channels fit many times). */
export const SIM_FUNDS = 10n ** 12n
/** Dispute window of simulated channels, seconds (time is moved past it at settlement). */
export const SIM_DISPUTE_WINDOW_S = 60n
/** Lifetime of simulated channels, seconds. */
export const SIM_CHANNEL_TTL_S = 3_600n

/** Starts a node acting as `identity` on `settlement` (which the node stops when it stops). */
export function startSimNode(
  params: SimNodeParams,
  identity: NodeIdentity,
  settlement: Settlement,
  settlementKind: string,
  logger?: Logger,
): Promise<MarketNode> {
  return assembleNode({
    dataDir: params.dataDir,
    name: params.name,
    identity,
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap: params.bootstrap,
    settlement,
    settlementKind,
    preTrusted: params.preTrusted,
    channels: {
      deposit: params.channelCapacity,
      ttlSeconds: SIM_CHANNEL_TTL_S,
      disputeWindowSeconds: SIM_DISPUTE_WINDOW_S,
    },
    spending: { perJob: params.maxJobPrice, perPeer: SIM_FUNDS, perDay: SIM_FUNDS },
    stopGraceMs: 1_000,
    // Many nodes share one process on loopback: keep peer stores in memory (a file write per
    // update otherwise costs a tenth of the CPU at N = 100), and no liveness pings (a stopped
    // node's sockets close at once on loopback; the pings cost half the idle CPU at N = 50).
    peerStore: 'memory',
    limits: { connectionPingIntervalMs: 0 },
    onStop: () => settlement.stop(),
    ...(logger === undefined ? {} : { logger }),
  })
}
