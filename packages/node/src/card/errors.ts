/** Errors of agent card fetching and verification. Identify them by `.name`. */

export type InvalidCardReason =
  | 'malformed'
  | 'unsupported-version'
  | 'wrong-peer'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'

/** A card failed verification; such a card is dropped, never shown. */
export class InvalidCardError extends Error {
  override name = 'InvalidCardError'
  constructor(
    readonly reason: InvalidCardReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** Fetching a card failed (dial, stream, timeout); `cause` says why. */
export class CardFetchError extends Error {
  override name = 'CardFetchError'
  constructor(
    readonly peer: string,
    options?: ErrorOptions,
  ) {
    super(`could not fetch the card of ${peer}`, options)
  }
}
