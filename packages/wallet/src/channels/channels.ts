/**
 * The channel state machine of one node, payer and payee side. The working set lives in memory;
 * every change is written through the store's group commit and the call resolves only after its
 * commit: a payer's update is durable before it can be sent (a crash never reuses a sequence), a
 * payee's acceptance is durable before its ack is signed. State advances synchronously before
 * the commit, so many updates can be in flight on one channel and share one fsync.
 */
import { randomBytes } from 'node:crypto'
import { assetOf, bytesEqual, channelIdOf, keccak256, parseAsset } from '@bazaar/protocol'
import { hex } from '../store/records.js'
import { ChannelBook } from './base.js'
import { signAck, signOpen, signUpdateState, verifyAck, verifyOpen } from './codec.js'
import {
  BadUpdateSignatureError,
  ChannelExpiredError,
  ChannelUnknownError,
  channelErrorCode,
  InsufficientCapacityError,
  LockInvalidError,
  MalformedChannelMessageError,
  NotPartyChannelError,
  OpenMismatchError,
  TokenNotAcceptedError,
  WrongNetworkError,
} from './errors.js'
import { nextState, validateUpdate } from './rules.js'
import type {
  ChannelAck,
  ChannelOpen,
  ChannelRecord,
  SignedUpdate,
  UpdateRecord,
  UpdateRequest,
} from './types.js'

/** What a payer asks for when it opens a channel. */
export interface OpenRequest {
  /** The payee's 32-byte Ed25519 peer key. */
  peerKey: Uint8Array
  /** The payee's 20-byte settlement address. */
  payeeAddress: Uint8Array
  deposit: bigint
  /** Unix seconds; default now + `ttl`. */
  expiry?: bigint
  /** Seconds from now when `expiry` is absent (default 7 days). */
  ttl?: bigint
  /** Default 1 hour. */
  disputeWindow?: bigint
  /** 20 zero bytes (default) for the native coin. */
  token?: Uint8Array
  nonce?: bigint
}

export class Channels extends ChannelBook {
  /** Payer: state hashes of updates sent but not yet acked, so an ack needs no disk read. */
  private readonly unacked = new Map<string, Map<bigint, Uint8Array>>()

  async open(req: OpenRequest): Promise<{ channelId: Uint8Array; open: ChannelOpen }> {
    const { settlement, settlementKey, peerKey } = this.init
    const now = await settlement.now()
    const params = {
      payee: req.payeeAddress,
      token: req.token ?? new Uint8Array(20),
      deposit: req.deposit,
      expiry: req.expiry ?? now + (req.ttl ?? 7n * 86_400n),
      disputeWindow: req.disputeWindow ?? 3_600n,
      nonce: req.nonce ?? randomBytes(8).readBigUInt64BE() >> 1n,
    }
    const channelId = channelIdOf({ ...this.domain, payer: settlementKey.address, ...params })
    const open = signOpen(
      {
        chainId: this.domain.chainId,
        contract: this.domain.contract,
        payerKey: peerKey.publicKey,
        payeeKey: req.peerKey,
        payerAddress: settlementKey.address,
        payeeAddress: req.payeeAddress,
        token: params.token,
        capacity: params.deposit,
        expiry: params.expiry,
        nonce: params.nonce,
        disputeWindow: Number(params.disputeWindow),
        issuedAt: BigInt(Date.now()),
      },
      peerKey.privateKey,
    )
    const record: ChannelRecord = {
      channelId,
      role: 'payer',
      remotePeerKey: req.peerKey,
      ...this.domain,
      payer: settlementKey.address,
      payee: req.payeeAddress,
      token: params.token,
      capacity: params.deposit,
      expiry: params.expiry,
      disputeWindow: params.disputeWindow,
      nonce: params.nonce,
      open,
      status: 'open',
      // Recorded before the deposit moves, so a crash in between leaves a trace to recover.
      opening: true,
      latest: undefined,
      stateHash: channelId,
      acked: 0n,
      behindUntil: 0n,
      createdAt: Date.now(),
    }
    await this.put(record)
    try {
      await settlement.open(params)
    } catch (err) {
      // Refused (funds, parameters): nothing was deposited, the record is kept as closed.
      await this.put({ ...record, opening: false, status: 'closed' })
      throw err
    }
    await this.put({ ...record, opening: false })
    this.init.emit('channel-opened', {
      channelId,
      role: 'payer',
      remotePeerKey: req.peerKey,
      capacity: params.deposit,
    })
    return { channelId, open }
  }

