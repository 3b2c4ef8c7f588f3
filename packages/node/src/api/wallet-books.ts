/**
 * `ChannelBooks` over the wallet: channel views (the wallet's signed states beside the settlement
 * layer's record), and settlement: close every open channel with its best state, pay out those
 * whose dispute window is over, refund expired channels that never carried a payment.
 */
import type { ChannelRecord, Settlement, Wallet } from '@bazaar/wallet'
import { peerIdOfKey } from '../identity.js'
import type { ChannelBooks } from './bazaar-node-port.js'
import type { ChannelView, SettleOutcome } from './node-port.js'

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

/** Settlement refusals that mean the other side did the same step first. */
const RACE_LOST = /AlreadyPaidOut|NotOpen|AlreadyClosing|ChannelClosed/

export interface WalletBooksOptions {
  wallet: Wallet
  settlement: Settlement
  /** `evm-local`, `evm`, `ledger`. */
  kind: string
  /** Token the node's channels use (20 zero bytes: native coin). */
  token?: Uint8Array
}

function view(record: ChannelRecord): Omit<ChannelView, 'onChain'> {
  const latest = record.latest
  return {
    channelId: hex(record.channelId),
    peer: peerIdOfKey(record.remotePeerKey).toString(),
    role: record.role,
    deposit: record.capacity,
    sequence: latest?.sequence ?? 0n,
    cumulativePaid: latest?.cumulativePaid ?? 0n,
    lockedTotal: latest?.lockedTotal ?? 0n,
  }
}

/** Reads the payout of a paid-out channel from the settlement layer. */
async function payout(settlement: Settlement, record: ChannelRecord, refs: string[]): Promise<SettleOutcome> {
  const on = await settlement.getChannel(record.channelId)
  const toPayee = on === undefined || !on.paidOut ? 0n : on.cumulativePaid + on.claimed
  return {
    channelId: hex(record.channelId),
    peer: peerIdOfKey(record.remotePeerKey).toString(),
    toPayee,
    toPayer: on === undefined || !on.paidOut ? 0n : on.deposit - toPayee,
    claimed: on?.claimed ?? 0n,
    refs,
  }
}

export function walletBooks(options: WalletBooksOptions): ChannelBooks {
  const { wallet, settlement } = options
  const token = options.token ?? new Uint8Array(20)
  const channels = wallet.channels

  /** Pays out every closing channel whose window has ended (and refunds expired, unused ones). */
  const withdrawReady = async (filter: (r: ChannelRecord) => boolean): Promise<SettleOutcome[]> => {
    const now = await settlement.now()
    const out: SettleOutcome[] = []
    for (const record of channels.list().filter(filter)) {
      const on = await settlement.getChannel(record.channelId)
      if (on === undefined || on.paidOut) continue
      let step: (() => Promise<{ ref: string }>) | undefined
      if (on.status === 'closing' && now >= on.closeDeadline) step = () => channels.withdraw(record.channelId)
      else if (
        on.status === 'open' &&
        record.role === 'payer' &&
        record.latest === undefined &&
        now >= on.expiry + on.disputeWindow
      ) {
        step = () => channels.refund(record.channelId)
      }
      if (step === undefined) continue
      try {
        const tx = await step()
        out.push(await payout(settlement, record, [tx.ref]))
      } catch (error) {
        // Somebody paid it out first: the other side, or this node's own deadline timer
        // (`runDeadlines`). The payout happened all the same; report it without a reference.
        const after = await settlement.getChannel(record.channelId)
        if (after?.paidOut !== true) throw error
        out.push(await payout(settlement, record, []))
      }
    }
    return out
  }

  return {
    describe: () => ({
      kind: options.kind,
      chainId: settlement.chainId,
      account: `0x${hex(settlement.account)}`,
    }),
    balance: () => settlement.balanceOf(settlement.account, token),
    async list({ onChain }) {
      const records = channels.list()
      return Promise.all(
        records.map(async (record) => {
          const base = view(record)
          if (!onChain) return base
          const on = await settlement.getChannel(record.channelId)
          return {
            ...base,
            onChain:
              on === undefined
                ? undefined
                : {
                    status: on.status,
                    sequence: on.sequence,
                    cumulativePaid: on.cumulativePaid,
                    claimed: on.claimed,
                    deposit: on.deposit,
                    paidOut: on.paidOut,
                  },
          }
        }),
      )
    },
    async settle(peer) {
      const mine = (r: ChannelRecord): boolean =>
        peer === undefined || peerIdOfKey(r.remotePeerKey).toString() === peer
      const closing: string[] = []
      for (const record of channels.list().filter(mine)) {
        if (record.status !== 'open' || record.latest === undefined) continue
        // The other side may have closed first (our record learns it from the watcher).
        const on = await settlement.getChannel(record.channelId)
        if (on !== undefined && on.status !== 'open') {
          if (!on.paidOut) closing.push(hex(record.channelId))
          continue
        }
        try {
          const tx = await channels.closeChannel(record.channelId)
          if (tx !== undefined) closing.push(hex(record.channelId))
        } catch (error) {
          // Both sides closed at once and ours lost the race: the channel is closing all the same.
          if (RACE_LOST.test((error as Error).name)) {
            closing.push(hex(record.channelId))
            continue
          }
          const after = await settlement.getChannel(record.channelId)
          if (after === undefined || after.status === 'open') throw error
          if (!after.paidOut) closing.push(hex(record.channelId))
        }
      }
      // As payee: claim, while the window is open, every lock whose key we revealed but whose
      // payment the payer never folded (the delivery was paid for; the chain enforces it).
      for (const record of channels.list().filter(mine)) {
        if (record.role !== 'payee') continue
        const on = await settlement.getChannel(record.channelId)
        if (on?.status === 'closing' && !on.paidOut) await channels.claimLocks(record.channelId)
      }
      const paid = await withdrawReady(mine)
      const paidIds = new Set(paid.map((p) => p.channelId))
      // Closed now, payable once the dispute window ends (`bazaar withdraw`).
      const pending = channels
        .list()
        .filter((r) => closing.includes(hex(r.channelId)) && !paidIds.has(hex(r.channelId)))
        .map((r) => ({
          channelId: hex(r.channelId),
          peer: peerIdOfKey(r.remotePeerKey).toString(),
          toPayee: 0n,
          toPayer: 0n,
          refs: [],
        }))
      return [...paid, ...pending]
    },
    withdraw: () => withdrawReady(() => true),
  }
}
