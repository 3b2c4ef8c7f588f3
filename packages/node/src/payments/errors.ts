/** Errors of the pay service. Identify them by `.name`. */

/** No payment terms of the worker's card match this node's settlement network. */
export class NoCompatibleTermsError extends Error {
  override name = 'NoCompatibleTermsError'
}

/** The pay stream to a peer failed (dial, reset, timeout); `cause` says why. */
export class PayStreamError extends Error {
  override name = 'PayStreamError'
}

/** The locked update a Pay frame names was not accepted in time or does not carry the lock. */
export class LockNotFoundError extends Error {
  override name = 'LockNotFoundError'
}
