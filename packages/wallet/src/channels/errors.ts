/**
 * Why a channel message was refused. Every rejected update throws exactly one of the rule errors
 * below and leaves the channel unchanged; `channelErrorCode` gives the wire `ErrorCode` name the
 * pay stream answers with. Identify errors by `.name`.
 */

/** Wire `ErrorCode` names (job.proto) a channel error maps onto. */
export type ChannelErrorCodeName =
  | 'STALE_SEQUENCE'
  | 'SEQUENCE_GAP'
  | 'PREVIOUS_HASH_MISMATCH'
  | 'AMOUNT_DECREASED'
  | 'INSUFFICIENT_CAPACITY'
  | 'LOCK_INVALID'
  | 'CHANNEL_EXPIRED'
  | 'CHANNEL_UNKNOWN'
  | 'CHANNEL_CLOSED'
  | 'BAD_SIGNATURE'
  | 'WRONG_NETWORK'
  | 'NOT_PARTY'
  | 'ASSET_NOT_ACCEPTED'
  | 'MALFORMED'
  | 'INTERNAL'

/**
 * Base class of the channel rule errors: `code` is the wire error code name, also readable as
 * `errorCode`, the property the protocol's `errorCodeOf` maps onto the code a peer is told.
 */
export class ChannelRuleError extends Error {
  override name = 'ChannelRuleError'
  constructor(
    readonly code: ChannelErrorCodeName,
    message: string,
    readonly channelId?: Uint8Array,
    readonly sequence?: bigint,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }

  /** The wire `ErrorCode` (job.proto) a peer is answered with. */
  get errorCode(): ChannelErrorCodeName {
    return this.code
  }
}

type Id = Uint8Array | undefined

/** The update's sequence is not above the last accepted one (a replay or an old state). */
export class StaleSequenceError extends ChannelRuleError {
  override name = 'StaleSequenceError'
  constructor(
    id: Id,
    readonly last: bigint,
    sequence: bigint,
  ) {
    super('STALE_SEQUENCE', `sequence ${sequence} is not above the last accepted ${last}`, id, sequence)
  }
}

/** The update skips sequences (must be last + 1). */
export class SequenceGapError extends ChannelRuleError {
  override name = 'SequenceGapError'
  constructor(
    id: Id,
    readonly last: bigint,
    sequence: bigint,
  ) {
    super('SEQUENCE_GAP', `sequence ${sequence} skips ahead of ${last} + 1`, id, sequence)
  }
}

/** previousStateHash is not the hash of the last accepted state. */
export class PreviousHashMismatchError extends ChannelRuleError {
  override name = 'PreviousHashMismatchError'
  constructor(id: Id, sequence: bigint) {
    super('PREVIOUS_HASH_MISMATCH', 'previousStateHash is not the hash of the last state', id, sequence)
  }
}

/** The cumulative amount went down. */
export class AmountDecreasedError extends ChannelRuleError {
  override name = 'AmountDecreasedError'
  constructor(
    id: Id,
    readonly previous: bigint,
    readonly offered: bigint,
    sequence?: bigint,
  ) {
    super('AMOUNT_DECREASED', `cumulativePaid ${offered} is below ${previous}`, id, sequence)
  }
}

/** cumulativePaid + lockedTotal exceeds the deposit (or the payer asked for more than is left). */
export class InsufficientCapacityError extends ChannelRuleError {
  override name = 'InsufficientCapacityError'
  constructor(
    id: Id,
    readonly needed: bigint,
    readonly capacity: bigint,
    sequence?: bigint,
  ) {
    super('INSUFFICIENT_CAPACITY', `${needed} exceeds the capacity ${capacity}`, id, sequence)
  }
}

/** A lock is malformed, expired, duplicated, does not match the root or total, or was dropped unpaid. */
export class LockInvalidError extends ChannelRuleError {
  override name = 'LockInvalidError'
  constructor(
    id: Id,
    readonly reason: string,
    sequence?: bigint,
  ) {
    super('LOCK_INVALID', `invalid lock: ${reason}`, id, sequence)
  }
}

/** The channel has expired (or is too close to expiry to accept new state). */
export class ChannelExpiredError extends ChannelRuleError {
  override name = 'ChannelExpiredError'
  constructor(
    id: Id,
    readonly expiry: bigint,
    sequence?: bigint,
  ) {
    super('CHANNEL_EXPIRED', `the channel expired at ${expiry}`, id, sequence)
  }
}

/** No such channel here. */
export class ChannelUnknownError extends ChannelRuleError {
  override name = 'ChannelUnknownError'
  constructor(id: Id) {
    super('CHANNEL_UNKNOWN', 'unknown channel', id)
  }
}

