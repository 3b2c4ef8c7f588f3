/**
 * A node thread of the simulation: starts the nodes the calling thread asks for, serves calls to
 * them, and forwards their events. Loaded by `NodeThreads` as a worker; not an import.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { EvmSettlement } from '@bazaar/wallet'
import type { MarketNode } from '../api/node-port.js'
import { loadIdentity } from '../cli/identity.js'
import { createLogger } from '../cli/logger.js'
import { type SimSkill, simHandler } from './behaviours.js'
import { startSimNode } from './sim-node.js'
import { type ThreadInit, type ThreadMessage, type ThreadRequest, toWireError } from './thread-protocol.js'

const port = parentPort
if (port === null) throw new Error('thread-host.ts runs as a worker thread')
const init = workerData as ThreadInit
const log = init.logLevel === 'silent' ? undefined : createLogger(init.logLevel, 'bazaar:sim')
const contract = new Uint8Array(Buffer.from(init.connection.contract.replace(/^0x/, ''), 'hex'))
const token =
  init.connection.token === undefined
    ? undefined
    : new Uint8Array(Buffer.from(init.connection.token.replace(/^0x/, ''), 'hex'))
const nodes = new Map<number, MarketNode>()
const post = (message: ThreadMessage): void => port.postMessage(message)

async function handle(request: ThreadRequest): Promise<unknown> {
  if (request.op === 'start') {
    const { params } = request
    const identity = await loadIdentity(params.dataDir, undefined)
    const settlement = await EvmSettlement.connect({
      rpcUrl: init.connection.rpcUrl,
      chainId: init.connection.chainId,
      contract,
      privateKey: identity.keys.settlementKey.privateKey,
      ...(token === undefined ? {} : { token }),
      ...(init.connection.pollingIntervalMs === undefined
        ? {}
        : { pollingIntervalMs: init.connection.pollingIntervalMs }),
    })
    const node = await startSimNode(params, identity, settlement, init.settlementKind, log)
    node.onEvent((event) => post({ op: 'event', node: params.index, event }))
    nodes.set(params.index, node)
    return { peerId: node.peerId, addresses: node.addresses() }
  }
  const node = nodes.get(request.node)
  if (node === undefined) throw new RangeError(`no running node ${request.node} in this thread`)
  const args = request.args
  switch (request.method) {
    case 'advertise':
      return node.advertise(
        args[0] as Parameters<MarketNode['advertise']>[0],
        simHandler(args[1] as SimSkill),
      )
    case 'stop':
      nodes.delete(request.node)
      return node.stop()
    default: {
      const method = node[request.method] as (...a: unknown[]) => Promise<unknown>
      return method.apply(node, args)
    }
  }
}

port.on('message', (request: ThreadRequest) => {
  handle(request).then(
    (value) => post({ op: 'reply', id: request.id, ok: true, value }),
    (error: unknown) => post({ op: 'reply', id: request.id, ok: false, error: toWireError(error) }),
  )
})
