/**
 * Settling channels: re-establish, unilateral close with the best state, challenge of a stale
 * close, lock claims, withdraw, refund, cooperative close, and `runDeadlines`, the timer a node
 * calls so that a payee closes before the channel (or a revealed lock) expires and everyone
 * withdraws when the dispute window ends. Settlement-agnostic: LocalLedger or a contract.
 */
import {
  bytesEqual,
  cooperativeCloseDigest,
  lockProof,
  secpRecoverAddress,
  secpSignDigest,
} from '@bazaar/protocol'
import type { SettlementEvent, SignedState, TxRef } from '../settlement/types.js'
import type { ChannelsInit } from './base.js'
import { Channels } from './channels.js'
import {
  BadUpdateSignatureError,
  ChannelBehindError,
  ChannelClosedError,
  InsufficientCapacityError,
} from './errors.js'
import { compareReestablish, type ReestablishResult, reestablishInfo } from './reestablish.js'
import type { ChannelRecord, ChannelReestablish, SignedUpdate } from './types.js'

/** Margins of `runDeadlines`, seconds. */
export interface DeadlineOptions {
  /** A payee closes this long before the channel's expiry (default 600). */
  closeBeforeExpiry?: bigint
  /** A payee closes this long before a lock it revealed expires unfolded (default 120). */
  closeBeforeLockExpiry?: bigint
}

/** What `runDeadlines` did for one channel. */
export interface DeadlineAction {
  channelId: Uint8Array
  action: 'close' | 'challenge' | 'claim' | 'withdraw' | 'refund'
  tx?: TxRef
  error?: Error
}

/** The signed state the settlement layer takes from an update. */
export function signedStateOf(u: SignedUpdate): SignedState {
  return {
    channelId: u.channelId,
    sequence: u.sequence,
    previousStateHash: u.previousStateHash,
    cumulativePaid: u.cumulativePaid,
    lockedTotal: u.lockedTotal,
    locksRoot: u.locksRoot,
    jobId: u.jobId,
    signature: u.signature,
  }
}

export class WalletChannels extends Channels {
  private readonly margins: Required<DeadlineOptions>

  constructor(init: ChannelsInit & { deadlines?: DeadlineOptions }) {
    super(init)
    this.margins = {
      closeBeforeExpiry: init.deadlines?.closeBeforeExpiry ?? 600n,
      closeBeforeLockExpiry: init.deadlines?.closeBeforeLockExpiry ?? 120n,
    }
  }

  /** Finishes opens a crash interrupted: funded ones become open, the others are dropped as closed. */
  async recoverOpening(): Promise<void> {
    for (const ch of this.list()) {
      if (!ch.opening) continue
      const on = await this.init.settlement.getChannel(ch.channelId)
      await this.put({ ...ch, opening: false, status: on === undefined ? 'closed' : 'open' })
    }
  }

  /** What to send the peer when the pay stream (re)opens. */
  reestablishInfo(channelId: Uint8Array): ChannelReestablish {
    return reestablishInfo(this.record(channelId))
  }

  /** Handles the peer's report: the payer gets updates to re-send, the payee learns if it is behind. */
  async handleReestablish(remote: ChannelReestablish): Promise<ReestablishResult> {
    const { result, next } = compareReestablish(this.init.store, this.record(remote.channelId), remote)
    if (next !== undefined) await this.put(next)
    return result
  }

  private async setStatus(ch: ChannelRecord, status: ChannelRecord['status']): Promise<void> {
    const now = this.record(ch.channelId)
    if (now.status !== status) await this.put({ ...now, status })
  }

  /**
   * Unilateral close with the best state this node holds: the payee's latest accepted update, the
   * payer's latest signed one. A payee that knows it is behind refuses (ChannelBehindError).
   */
  async closeChannel(channelId: Uint8Array): Promise<TxRef | undefined> {
    const ch = this.record(channelId)
    if (ch.status !== 'open') throw new ChannelClosedError(channelId)
    const have = ch.latest?.sequence ?? 0n
    if (ch.role === 'payee' && ch.behindUntil > have)
      throw new ChannelBehindError(channelId, have, ch.behindUntil)
    if (ch.latest === undefined) return undefined
    const tx = await this.init.settlement.close(signedStateOf(ch.latest))
    await this.setStatus(ch, 'closing')
    return tx
  }

  /** Answers a close with an older state by this node's newer one. */
  async challenge(channelId: Uint8Array): Promise<TxRef | undefined> {
    const ch = this.record(channelId)
    const on = await this.init.settlement.getChannel(channelId)
    if (ch.latest === undefined || on === undefined || on.status !== 'closing') return undefined
    if (on.sequence >= ch.latest.sequence) return undefined
    return this.init.settlement.challenge(signedStateOf(ch.latest))
  }

