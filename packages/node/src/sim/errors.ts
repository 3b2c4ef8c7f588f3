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
