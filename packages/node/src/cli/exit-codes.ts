/**
 * Exit codes of the `bazaar` CLI. Scripts may rely on them; they are documented in the package
 * README and in `bazaar --help`.
 */
export const ExitCode = {
  /** Success. */
  OK: 0,
  /** An unexpected internal error (a bug): the message and the log say more. */
  INTERNAL: 1,
  /** Bad command line: unknown flag, missing argument, invalid value. */
  USAGE: 2,
  /** Configuration problem: no data directory or config file, or an invalid value in it. */
  CONFIG: 3,
  /** No node is running for this data directory, or its control API cannot be reached. */
  NOT_RUNNING: 4,
  /** The control API refused the token. */
  UNAUTHORIZED: 5,
  /** Nothing found: no worker offers the skill, no such peer or channel. */
  NOT_FOUND: 6,
  /** A job failed: rejected, over budget, deadline passed, bad delivery. */
  JOB_FAILED: 7,
  /** Settlement failed (chain or ledger refused or could not be reached). */
  SETTLEMENT: 8,
  /** The simulation finished but its books did not balance or a check failed. */
  SIM_CHECK: 9,
  /** Stopped by SIGINT. */
  INTERRUPTED: 130,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

/** One line per code, for `bazaar --help`. */
export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  internal error (a bug; see the log)
  2  bad command line (unknown flag, missing or invalid value)
  3  configuration problem (run \`bazaar init\`, or fix the config file)
  4  no node running for this data directory (run \`bazaar start\`)
  5  control API refused the token
  6  nothing found (no worker for the skill, unknown peer)
  7  job failed (rejected, over budget, deadline, bad delivery)
  8  settlement failed
  9  simulation check failed (books did not balance)
  130 interrupted`