  /**
   * Payee: checks a received open (binding signature, network, a token this node accepts, a
   * capacity of at least `minCapacity`, the channel as the settlement holds it) and records the
   * channel. A refused open changes nothing.
   */
  async acceptOpen(open: ChannelOpen, from?: Uint8Array): Promise<ChannelRecord> {
    const f = verifyOpen(open, this.clock(), from)
    const { settlement, settlementKey, peerKey } = this.init
    const id = f.channelId
    if (!bytesEqual(f.payeeKey, peerKey.publicKey))
      throw new NotPartyChannelError(id, 'the open names another payee')
    if (!bytesEqual(f.payeeAddress, settlementKey.address)) {
      throw new NotPartyChannelError(id, 'the open pays another settlement address')
    }
    if (f.chainId !== this.domain.chainId) throw new WrongNetworkError(id, `chain ${f.chainId}`)
    if (!bytesEqual(f.contract, this.domain.contract))
      throw new WrongNetworkError(id, 'other settlement contract')
    // Before anything else is looked up: a channel in a token this node does not take is worth
    // nothing to it, however large (1,000 wei of the native coin is not 1,000 units of a stablecoin).
    if (!this.acceptsToken(f.token)) throw new TokenNotAcceptedError(id, f.token, this.accepted)
    if (f.capacity < this.minCapacity) throw new InsufficientCapacityError(id, this.minCapacity, f.capacity)
    const disputeWindow = BigInt(f.disputeWindow)
    const known = this.records.get(hex(id))
    if (known !== undefined) {
      if (known.role === 'payee' && bytesEqual(known.open.body, open.body)) return known
      throw new OpenMismatchError(id, 'a different open for this channel is known')
    }
    const on = await settlement.getChannel(id)
    if (on === undefined) throw new ChannelUnknownError(id)
    if (!bytesEqual(on.payer, f.payerAddress)) throw new OpenMismatchError(id, 'payer')
    if (!bytesEqual(on.payee, f.payeeAddress)) throw new OpenMismatchError(id, 'payee')
    if (!bytesEqual(on.token, f.token)) throw new OpenMismatchError(id, 'token')
    if (on.expiry !== f.expiry || on.disputeWindow !== disputeWindow)
      throw new OpenMismatchError(id, 'expiry')
    if (on.status !== 'open') throw new OpenMismatchError(id, 'status')
    if (on.deposit < f.capacity) throw new OpenMismatchError(id, 'deposit')
    if (this.clock() >= f.expiry) throw new ChannelExpiredError(id, f.expiry)
    const record: ChannelRecord = {
      channelId: id,
      role: 'payee',
      remotePeerKey: f.payerKey,
      ...this.domain,
      payer: f.payerAddress,
      payee: f.payeeAddress,
      token: f.token,
      capacity: f.capacity,
      expiry: f.expiry,
      disputeWindow,
      nonce: f.nonce,
      open: { body: open.body, signature: open.signature },
      status: 'open',
      opening: false,
      latest: undefined,
      stateHash: id,
      acked: 0n,
      behindUntil: 0n,
      createdAt: Date.now(),
    }
    await this.put(record)
    this.init.emit('channel-opened', {
      channelId: id,
      role: 'payee',
      remotePeerKey: f.payerKey,
      capacity: f.capacity,
    })
    return record
  }

  /**
   * Payee: checks that a channel can pay for a job before any work: the job's `asset` (CAIP-19,
   * as its request names it) is this channel's chain and token, the token is one this node
   * accepts, and the channel still has `amount` available. Throws `TokenNotAcceptedError` or
   * `InsufficientCapacityError`; changes nothing.
   */
  checkCovers(channelId: Uint8Array, asset: string, amount: bigint): void {
    const ch = this.record(channelId, 'payee')
    const wanted = parseAsset(asset)
    if (wanted === undefined || wanted.chainId !== ch.chainId || !bytesEqual(wanted.token, ch.token)) {
      throw new TokenNotAcceptedError(
        channelId,
        ch.token,
        wanted === undefined ? [] : [wanted.token],
        `the job asks for ${asset} but the channel holds ${assetOf(ch.chainId, ch.token)}`,
      )
    }
    if (!this.acceptsToken(ch.token)) throw new TokenNotAcceptedError(channelId, ch.token, this.accepted)
    const { available } = this.balance(channelId)
    if (available < amount) throw new InsufficientCapacityError(channelId, amount, available)
  }

  /** Payer: signs the next state and resolves once it is durable; then send it. */
  async createUpdate(channelId: Uint8Array, req: UpdateRequest): Promise<SignedUpdate> {
    const ch = this.record(channelId, 'payer')
    const state = nextState(ch, req, this.clock(), this.maxLocks)
    const { update, stateHash } = signUpdateState(this.domain, state, this.init.settlementKey.privateKey)
    const key = hex(channelId)
    const pending = this.unacked.get(key) ?? new Map<bigint, Uint8Array>()
    this.unacked.set(key, pending)
    pending.set(update.sequence, stateHash)
    const row: UpdateRecord = { update, stateHash, at: Date.now() }
    await Promise.all([this.init.store.putUpdate(row), this.put({ ...ch, latest: update, stateHash })])
    this.init.emit('update-created', { channelId, update })
    return update
  }

