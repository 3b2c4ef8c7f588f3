/**
 * Prometheus metrics served at `/metrics`: Bazaar's own counters (jobs, payments, reputation,
 * API requests) in one registry, which libp2p's metrics (`@libp2p/prometheus-metrics`, passed to
 * the node at creation) also write into, so one scrape sees both.
 */
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client'
import type { MarketNode, NodeEvent } from './node-port.js'

export interface BazaarMetrics {
  readonly registry: Registry
  /** Counts one API request. */
  request(route: string, status: number): void
  /** Follows a node's events until the returned function is called. */
  follow(node: MarketNode): () => void
}

/** Creates the registry and Bazaar's counters (process metrics included). */
export function createMetrics(registry: Registry = new Registry()): BazaarMetrics {
  collectDefaultMetrics({ register: registry, prefix: 'bazaar_' })
  const jobsServed = new Counter({
    name: 'bazaar_jobs_served_total',
    help: 'Jobs this node delivered and was paid for, by skill',
    labelNames: ['skill'],
    registers: [registry],
  })
  const jobsHired = new Counter({
    name: 'bazaar_jobs_hired_total',
    help: 'Jobs this node hired out and received, by skill',
    labelNames: ['skill'],
    registers: [registry],
  })
  const jobsFailed = new Counter({
    name: 'bazaar_jobs_failed_total',
    help: 'Jobs that failed, by side and reason (error name)',
    labelNames: ['side', 'reason'],
    registers: [registry],
  })
  const paid = new Counter({
    name: 'bazaar_payments_sent_base_units_total',
    help: 'Base units this node paid through its channels',
    registers: [registry],
  })
  const received = new Counter({
    name: 'bazaar_payments_received_base_units_total',
    help: 'Base units this node was paid through its channels',
    registers: [registry],
  })
  const attestations = new Counter({
    name: 'bazaar_reputation_attestations_total',
    help: 'Valid attestations this node accepted from gossip or sync',
    registers: [registry],
  })
  const requests = new Counter({
    name: 'bazaar_api_requests_total',
    help: 'Control API requests, by route and status',
    labelNames: ['route', 'status'],
    registers: [registry],
  })
  const up = new Gauge({ name: 'bazaar_up', help: '1 while the node runs', registers: [registry] })
  up.set(1)

  const onEvent = (event: NodeEvent): void => {
    switch (event.type) {
      case 'job:served':
        jobsServed.inc({ skill: event.skill })
        break
      case 'job:hired':
        jobsHired.inc({ skill: event.skill })
        break
      case 'job:failed':
        jobsFailed.inc({ side: event.side, reason: event.reason })
        break
      case 'payment:sent':
        paid.inc(Number(event.amount))
        break
      case 'payment:received':
        received.inc(Number(event.amount))
        break
      case 'attestation':
        attestations.inc()
        break
    }
  }

  return {
    registry,
    request(route, status) {
      requests.inc({ route, status: String(status) })
    },
    follow(node) {
      return node.onEvent(onEvent)
    },
  }
}
