/**
 * Errors of on-chain settlement. Every custom error of the BazaarChannels contract has its own
 * class here (the class name is `Settlement` + the contract error's name + `Error`, and `.rule` is the
 * contract error's name), so callers can tell the violated rule by `.name` without parsing
 * revert data. The adapter's own failures (wrong chain, wrong contract, RPC) follow.
 */

/** Base of every error raised by the EVM settlement adapter. */
export class EvmSettlementError extends Error {
  override name = 'EvmSettlementError'
}

/** A transaction the contract refused: one subclass per contract custom error. */
export class SettlementRuleError extends EvmSettlementError {
  override name = 'SettlementRuleError'
  /** The contract's custom error name, e.g. `StaleState`. */
  readonly rule: string
  /** The custom error's arguments by ABI name (bigint amounts, hex addresses and hashes). */
  readonly details: Readonly<Record<string, unknown>>

  constructor(rule: string, details: Readonly<Record<string, unknown>> = {}, options?: ErrorOptions) {
    const shown = Object.entries(details)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ')
    super(`settlement contract refused: ${rule}${shown ? ` (${shown})` : ''}`, options)
    this.rule = rule
    this.details = details
  }
}

export class SettlementChannelNotFoundError extends SettlementRuleError {
  override name = 'SettlementChannelNotFoundError'
}
export class SettlementChannelExistsError extends SettlementRuleError {
  override name = 'SettlementChannelExistsError'
}
export class SettlementInvalidPayeeError extends SettlementRuleError {
  override name = 'SettlementInvalidPayeeError'
}
export class SettlementZeroAmountError extends SettlementRuleError {
  override name = 'SettlementZeroAmountError'
}
export class SettlementAmountTooLargeError extends SettlementRuleError {
  override name = 'SettlementAmountTooLargeError'
}
export class SettlementInvalidExpiryError extends SettlementRuleError {
  override name = 'SettlementInvalidExpiryError'
}
export class SettlementInvalidDisputeWindowError extends SettlementRuleError {
  override name = 'SettlementInvalidDisputeWindowError'
}
export class SettlementWrongValueError extends SettlementRuleError {
  override name = 'SettlementWrongValueError'
}
export class SettlementTokenTransferFailedError extends SettlementRuleError {
  override name = 'SettlementTokenTransferFailedError'
}
export class SettlementNotPayerError extends SettlementRuleError {
  override name = 'SettlementNotPayerError'
}
export class SettlementNotPartyError extends SettlementRuleError {
  override name = 'SettlementNotPartyError'
}
export class SettlementChannelNotOpenError extends SettlementRuleError {
  override name = 'SettlementChannelNotOpenError'
}
export class SettlementNotClosingError extends SettlementRuleError {
  override name = 'SettlementNotClosingError'
}
/** Double withdraw, refund or cooperative close. */
export class SettlementAlreadyPaidOutError extends SettlementRuleError {
  override name = 'SettlementAlreadyPaidOutError'
}
export class SettlementChannelExpiredError extends SettlementRuleError {
  override name = 'SettlementChannelExpiredError'
}
/** Sequence lower than or equal to the stored one. */
export class SettlementStaleStateError extends SettlementRuleError {
  override name = 'SettlementStaleStateError'
}
/** A challenge that would lower what the payee is owed. */
export class SettlementAmountLoweredError extends SettlementRuleError {
  override name = 'SettlementAmountLoweredError'
}
export class SettlementAmountAboveDepositError extends SettlementRuleError {
  override name = 'SettlementAmountAboveDepositError'
}
/** Forged, malformed, high-s, or signed over another chain's, contract's or channel's domain. */
export class SettlementInvalidSignatureError extends SettlementRuleError {
  override name = 'SettlementInvalidSignatureError'
}
export class SettlementWindowOpenError extends SettlementRuleError {
  override name = 'SettlementWindowOpenError'
}
export class SettlementWindowOverError extends SettlementRuleError {
  override name = 'SettlementWindowOverError'
}
export class SettlementNotExpiredError extends SettlementRuleError {
  override name = 'SettlementNotExpiredError'
}
export class SettlementLockExpiredError extends SettlementRuleError {
  override name = 'SettlementLockExpiredError'
}
export class SettlementWrongPreimageError extends SettlementRuleError {
  override name = 'SettlementWrongPreimageError'
}
export class SettlementLockNotFoundError extends SettlementRuleError {
  override name = 'SettlementLockNotFoundError'
}
export class SettlementLockClaimedError extends SettlementRuleError {
  override name = 'SettlementLockClaimedError'
}
export class SettlementLocksAboveTotalError extends SettlementRuleError {
  override name = 'SettlementLocksAboveTotalError'
}
export class SettlementNothingToCollectError extends SettlementRuleError {
  override name = 'SettlementNothingToCollectError'
}

