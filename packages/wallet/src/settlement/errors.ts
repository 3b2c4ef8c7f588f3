/**
 * LocalLedger's rule violations: one class per rule, and `.rule` is the name of the
 * BazaarChannels contract's custom error for the same rule (EvmSettlement's errors carry the same
 * `.rule`), so code and the conformance suite check `.rule` whatever settles the channel.
 */

/** Base class: `rule` names the violated rule exactly as the contract's custom error does. */
export class LedgerRuleError extends Error {
  override name = 'LedgerRuleError'
  constructor(
    readonly rule: string,
    message: string,
    readonly channelId?: Uint8Array,
    options?: ErrorOptions,
  ) {
    super(`ledger refused: ${rule}: ${message}`, options)
  }
}

/** No such channel. */
export class LedgerChannelNotFoundError extends LedgerRuleError {
  override name = 'LedgerChannelNotFoundError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('ChannelNotFound', 'no such channel', channelId, options)
  }
}

/** A channel with this id exists already. */
export class LedgerChannelExistsError extends LedgerRuleError {
  override name = 'LedgerChannelExistsError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('ChannelExists', 'a channel with this id exists already', channelId, options)
  }
}

/** The payee is the zero address or the payer. */
export class LedgerInvalidPayeeError extends LedgerRuleError {
  override name = 'LedgerInvalidPayeeError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('InvalidPayee', 'the payee is the zero address or the payer', channelId, options)
  }
}

/** The amount is zero. */
export class LedgerZeroAmountError extends LedgerRuleError {
  override name = 'LedgerZeroAmountError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('ZeroAmount', 'the amount is zero', channelId, options)
  }
}

/** The expiry is not in the future. */
export class LedgerInvalidExpiryError extends LedgerRuleError {
  override name = 'LedgerInvalidExpiryError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('InvalidExpiry', 'the expiry is not in the future', channelId, options)
  }
}

/** The dispute window is zero. */
export class LedgerInvalidDisputeWindowError extends LedgerRuleError {
  override name = 'LedgerInvalidDisputeWindowError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('InvalidDisputeWindow', 'the dispute window is zero', channelId, options)
  }
}

/** The balance does not cover the amount. */
export class LedgerInsufficientFundsError extends LedgerRuleError {
  override name = 'LedgerInsufficientFundsError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('InsufficientFunds', 'the balance does not cover the amount', channelId, options)
  }
}

/** Only the payer may do this. */
export class LedgerNotPayerError extends LedgerRuleError {
  override name = 'LedgerNotPayerError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('NotPayer', 'only the payer may do this', channelId, options)
  }
}

/** Only the payer or the payee may do this. */
export class LedgerNotPartyError extends LedgerRuleError {
  override name = 'LedgerNotPartyError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('NotParty', 'only the payer or the payee may do this', channelId, options)
  }
}

/** The channel is not open. */
export class LedgerChannelNotOpenError extends LedgerRuleError {
  override name = 'LedgerChannelNotOpenError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('ChannelNotOpen', 'the channel is not open', channelId, options)
  }
}

/** The channel is not closing. */
export class LedgerNotClosingError extends LedgerRuleError {
  override name = 'LedgerNotClosingError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('NotClosing', 'the channel is not closing', channelId, options)
  }
}

/** The channel has paid out already. */
export class LedgerAlreadyPaidOutError extends LedgerRuleError {
  override name = 'LedgerAlreadyPaidOutError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('AlreadyPaidOut', 'the channel has paid out already', channelId, options)
  }
}

/** The channel has expired. */
export class LedgerChannelExpiredError extends LedgerRuleError {
  override name = 'LedgerChannelExpiredError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('ChannelExpired', 'the channel has expired', channelId, options)
  }
}

/** The sequence is not higher than the stored one. */
export class LedgerStaleStateError extends LedgerRuleError {
  override name = 'LedgerStaleStateError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('StaleState', 'the sequence is not higher than the stored one', channelId, options)
  }
}

/** A newer state may not lower what the payee is owed. */
export class LedgerAmountLoweredError extends LedgerRuleError {
  override name = 'LedgerAmountLoweredError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('AmountLowered', 'a newer state may not lower what the payee is owed', channelId, options)
  }
}

/** The amounts exceed the deposit. */
export class LedgerAmountAboveDepositError extends LedgerRuleError {
  override name = 'LedgerAmountAboveDepositError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('AmountAboveDeposit', 'the amounts exceed the deposit', channelId, options)
  }
}

/** The signature does not recover to the channel party. */
export class LedgerInvalidSignatureError extends LedgerRuleError {
  override name = 'LedgerInvalidSignatureError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('InvalidSignature', 'the signature does not recover to the channel party', channelId, options)
  }
}

/** The dispute window is still open. */
export class LedgerWindowOpenError extends LedgerRuleError {
  override name = 'LedgerWindowOpenError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('WindowOpen', 'the dispute window is still open', channelId, options)
  }
}

/** The dispute window is over. */
export class LedgerWindowOverError extends LedgerRuleError {
  override name = 'LedgerWindowOverError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('WindowOver', 'the dispute window is over', channelId, options)
  }
}

/** The channel is not refundable yet (expiry + dispute window). */
export class LedgerNotExpiredError extends LedgerRuleError {
  override name = 'LedgerNotExpiredError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('NotExpired', 'the channel is not refundable yet (expiry + dispute window)', channelId, options)
  }
}

/** The lock has expired. */
export class LedgerLockExpiredError extends LedgerRuleError {
  override name = 'LedgerLockExpiredError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('LockExpired', 'the lock has expired', channelId, options)
  }
}

/** The preimage does not hash to the lock. */
export class LedgerWrongPreimageError extends LedgerRuleError {
  override name = 'LedgerWrongPreimageError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('WrongPreimage', 'the preimage does not hash to the lock', channelId, options)
  }
}

/** The lock is not in the closing state's locks root. */
export class LedgerLockNotFoundError extends LedgerRuleError {
  override name = 'LedgerLockNotFoundError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('LockNotFound', "the lock is not in the closing state's locks root", channelId, options)
  }
}

/** The lock was claimed already. */
export class LedgerLockClaimedError extends LedgerRuleError {
  override name = 'LedgerLockClaimedError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('LockClaimed', 'the lock was claimed already', channelId, options)
  }
}

/** Claims would exceed the state's locked total. */
export class LedgerLocksAboveTotalError extends LedgerRuleError {
  override name = 'LedgerLocksAboveTotalError'
  constructor(channelId?: Uint8Array, options?: ErrorOptions) {
    super('LocksAboveTotal', "claims would exceed the state's locked total", channelId, options)
  }
}