  /** Payer: records the payee's ack (its signature proves the payee holds the state). */
  async receiveAck(ack: ChannelAck): Promise<void> {
    const ch = this.record(ack.channelId, 'payer')
    if (
      typeof ack.sequence !== 'bigint' ||
      ack.sequence < 1n ||
      !(ack.stateHash instanceof Uint8Array) ||
      !(ack.signature instanceof Uint8Array)
    ) {
      throw new MalformedChannelMessageError(ack.channelId, 'malformed ack')
    }
    if (ack.sequence > (ch.latest?.sequence ?? 0n)) {
      throw new BadUpdateSignatureError(ack.channelId, 'ack (unknown state)', ack.sequence)
    }
    const pending = this.unacked.get(hex(ack.channelId))
    const hash =
      pending?.get(ack.sequence) ??
      (ch.latest?.sequence === ack.sequence
        ? ch.stateHash
        : this.init.store.update(ack.channelId, ack.sequence)?.stateHash)
    if (hash === undefined || !bytesEqual(hash, ack.stateHash)) {
      throw new BadUpdateSignatureError(ack.channelId, 'ack (unknown state)', ack.sequence)
    }
    if (!verifyAck(ack, ch.remotePeerKey))
      throw new BadUpdateSignatureError(ack.channelId, 'ack', ack.sequence)
    if (pending !== undefined) for (const seq of pending.keys()) if (seq <= ack.sequence) pending.delete(seq)
    if (ack.sequence <= ch.acked) return
    // Not worth an fsync of its own: the record rides in the channel's next commit (usually the
    // next update's). A crash that loses it loses nothing: the payee reports its position again
    // on re-establish, and every update was durable before it was sent.
    this.putLazily({ ...ch, acked: ack.sequence })
    this.init.emit('ack-received', { channelId: ack.channelId, sequence: ack.sequence })
  }

  /** Payee: verifies an update, makes it durable, then returns the signed ack to send. */
  async receiveUpdate(update: SignedUpdate): Promise<ChannelAck> {
    return (await this.acceptUpdate(update)).ack()
  }

  /**
   * Payee: verifies an update and makes it durable, like `receiveUpdate`, but leaves signing the
   * ack to the caller (`ack()`), so that what waits on the update (a job's reveal) can go first.
   */
  async acceptUpdate(update: SignedUpdate): Promise<{ stateHash: Uint8Array; ack(): ChannelAck }> {
    const ch = this.record(update.channelId, 'payee')
    let stateHash: Uint8Array
    try {
      stateHash = validateUpdate(ch, update, this.clock(), this.domain, this.maxLocks)
    } catch (err) {
      // Remote input: anything that is not a named rule is a malformed message, never a crash.
      if (err instanceof Error && channelErrorCode(err) !== 'INTERNAL') throw err
      throw new MalformedChannelMessageError(ch.channelId, 'malformed update', { cause: err })
    }
    const copy: SignedUpdate = { ...update, locks: update.locks.map((l) => ({ ...l })) }
    const behindUntil = ch.behindUntil > update.sequence ? ch.behindUntil : 0n
    const row: UpdateRecord = { update: copy, stateHash, at: Date.now() }
    await Promise.all([
      this.init.store.putUpdate(row),
      this.put({ ...ch, latest: copy, stateHash, acked: update.sequence, behindUntil }),
    ])
    this.init.emit('update-accepted', { channelId: update.channelId, update: copy, stateHash })
    const { channelId, sequence } = update
    return { stateHash, ack: () => signAck(channelId, sequence, stateHash, this.init.peerKey.privateKey) }
  }

  /**
   * Records the preimage of a lock of this channel: the payee before revealing it (so it can
   * claim on chain), the payer when it learns it (so it can fold the lock).
   */
  async recordPreimage(channelId: Uint8Array, preimage: Uint8Array): Promise<void> {
    const ch = this.record(channelId)
    if (preimage.byteLength !== 32) throw new LockInvalidError(channelId, 'preimage must be 32 bytes')
    const hash = keccak256(preimage)
    if (!(ch.latest?.locks ?? []).some((l) => bytesEqual(l.hash, hash))) {
      throw new LockInvalidError(channelId, 'no lock of this channel has that hash')
    }
    if (this.preimages.has(hex(hash))) return
    this.preimages.set(hex(hash), preimage)
    await this.init.store.putPreimage({ hash, channelId, preimage })
    this.init.emit('lock-revealed', { channelId, hash, preimage })
  }

  /** Payee: records the preimage it is about to reveal (alias of recordPreimage). */
  revealPreimage(channelId: Uint8Array, preimage: Uint8Array): Promise<void> {
    return this.recordPreimage(channelId, preimage)
  }
}
