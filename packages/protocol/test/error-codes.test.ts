import { describe, expect, it } from 'vitest'
import * as p from '../src/index.js'

const codes = Object.values(p.ErrorCode).filter((v): v is p.ErrorCode => typeof v === 'string')

describe('wire error codes', () => {
  it('numeric values match the protobuf enum and round-trip', () => {
    for (const code of codes) {
      const wire = p.Reject.encode({ jobId: new Uint8Array(0), code, message: '' })
      const value = wire.length === 0 ? 0 : wire[1]!
      expect(p.errorCodeValue(code)).toBe(value)
      expect(p.errorCodeFromValue(p.errorCodeValue(code))).toBe(code)
    }
    expect(new Set(codes.map(p.errorCodeValue)).size).toBe(codes.length)
    expect(p.errorCodeFromValue(9999)).toBe(p.ErrorCode.ERROR_CODE_UNSPECIFIED)
  })

  it('maps every local error to its wire code', () => {
    const table: [Error, p.ErrorCode][] = [
      [new p.MessageTooLargeError('card', 1, 2), p.ErrorCode.TOO_LARGE],
      [new p.MalformedMessageError('card', 'x'), p.ErrorCode.MALFORMED],
      [new p.MissingFieldError('f'), p.ErrorCode.MALFORMED],
      [new p.InvalidLengthError('f', 32, 31), p.ErrorCode.MALFORMED],
      [new p.OutOfRangeError('f', 1, '0..0'), p.ErrorCode.MALFORMED],
      [new p.InvalidStringError('f'), p.ErrorCode.MALFORMED],
      [new p.MismatchError('f', 'x'), p.ErrorCode.MALFORMED],
      [new p.TimeOutOfRangeError('f', 1n, 2n, 'expired'), p.ErrorCode.TIME_OUT_OF_RANGE],
      [new p.UnsupportedVersionError('card', 2, 1), p.ErrorCode.UNSUPPORTED_VERSION],
      [new p.BadSignatureError('card'), p.ErrorCode.BAD_SIGNATURE],
      [new Error('boom'), p.ErrorCode.INTERNAL],
      [Object.assign(new Error('busy'), { errorCode: p.ErrorCode.BUSY }), p.ErrorCode.BUSY],
    ]
    for (const [err, code] of table) expect(p.errorCodeOf(err), err.name).toBe(code)
    expect(p.errorCodeOf('not an error')).toBe(p.ErrorCode.INTERNAL)
    expect(p.errorCodeOf(null)).toBe(p.ErrorCode.INTERNAL)
  })

  it('maps every wire code to a RemoteError with a retry hint', () => {
    for (const code of codes) {
      const err = p.errorFromCode(code, 'details')
      expect(err.name).toBe('RemoteError')
      expect(err.code).toBe(code)
      expect(err.message).toContain(code)
      expect(typeof err.retryable).toBe('boolean')
    }
    expect(p.errorFromCode(p.ErrorCode.BUSY).retryable).toBe(true)
    expect(p.errorFromCode(p.ErrorCode.BAD_SIGNATURE).retryable).toBe(false)
    expect(p.errorFromCode(p.ErrorCode.ASSET_NOT_ACCEPTED).retryable).toBe(false)
    expect(p.errorCodeValue(p.ErrorCode.ASSET_NOT_ACCEPTED)).toBe(33)
    expect(p.errorCodeFromValue(33)).toBe(p.ErrorCode.ASSET_NOT_ACCEPTED)
    expect(p.errorFromCode('NOPE' as p.ErrorCode).code).toBe(p.ErrorCode.ERROR_CODE_UNSPECIFIED)
  })
})

describe('job states', () => {
  const states = Object.values(p.JobState).filter((v): v is p.JobState => typeof v === 'string')
  it('map one to one onto A2A TaskState', () => {
    const names = states.map(p.toA2ATaskState)
    expect(new Set(names).size).toBe(states.length)
    for (const s of states) expect(p.fromA2ATaskState(p.toA2ATaskState(s))).toBe(s)
    expect(p.toA2ATaskState(p.JobState.INPUT_REQUIRED)).toBe('TASK_STATE_INPUT_REQUIRED')
  })
  it('terminal states have no way out; every other state reaches a terminal one', () => {
    for (const s of p.TERMINAL_JOB_STATES) expect(p.nextJobStates(s)).toEqual([])
    for (const s of states) {
      if (p.TERMINAL_JOB_STATES.has(s) || s === p.JobState.JOB_STATE_UNSPECIFIED) continue
      expect(p.nextJobStates(s).some((n) => p.TERMINAL_JOB_STATES.has(n))).toBe(true)
    }
    expect(p.canTransition(p.JobState.SUBMITTED, p.JobState.WORKING)).toBe(true)
    expect(p.canTransition(p.JobState.COMPLETED, p.JobState.WORKING)).toBe(false)
  })
  it('payment statuses use the a2a-x402 names', () => {
    expect(p.toX402PaymentStatus(p.PaymentStatus.PAYMENT_REQUIRED)).toBe('payment-required')
    expect(p.toX402PaymentStatus(p.PaymentStatus.PAYMENT_COMPLETED)).toBe('payment-completed')
    expect(p.toX402PaymentStatus(p.PaymentStatus.PAYMENT_STATUS_UNSPECIFIED)).toBeUndefined()
  })
})
