/** Errors of wallet assembly (see the feature folders for identity, store, channel and settlement errors). */

/** The settlement instance acts as another account than the wallet's settlement key. */
export class SettlementAccountMismatchError extends Error {
  override name = 'SettlementAccountMismatchError'
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`the settlement acts as 0x${actual} but the wallet's settlement key is 0x${expected}`)
  }
}