  /**
   * Payee: claims, during the dispute window, every unexpired lock whose preimage it holds. Locks
   * of the closing state, when this node holds that state, go through `claimLock`. When the
   * closing state is one this node never accepted and not older than its latest (a payer that
   * signed a newer state without a revealed lock and closed with it: no challenge can replace
   * it), the latest state's revealed locks are claimed against the latest state with
   * `claimLockFrom`; the payee is then paid at least the latest state's amount plus those locks
   * (an older closing state is challenged instead). A lock already claimed is skipped.
   */
  async claimLocks(channelId: Uint8Array): Promise<TxRef[]> {
    const ch = this.record(channelId, 'payee')
    const { settlement } = this.init
    const on = await settlement.getChannel(channelId)
    if (on === undefined || on.status !== 'closing') return []
    const { latest } = ch
    const stored =
      latest !== undefined && bytesEqual(latest.locksRoot, on.locksRoot)
        ? latest
        : this.init.store.update(channelId, on.sequence)?.update
    const closing = stored !== undefined && bytesEqual(stored.locksRoot, on.locksRoot) ? stored : undefined
    const now = await settlement.now()
    if (now >= on.closeDeadline) return [] // too late (a replayed event after a restart)
    const txs: TxRef[] = []
    const claim = async (state: SignedUpdate, from: boolean): Promise<void> => {
      for (const [i, lock] of state.locks.entries()) {
        const preimage = this.preimageOf(lock.hash)
        if (preimage === undefined || lock.expiry <= now) continue
        const proof = lockProof(state.locks, i)
        try {
          txs.push(
            await (from
              ? settlement.claimLockFrom(signedStateOf(state), lock, preimage, proof)
              : settlement.claimLock(channelId, lock, preimage, proof)),
          )
        } catch (err) {
          if ((err as { rule?: unknown }).rule !== 'LockClaimed') throw err
        }
      }
    }
    if (closing !== undefined) await claim(closing, false)
    // A closing state this node never accepted, yet not older than its latest: no challenge can
    // replace it, so the latest state's revealed locks are claimed against the latest state.
    else if (latest !== undefined && on.sequence >= latest.sequence) await claim(latest, true)
    return txs
  }

  /** After the dispute window: pays out (either side may call it). */
  async withdraw(channelId: Uint8Array): Promise<TxRef> {
    const ch = this.record(channelId)
    const tx = await this.init.settlement.withdraw(channelId)
    await this.setStatus(ch, 'closed')
    return tx
  }

  /** Payer: the whole deposit back after `expiry + disputeWindow` when nobody closed. */
  async refund(channelId: Uint8Array): Promise<TxRef> {
    const ch = this.record(channelId, 'payer')
    const tx = await this.init.settlement.refund(channelId)
    await this.setStatus(ch, 'closed')
    return tx
  }

  /** Payee: its settlement signature on a cooperative close paying it the latest cumulative amount. */
  signCooperativeClose(channelId: Uint8Array): {
    sequence: bigint
    payeeAmount: bigint
    signature: Uint8Array
  } {
    const ch = this.record(channelId, 'payee')
    const sequence = ch.latest?.sequence ?? 0n
    const payeeAmount = ch.latest?.cumulativePaid ?? 0n
    const digest = cooperativeCloseDigest(this.domain, { channelId, sequence, payeeAmount })
    return { sequence, payeeAmount, signature: secpSignDigest(this.init.settlementKey.privateKey, digest) }
  }

  /** Payer: completes a cooperative close with the payee's signature; pays out at once. */
  async cooperativeClose(
    channelId: Uint8Array,
    payee: { sequence: bigint; payeeAmount: bigint; signature: Uint8Array },
  ): Promise<TxRef> {
    const ch = this.record(channelId, 'payer')
    const close = { channelId, sequence: payee.sequence, payeeAmount: payee.payeeAmount }
    const digest = cooperativeCloseDigest(this.domain, close)
    let signer: Uint8Array
    try {
      signer = secpRecoverAddress(digest, payee.signature)
    } catch (cause) {
      throw new BadUpdateSignatureError(channelId, 'cooperative close', payee.sequence, { cause })
    }
    if (!bytesEqual(signer, ch.payee)) throw new BadUpdateSignatureError(channelId, 'cooperative close')
    const paid = ch.latest?.cumulativePaid ?? 0n
    // The payee may ask for what was paid, not for what is still locked.
    if (payee.payeeAmount > paid) throw new InsufficientCapacityError(channelId, payee.payeeAmount, paid)
    const payerSignature = secpSignDigest(this.init.settlementKey.privateKey, digest)
    const tx = await this.init.settlement.cooperativeClose({
      ...close,
      payerSignature,
      payeeSignature: payee.signature,
    })
    await this.setStatus(ch, 'closed')
    return tx
  }

  /** Payer: adds to the deposit; the capacity grows once the settlement layer confirmed it. */
  async topUp(channelId: Uint8Array, amount: bigint): Promise<TxRef> {
    this.record(channelId, 'payer')
    const tx = await this.init.settlement.topUp(channelId, amount)
    const on = await this.init.settlement.getChannel(channelId)
    const ch = this.record(channelId)
    if (on !== undefined && on.deposit > ch.capacity) await this.put({ ...ch, capacity: on.deposit })
    return tx
  }

