/**
 * The job state machine (docs/PROTOCOL.md "Job states"): JobState maps one to one onto A2A v1
 * TaskState, PaymentStatus onto a2a-x402's `x402.payment.status`, so a bridge is a table lookup.
 */
import { JobState, PaymentStatus } from '../pb/job.js'

/** States no transition leaves. */
export const TERMINAL_JOB_STATES: ReadonlySet<JobState> = new Set([
  JobState.COMPLETED,
  JobState.FAILED,
  JobState.CANCELED,
  JobState.REJECTED,
])

const TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  [JobState.JOB_STATE_UNSPECIFIED]: [JobState.SUBMITTED],
  [JobState.SUBMITTED]: [
    JobState.WORKING,
    JobState.INPUT_REQUIRED,
    JobState.REJECTED,
    JobState.CANCELED,
    JobState.AUTH_REQUIRED,
    JobState.FAILED,
  ],
  [JobState.AUTH_REQUIRED]: [JobState.WORKING, JobState.REJECTED, JobState.CANCELED, JobState.FAILED],
  [JobState.WORKING]: [JobState.COMPLETED, JobState.FAILED, JobState.CANCELED, JobState.INPUT_REQUIRED],
  [JobState.INPUT_REQUIRED]: [JobState.WORKING, JobState.CANCELED, JobState.FAILED],
  [JobState.COMPLETED]: [],
  [JobState.FAILED]: [],
  [JobState.CANCELED]: [],
  [JobState.REJECTED]: [],
}

/** Whether a job may move from `from` to `to`. */
export function canTransition(from: JobState, to: JobState): boolean {
  return TRANSITIONS[from].includes(to)
}

/** The states reachable in one step from `from`. */
export function nextJobStates(from: JobState): readonly JobState[] {
  return TRANSITIONS[from]
}

/** A2A v1 `TaskState` names (a2a.proto), one per JobState. */
export type A2ATaskState =
  | 'TASK_STATE_UNSPECIFIED'
  | 'TASK_STATE_SUBMITTED'
  | 'TASK_STATE_WORKING'
  | 'TASK_STATE_COMPLETED'
  | 'TASK_STATE_FAILED'
  | 'TASK_STATE_CANCELED'
  | 'TASK_STATE_INPUT_REQUIRED'
  | 'TASK_STATE_REJECTED'
  | 'TASK_STATE_AUTH_REQUIRED'

/** JobState -> A2A TaskState. */
export function toA2ATaskState(state: JobState): A2ATaskState {
  return state === JobState.JOB_STATE_UNSPECIFIED ? 'TASK_STATE_UNSPECIFIED' : `TASK_STATE_${state}`
}

/** A2A TaskState -> JobState. */
export function fromA2ATaskState(state: A2ATaskState): JobState {
  return state === 'TASK_STATE_UNSPECIFIED'
    ? JobState.JOB_STATE_UNSPECIFIED
    : (state.slice('TASK_STATE_'.length) as JobState)
}

/** a2a-x402 `x402.payment.status` values, one per PaymentStatus. */
export type X402PaymentStatus =
  | 'payment-required'
  | 'payment-submitted'
  | 'payment-rejected'
  | 'payment-verified'
  | 'payment-completed'
  | 'payment-failed'

/** PaymentStatus -> a2a-x402 status; undefined for PAYMENT_STATUS_UNSPECIFIED. */
export function toX402PaymentStatus(status: PaymentStatus): X402PaymentStatus | undefined {
  if (status === PaymentStatus.PAYMENT_STATUS_UNSPECIFIED) return undefined
  return status.toLowerCase().replace('_', '-') as X402PaymentStatus
}
