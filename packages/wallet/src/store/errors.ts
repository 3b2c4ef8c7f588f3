/** Typed errors of the durable store. A damaged store is reported, never silently reset. */

/** Base class of every store error. */
export class StoreError extends Error {
  override name = 'StoreError'
  constructor(
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** The database file, or a row in it, fails its integrity check. */
export class StoreCorruptError extends StoreError {
  override name = 'StoreCorruptError'
  constructor(path: string, reason: string, options?: ErrorOptions) {
    super(path, `store ${path} is corrupt (${reason}); it is left as is: restore it or move it away`, options)
  }
}

/** A commit failed; the in-memory state is ahead of the disk, so the store refuses further work. */
export class StoreFailedError extends StoreError {
  override name = 'StoreFailedError'
  constructor(path: string, options?: ErrorOptions) {
    super(path, `store ${path} failed a commit; restart to recover from the last committed state`, options)
  }
}

/** The store was closed. */
export class StoreClosedError extends StoreError {
  override name = 'StoreClosedError'
  constructor(path: string) {
    super(path, `store ${path} is closed`)
  }
}