  /**
   * Reacts to the settlement layer's events: tracks closes; a payee challenges a stale close at
   * once and, when the other side closed or challenged, claims its revealed locks at once (with
   * `claimLockFrom` when the closing state dropped them); a payer learns the preimage of a lock the
   * payee claimed on chain (a `lock-revealed` event), so it can still open what it paid for.
   */
  async onSettlementEvent(event: SettlementEvent): Promise<void> {
    const ch = this.get(event.channelId)
    if (ch === undefined) return
    if (event.type === 'topped-up') {
      if (event.deposit > ch.capacity) {
        await this.put({ ...ch, capacity: event.deposit })
        this.init.emit('channel-topped-up', { channelId: ch.channelId, capacity: event.deposit })
      }
      return
    }
    if (event.type === 'closing' || event.type === 'challenged') {
      if (ch.status === 'open') await this.setStatus(ch, 'closing')
      if (event.type === 'closing')
        this.init.emit('channel-closing', { channelId: ch.channelId, sequence: event.sequence, by: event.by })
      if (ch.role === 'payee' && ch.latest !== undefined && event.sequence < ch.latest.sequence) {
        await this.challenge(ch.channelId)
      }
      const revealed = ch.latest?.locks.some((l) => this.preimageOf(l.hash) !== undefined) ?? false
      if (ch.role === 'payee' && revealed && !bytesEqual(event.by, this.init.settlement.account)) {
        await this.claimLocks(ch.channelId)
      }
    } else if (event.type === 'lock-claimed') {
      const locked = ch.latest?.locks.some((l) => bytesEqual(l.hash, event.lockHash)) ?? false
      if (ch.role === 'payer' && locked && this.preimageOf(event.lockHash) === undefined) {
        await this.recordPreimage(ch.channelId, event.preimage)
      }
    } else if (event.type === 'paid-out') {
      await this.setStatus(ch, 'closed')
      this.init.emit('channel-closed', {
        channelId: ch.channelId,
        toPayee: event.toPayee,
        toPayer: event.toPayer,
      })
    }
  }

  /**
   * The timer's work: a payee closes an open channel near its expiry, or near the expiry of a
   * lock it revealed but that was not folded; claims its locks; anyone withdraws once the window
   * ended; a payer refunds an expired channel nobody closed. Errors are reported, not thrown.
   */
  async runDeadlines(): Promise<DeadlineAction[]> {
    const { settlement } = this.init
    const now = await settlement.now()
    const actions: DeadlineAction[] = []
    const attempt = async (
      ch: ChannelRecord,
      action: DeadlineAction['action'],
      fn: () => Promise<unknown>,
    ) => {
      try {
        const out = await fn()
        const tx = Array.isArray(out) ? (out[0] as TxRef | undefined) : (out as TxRef | undefined)
        if (tx !== undefined || (action !== 'claim' && action !== 'challenge'))
          actions.push({ channelId: ch.channelId, action, ...(tx ? { tx } : {}) })
      } catch (error) {
        actions.push({ channelId: ch.channelId, action, error: error as Error })
      }
    }
    for (const listed of this.list()) {
      if (listed.status === 'closed' || listed.opening) continue
      // The settlement layer is the truth: a close by the other side may not have reached us.
      const on = await settlement.getChannel(listed.channelId)
      if (on === undefined) continue
      if (on.paidOut) {
        await this.setStatus(listed, 'closed')
        continue
      }
      if (on.status === 'closing') await this.setStatus(listed, 'closing')
      const synced = this.record(listed.channelId)
      if (on.deposit > synced.capacity) await this.put({ ...synced, capacity: on.deposit }) // a missed top-up
      const ch = this.record(listed.channelId)
      if (ch.status === 'open') {
        if (ch.role === 'payee' && ch.latest !== undefined && this.payeeMustClose(ch, now)) {
          await attempt(ch, 'close', () => this.closeChannel(ch.channelId))
          if (ch.latest.locks.length > 0) await attempt(ch, 'claim', () => this.claimLocks(ch.channelId))
        } else if (ch.role === 'payer' && now >= ch.expiry + ch.disputeWindow) {
          await attempt(ch, 'refund', () => this.refund(ch.channelId))
        }
      } else if (now >= on.closeDeadline) {
        await attempt(ch, 'withdraw', () => this.withdraw(ch.channelId))
      } else if (ch.role === 'payee') {
        if (
          ch.latest !== undefined &&
          on.sequence < ch.latest.sequence &&
          ch.behindUntil <= ch.latest.sequence
        ) {
          await attempt(ch, 'challenge', () => this.challenge(ch.channelId))
        }
        await attempt(ch, 'claim', () => this.claimLocks(ch.channelId))
      }
    }
    return actions
  }

  private payeeMustClose(ch: ChannelRecord, now: bigint): boolean {
    if (ch.latest === undefined) return false
    const valuable = ch.latest.cumulativePaid > 0n || ch.latest.locks.some((l) => this.preimageOf(l.hash))
    if (!valuable) return false
    if (now + this.margins.closeBeforeExpiry >= ch.expiry) return true
    return ch.latest.locks.some(
      (l) => this.preimageOf(l.hash) !== undefined && now + this.margins.closeBeforeLockExpiry >= l.expiry,
    )
  }
}
