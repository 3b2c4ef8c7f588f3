/**
 * The channel book of one node: every channel record and known preimage, in memory and in the
 * store, with the queries the node and its CLI use. Records are replaced, never edited: a record
 * handed to the store is serialised when its batch commits.
 */
import { bytesEqual, type PeerKeyPair, type SettlementDomain, type SettlementKeyPair } from '@bazaar/protocol'
import type { Settlement } from '../settlement/types.js'
import { hex } from '../store/records.js'
import type { WalletStore } from '../store/wallet-store.js'
import { ChannelUnknownError, NotPartyChannelError } from './errors.js'
import { DEFAULT_MAX_LOCKS } from './rules.js'
import type { ChannelBalance, ChannelRecord, ChannelRole, SignedUpdate, UpdateRecord } from './types.js'

/** Events a wallet dispatches (CustomEvent `detail`). */
export interface WalletEvents {
  'channel-opened': { channelId: Uint8Array; role: ChannelRole; remotePeerKey: Uint8Array; capacity: bigint }
  'update-created': { channelId: Uint8Array; update: SignedUpdate }
  'update-accepted': { channelId: Uint8Array; update: SignedUpdate; stateHash: Uint8Array }
  'ack-received': { channelId: Uint8Array; sequence: bigint }
  'lock-revealed': { channelId: Uint8Array; hash: Uint8Array; preimage: Uint8Array }
  'channel-topped-up': { channelId: Uint8Array; capacity: bigint }
  'channel-closing': { channelId: Uint8Array; sequence: bigint; by: Uint8Array }
  'channel-closed': { channelId: Uint8Array; toPayee: bigint; toPayer: bigint }
}

export type Emit = <K extends keyof WalletEvents>(type: K, detail: WalletEvents[K]) => void

export interface ChannelsInit {
  store: WalletStore
  settlement: Settlement
  peerKey: PeerKeyPair
  settlementKey: SettlementKeyPair
  emit: Emit
  /** Unix seconds used for expiry checks (default: the system clock). */
  clock?: () => bigint
  maxLocks?: number
  /**
   * 20-byte tokens (20 zero bytes: native coin) the payee side accepts channels funded in.
   * Default: the settlement's configured `token` when it has one, else the native coin only.
   */
  acceptTokens?: readonly Uint8Array[]
  /** Smallest deposit the payee side accepts a channel with (default 1: an empty channel pays nothing). */
  minCapacity?: bigint
}

const NATIVE_TOKEN = new Uint8Array(20)

/** The tokens a payee accepts: `acceptTokens`, else the settlement's token, else native only. */
export function acceptedTokensOf(init: Pick<ChannelsInit, 'acceptTokens' | 'settlement'>): Uint8Array[] {
  const tokens = init.acceptTokens ?? [init.settlement.token ?? NATIVE_TOKEN]
  if (tokens.length === 0) throw new RangeError('acceptTokens must name at least one token')
  for (const t of tokens) {
    if (!(t instanceof Uint8Array) || t.byteLength !== 20) {
      throw new RangeError('acceptTokens must hold 20-byte addresses')
    }
  }
  return tokens.map((t) => Uint8Array.from(t))
}

/** One lock of the latest state, with its preimage when this node knows it. */
export interface LockView {
  hash: Uint8Array
  amount: bigint
  expiry: bigint
  jobId: Uint8Array
  preimage: Uint8Array | undefined
}

export class ChannelBook {
  protected readonly records = new Map<string, ChannelRecord>()
  protected readonly preimages = new Map<string, Uint8Array>()
  readonly domain: SettlementDomain
  protected readonly clock: () => bigint
  protected readonly maxLocks: number
  /** Payee: tokens a channel may be funded in. */
  protected readonly accepted: readonly Uint8Array[]
  protected readonly minCapacity: bigint

  constructor(protected readonly init: ChannelsInit) {
    this.domain = { chainId: init.settlement.chainId, contract: init.settlement.contract }
    this.clock = init.clock ?? (() => BigInt(Math.floor(Date.now() / 1000)))
    this.maxLocks = init.maxLocks ?? DEFAULT_MAX_LOCKS
    this.accepted = acceptedTokensOf(init)
    this.minCapacity = init.minCapacity ?? 1n
    for (const r of init.store.channels()) this.records.set(hex(r.channelId), r)
    for (const p of init.store.preimages()) this.preimages.set(hex(p.hash), p.preimage)
  }

  protected record(channelId: Uint8Array, role?: ChannelRole): ChannelRecord {
    const r = channelId instanceof Uint8Array ? this.records.get(hex(channelId)) : undefined
    if (r === undefined)
      throw new ChannelUnknownError(channelId instanceof Uint8Array ? channelId : undefined)
    if (role !== undefined && r.role !== role) {
      throw new NotPartyChannelError(channelId, `this node is the ${r.role} of this channel, not the ${role}`)
    }
    return r
  }

  /** Replaces a record in memory at once and resolves when it is committed. */
  protected put(next: ChannelRecord): Promise<void> {
    this.records.set(hex(next.channelId), next)
    return this.init.store.putChannel(next)
  }

  /**
   * Replaces a record in memory at once and writes it with the next commit, without one of its
   * own: only for what a crash may lose because it is learnt again. A failed commit is reported
   * to the writes that wait on it (the store refuses everything after one).
   */
  protected putLazily(next: ChannelRecord): void {
    this.records.set(hex(next.channelId), next)
    this.init.store.putChannel(next, { lazy: true }).catch(() => {})
  }

  /** Payer: opens and funds a channel through the settlement layer, returns the signed open to send. */

  /** The preimage of a lock hash, if this node knows it. */
  preimageOf(hash: Uint8Array): Uint8Array | undefined {
    return this.preimages.get(hex(hash))
  }

  /** One channel as this node holds it. */
  get(channelId: Uint8Array): ChannelRecord | undefined {
    return this.records.get(hex(channelId))
  }

  /**
   * The 20-byte tokens (20 zero bytes: native coin) this node accepts channels funded in, in
   * order of preference: what its agent card's `PaymentTerms.token` should name.
   */
  acceptedTokens(): Uint8Array[] {
    return this.accepted.map((t) => Uint8Array.from(t))
  }

  /** Whether the payee side accepts channels funded in `token`. */
  acceptsToken(token: Uint8Array): boolean {
    return this.accepted.some((t) => bytesEqual(t, token))
  }

  /** Every channel. */
  list(): ChannelRecord[] {
    return [...this.records.values()]
  }

  /** Channels with a peer (its Ed25519 key), optionally of one role. */
  byPeer(peerKey: Uint8Array, role?: ChannelRole): ChannelRecord[] {
    return this.list().filter(
      (r) => bytesEqual(r.remotePeerKey, peerKey) && (role === undefined || r.role === role),
    )
  }

  /** Updates of a channel, oldest first. */
  history(channelId: Uint8Array, from = 1n, to?: bigint): UpdateRecord[] {
    this.record(channelId)
    return this.init.store.updates(channelId, from, to)
  }

  /** Locks outstanding in the latest state, with the preimage when known. */
  locks(channelId: Uint8Array): LockView[] {
    return (this.record(channelId).latest?.locks ?? []).map((l) => ({
      ...l,
      preimage: this.preimageOf(l.hash),
    }))
  }

  /** Money in a channel. */
  balance(channelId: Uint8Array): ChannelBalance {
    const ch = this.record(channelId)
    const paid = ch.latest?.cumulativePaid ?? 0n
    const locked = ch.latest?.lockedTotal ?? 0n
    return { capacity: ch.capacity, paid, locked, available: ch.capacity - paid - locked }
  }
}
