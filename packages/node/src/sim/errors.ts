/** Errors of the simulation. */

export class ScenarioInvalidError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ScenarioInvalidError'
  }
}

/** The books did not balance or a required check failed (the report is still written). */
export class SimCheckFailedError extends Error {
  readonly failures: string[]
  constructor(failures: string[]) {
    super(`simulation checks failed: ${failures.join('; ')}`)
    this.name = 'SimCheckFailedError'
    this.failures = failures
  }
}

/** Node threads need a backend that other threads can reach (an EVM chain). */
export class SimThreadsUnsupportedError extends Error {
  readonly settlement: string
  constructor(settlement: string) {
    super(`node threads need chain settlement; ${settlement} settlement runs every node in one thread`)
    this.name = 'SimThreadsUnsupportedError'
    this.settlement = settlement
  }
}

/** A node thread stopped (crashed or was terminated) with calls to it in flight. */
export class SimThreadExitedError extends Error {
  readonly thread: number
  constructor(thread: number, detail: string, options?: ErrorOptions) {
    super(`node thread ${thread} exited: ${detail}`, options)
    this.name = 'SimThreadExitedError'
    this.thread = thread
  }
}
