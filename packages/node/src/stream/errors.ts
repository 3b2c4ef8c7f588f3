/**
 * Errors of the framed stream layer shared by every Bazaar protocol. Identify them by `.name`.
 */

/** The length prefix announced a frame larger than the protocol allows; the stream was reset. */
export class FrameTooLargeError extends Error {
  override name = 'FrameTooLargeError'
  constructor(
    readonly length: number,
    readonly limit: number,
  ) {
    super(`frame of ${length} bytes exceeds the limit of ${limit} bytes`)
  }
}

/** A frame's length prefix or body could not be decoded; the stream was reset. */
export class MalformedFrameError extends Error {
  override name = 'MalformedFrameError'
}

/** The remote sent frames faster than they were consumed; the stream was reset. */
export class TooManyFramesError extends Error {
  override name = 'TooManyFramesError'
  constructor(readonly limit: number) {
    super(`more than ${limit} unread frames queued`)
  }
}

/** The remote did not send the next frame in time. */
export class FrameTimeoutError extends Error {
  override name = 'FrameTimeoutError'
  constructor(readonly timeoutMs: number) {
    super(`no frame within ${timeoutMs} ms`)
  }
}

/** The stream ended (closed by the remote, reset, or aborted locally) before the next frame. */
export class StreamEndedError extends Error {
  override name = 'StreamEndedError'
}