/** The channel is closing or closed: no more updates. */
export class ChannelClosedError extends ChannelRuleError {
  override name = 'ChannelClosedError'
  constructor(id: Id) {
    super('CHANNEL_CLOSED', 'the channel is closing or closed', id)
  }
}

/** The update's settlement signature, the open's binding or an ack's signature does not verify. */
export class BadUpdateSignatureError extends ChannelRuleError {
  override name = 'BadUpdateSignatureError'
  constructor(
    id: Id,
    readonly what: string,
    sequence?: bigint,
    options?: ErrorOptions,
  ) {
    super('BAD_SIGNATURE', `bad ${what} signature`, id, sequence, options)
  }
}

/** The message is for another chain id or settlement contract. */
export class WrongNetworkError extends ChannelRuleError {
  override name = 'WrongNetworkError'
  constructor(
    id: Id,
    readonly detail: string,
  ) {
    super('WRONG_NETWORK', `wrong network: ${detail}`, id)
  }
}

/** This node is not the party the message names, or the channel's role does not allow the call. */
export class NotPartyChannelError extends ChannelRuleError {
  override name = 'NotPartyChannelError'
  constructor(id: Id, detail: string) {
    super('NOT_PARTY', detail, id)
  }
}

/**
 * The channel is funded in a token this payee does not accept (its wallet's `acceptTokens`, by
 * default the settlement's configured token), or in another asset than the job asks for.
 */
export class TokenNotAcceptedError extends ChannelRuleError {
  override name = 'TokenNotAcceptedError'
  constructor(
    id: Id,
    /** 20-byte token the channel is funded in (20 zero bytes: native coin). */
    readonly token: Uint8Array,
    /** The tokens that would have been accepted. */
    readonly accepted: readonly Uint8Array[],
    detail = 'the channel is funded in a token this node does not accept',
  ) {
    const show = (t: Uint8Array): string => `0x${Buffer.from(t).toString('hex')}`
    super('ASSET_NOT_ACCEPTED', `${detail}: ${show(token)} (accepted: ${accepted.map(show).join(', ')})`, id)
  }
}

/** A field is missing or of the wrong size. */
export class MalformedChannelMessageError extends ChannelRuleError {
  override name = 'MalformedChannelMessageError'
  constructor(id: Id, detail: string, options?: ErrorOptions) {
    super('MALFORMED', detail, id, undefined, options)
  }
}

/** The open does not match the channel the settlement layer holds. */
export class OpenMismatchError extends ChannelRuleError {
  override name = 'OpenMismatchError'
  constructor(
    id: Id,
    readonly field: string,
  ) {
    super('CHANNEL_UNKNOWN', `channel open does not match the settlement (${field})`, id)
  }
}

/**
 * The payee learnt on re-establish that the payer holds newer state than it does: closing now
 * would close with a stale state (Lightning's rule), so it refuses until it has caught up.
 */
export class ChannelBehindError extends ChannelRuleError {
  override name = 'ChannelBehindError'
  constructor(
    id: Id,
    readonly have: bigint,
    readonly remote: bigint,
  ) {
    super('INTERNAL', `this node holds sequence ${have} but the peer reported ${remote}: resync first`, id)
  }
}

/** Re-establish found histories that cannot both be right (a lost store or a forged report). */
export class ChannelDesyncError extends ChannelRuleError {
  override name = 'ChannelDesyncError'
  constructor(id: Id, detail: string) {
    super('INTERNAL', `channel out of sync: ${detail}`, id)
  }
}

const CODE_BY_NAME: Readonly<Record<string, ChannelErrorCodeName>> = {
  StaleSequenceError: 'STALE_SEQUENCE',
  SequenceGapError: 'SEQUENCE_GAP',
  PreviousHashMismatchError: 'PREVIOUS_HASH_MISMATCH',
  AmountDecreasedError: 'AMOUNT_DECREASED',
  InsufficientCapacityError: 'INSUFFICIENT_CAPACITY',
  LockInvalidError: 'LOCK_INVALID',
  ChannelExpiredError: 'CHANNEL_EXPIRED',
  ChannelUnknownError: 'CHANNEL_UNKNOWN',
  OpenMismatchError: 'CHANNEL_UNKNOWN',
  ChannelClosedError: 'CHANNEL_CLOSED',
  BadUpdateSignatureError: 'BAD_SIGNATURE',
  WrongNetworkError: 'WRONG_NETWORK',
  NotPartyChannelError: 'NOT_PARTY',
  TokenNotAcceptedError: 'ASSET_NOT_ACCEPTED',
  MalformedChannelMessageError: 'MALFORMED',
}

/** The wire error code name of an error (by `.name`; INTERNAL for anything else). */
export function channelErrorCode(err: unknown): ChannelErrorCodeName {
  return (err instanceof Error && CODE_BY_NAME[err.name]) || 'INTERNAL'
}
