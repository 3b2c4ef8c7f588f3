/**
 * Typed events of a Bazaar node. Listen with `node.addEventListener('job', (evt) => evt.detail)`.
 * Payloads carry ids and amounts, never job inputs, results or keys.
 */

import type { PeerId } from '@libp2p/interface'
import { TypedEventEmitter } from '@libp2p/interface'

export interface PeerEventDetail {
  peer: PeerId
  status: 'connected' | 'disconnected'
}

/** A job changed state, as client or as worker. States follow A2A's TaskState names. */
export interface JobEventDetail {
  /** Hex job id. */
  jobId: string
  role: 'client' | 'worker'
  peer: PeerId
  skill: string
  state: 'submitted' | 'working' | 'completed' | 'failed' | 'canceled' | 'rejected'
  price?: bigint
  /** `.name` of the error for failed, canceled and rejected jobs. */
  error?: string
}

/** Money moved on a channel (or a channel opened or closed). */
export interface PaymentEventDetail {
  /** Hex channel id. */
  channelId: string
  peer: PeerId
  direction: 'outbound' | 'inbound'
  /** `unlock`: an expired lock whose key never came was dropped; its amount is spendable again. */
  kind: 'open' | 'lock' | 'fold' | 'unlock' | 'close'
  amount: bigint
  /** Hex job id, for locks and folds. */
  jobId?: string
}

export interface BazaarNodeEvents {
  peer: CustomEvent<PeerEventDetail>
  job: CustomEvent<JobEventDetail>
  payment: CustomEvent<PaymentEventDetail>
}

/** The node's event target; services receive it to report what they do. */
export class BazaarEvents extends TypedEventEmitter<BazaarNodeEvents> {
  emitJob(detail: JobEventDetail): void {
    this.safeDispatchEvent('job', { detail })
  }

  emitPayment(detail: PaymentEventDetail): void {
    this.safeDispatchEvent('payment', { detail })
  }

  emitPeer(detail: PeerEventDetail): void {
    this.safeDispatchEvent('peer', { detail })
  }
}
