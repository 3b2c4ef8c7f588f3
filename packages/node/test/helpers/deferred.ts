/** A promise with its resolve and reject exposed, for waiting on events in tests. */
export function deferred<T = void>(): PromiseWithResolvers<T> {
  return Promise.withResolvers<T>()
}
