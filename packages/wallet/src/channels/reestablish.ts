/**
 * Re-establishing a channel when a pay stream (re)opens: both sides report their last sequence
 * and state hash. The payer re-sends what the payee lacks (it persisted every update before
 * sending it, so it holds them all); a payee that learns it is behind marks itself so, and
 * refuses to close until it has caught up (closing with a stale state would lose money to the
 * payer's challenge, and is what Lightning forbids).
 */
import { bytesEqual } from '@bazaar/protocol'
import type { WalletStore } from '../store/wallet-store.js'
import { ChannelDesyncError } from './errors.js'
import type { ChannelRecord, ChannelReestablish, SignedUpdate } from './types.js'

/** The outcome of a peer's re-establish message. */
export type ReestablishResult =
  | { status: 'ok' }
  /** Payer: send these updates, in order. */
  | { status: 'resend'; updates: SignedUpdate[] }
  /** Payee: the payer holds up to `until`; expect the re-sent updates. */
  | { status: 'behind'; until: bigint }

/** What this side reports for a channel. */
export function reestablishInfo(ch: ChannelRecord): ChannelReestablish {
  return { channelId: ch.channelId, lastSequence: ch.latest?.sequence ?? 0n, lastStateHash: ch.stateHash }
}

function hashAt(store: WalletStore, ch: ChannelRecord, sequence: bigint): Uint8Array | undefined {
  if (sequence === 0n) return ch.channelId
  if (sequence === ch.latest?.sequence) return ch.stateHash
  return store.update(ch.channelId, sequence)?.stateHash
}

/**
 * Compares the peer's report with this side's record. Returns what to do and the record to
 * persist (the payer learns the payee's position; the payee records that it is behind).
 */
export function compareReestablish(
  store: WalletStore,
  ch: ChannelRecord,
  remote: ChannelReestablish,
): { result: ReestablishResult; next: ChannelRecord | undefined } {
  const mine = ch.latest?.sequence ?? 0n
  if (ch.role === 'payer') {
    if (remote.lastSequence > mine) {
      throw new ChannelDesyncError(
        ch.channelId,
        `payee reports ${remote.lastSequence}, this payer signed only ${mine}`,
      )
    }
    const hash = hashAt(store, ch, remote.lastSequence)
    if (hash === undefined || !bytesEqual(hash, remote.lastStateHash)) {
      throw new ChannelDesyncError(ch.channelId, `state hash at ${remote.lastSequence} differs`)
    }
    const next = remote.lastSequence > ch.acked ? { ...ch, acked: remote.lastSequence } : undefined
    if (remote.lastSequence === mine) return { result: { status: 'ok' }, next }
    const updates = store.updates(ch.channelId, remote.lastSequence + 1n, mine).map((r) => r.update)
    if (updates.length !== Number(mine - remote.lastSequence)) {
      throw new ChannelDesyncError(ch.channelId, "updates missing from this payer's history")
    }
    return { result: { status: 'resend', updates }, next }
  }
  if (remote.lastSequence > mine) {
    const next =
      remote.lastSequence > ch.behindUntil ? { ...ch, behindUntil: remote.lastSequence } : undefined
    return { result: { status: 'behind', until: remote.lastSequence }, next }
  }
  const hash = hashAt(store, ch, remote.lastSequence)
  if (hash === undefined || !bytesEqual(hash, remote.lastStateHash)) {
    throw new ChannelDesyncError(ch.channelId, `state hash at ${remote.lastSequence} differs`)
  }
  if (remote.lastSequence < mine) {
    // The payer lost updates it signed: this payee keeps its newer state (signed by the payer).
    throw new ChannelDesyncError(
      ch.channelId,
      `payer reports ${remote.lastSequence}, this payee holds ${mine}`,
    )
  }
  return { result: { status: 'ok' }, next: ch.behindUntil !== 0n ? { ...ch, behindUntil: 0n } : undefined }
}
