/**
 * The job service's view of the protocol's signed messages: every check the protocol package
 * defines (field limits, strict wire walk, signature over the bytes as received, times), with its
 * errors turned into job errors through the wire code they map to.
 */
import { errorCodeOf } from '@bazaar/protocol'
import { errorFromCode } from './codes.js'
import { JobError } from './errors.js'

/** The job error for anything a protocol check threw. */
export function toJobError(err: unknown): JobError {
  if (err instanceof JobError) return err
  const error = errorFromCode(errorCodeOf(err), err instanceof Error ? err.message : String(err))
  if (err instanceof Error) (error as { cause?: unknown }).cause = err
  return error
}

/** Runs a protocol check; its failure becomes a typed job error. */
export function checked<T>(check: () => T): T {
  try {
    return check()
  } catch (err) {
    throw toJobError(err)
  }
}