type RuleErrorClass = new (
  rule: string,
  details?: Readonly<Record<string, unknown>>,
  options?: ErrorOptions,
) => SettlementRuleError

/** Contract custom error name -> class. Exhaustive over the contract's ABI (a test checks it). */
export const SETTLEMENT_RULE_ERRORS: Readonly<Record<string, RuleErrorClass>> = {
  ChannelNotFound: SettlementChannelNotFoundError,
  ChannelExists: SettlementChannelExistsError,
  InvalidPayee: SettlementInvalidPayeeError,
  ZeroAmount: SettlementZeroAmountError,
  AmountTooLarge: SettlementAmountTooLargeError,
  InvalidExpiry: SettlementInvalidExpiryError,
  InvalidDisputeWindow: SettlementInvalidDisputeWindowError,
  WrongValue: SettlementWrongValueError,
  TokenTransferFailed: SettlementTokenTransferFailedError,
  NotPayer: SettlementNotPayerError,
  NotParty: SettlementNotPartyError,
  ChannelNotOpen: SettlementChannelNotOpenError,
  NotClosing: SettlementNotClosingError,
  AlreadyPaidOut: SettlementAlreadyPaidOutError,
  ChannelExpired: SettlementChannelExpiredError,
  StaleState: SettlementStaleStateError,
  AmountLowered: SettlementAmountLoweredError,
  AmountAboveDeposit: SettlementAmountAboveDepositError,
  InvalidSignature: SettlementInvalidSignatureError,
  WindowOpen: SettlementWindowOpenError,
  WindowOver: SettlementWindowOverError,
  NotExpired: SettlementNotExpiredError,
  LockExpired: SettlementLockExpiredError,
  WrongPreimage: SettlementWrongPreimageError,
  LockNotFound: SettlementLockNotFoundError,
  LockClaimed: SettlementLockClaimedError,
  LocksAboveTotal: SettlementLocksAboveTotalError,
  NothingToCollect: SettlementNothingToCollectError,
}

/** The RPC endpoint serves another chain than the configuration names. */
export class ChainMismatchError extends EvmSettlementError {
  override name = 'ChainMismatchError'
  constructor(
    readonly expected: bigint,
    readonly actual: bigint,
  ) {
    super(`the RPC endpoint serves chain ${actual}, the configuration names chain ${expected}`)
  }
}

/** No contract at the configured address, or one whose code is not Bazaar's channel contract. */
export class ContractMismatchError extends EvmSettlementError {
  override name = 'ContractMismatchError'
  constructor(
    readonly address: string,
    readonly expectedCodeHash: string,
    readonly actualCodeHash: string | undefined,
  ) {
    super(
      actualCodeHash === undefined
        ? `no contract at ${address} on this chain: check the configured settlement contract address`
        : `the contract at ${address} is not Bazaar's channel contract (code hash ${actualCodeHash}, expected ${expectedCodeHash})`,
    )
  }
}

/** The configured settlement token has no code on this chain. */
export class TokenNotFoundError extends EvmSettlementError {
  override name = 'TokenNotFoundError'
  constructor(readonly address: string) {
    super(`no token contract at ${address} on this chain: check the configured settlement token`)
  }
}

/** A transaction was mined but reverted, or reverted without a reason the ABI explains. */
export class TransactionFailedError extends EvmSettlementError {
  override name = 'TransactionFailedError'
  constructor(
    readonly action: string,
    readonly txHash: string | undefined,
    options?: ErrorOptions,
  ) {
    super(`${action} failed${txHash ? ` (transaction ${txHash})` : ''}`, options)
  }
}

/** The RPC endpoint could not be reached or answered with an error. */
export class RpcUnavailableError extends EvmSettlementError {
  override name = 'RpcUnavailableError'
  constructor(
    readonly action: string,
    options?: ErrorOptions,
  ) {
    super(`${action}: the RPC endpoint failed`, options)
  }
}

/** The anvil binary was not found. */
export class AnvilNotFoundError extends EvmSettlementError {
  override name = 'AnvilNotFoundError'
  constructor(readonly tried: string[]) {
    super(
      `anvil binary not found (tried: ${tried.join(', ') || 'nothing'}); install @foundry-rs/anvil or set BAZAAR_ANVIL_BIN`,
    )
  }
}

/** anvil did not start or did not answer JSON-RPC in time. */
export class AnvilStartError extends EvmSettlementError {
  override name = 'AnvilStartError'
  constructor(
    reason: string,
    readonly output: string,
    options?: ErrorOptions,
  ) {
    super(`anvil did not start: ${reason}`, options)
  }
}

/** The settlement journal file has an unreadable record before its last line. */
export class JournalCorruptError extends EvmSettlementError {
  override name = 'JournalCorruptError'
  constructor(
    readonly path: string,
    readonly line: number,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`settlement journal ${path} is corrupt at line ${line}: ${reason}`, options)
  }
}
