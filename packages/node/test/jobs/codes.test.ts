import { ErrorCode } from '@bazaar/protocol'
import { describe, expect, it } from 'vitest'
import { codeOf, errorFromCode } from '../../src/jobs/codes.js'
import { JobError, SpendingLimitError } from '../../src/jobs/errors.js'

const codes = Object.values(ErrorCode).filter(
  (c): c is ErrorCode => typeof c === 'string' && c !== ErrorCode.ERROR_CODE_UNSPECIFIED,
)

describe('wire codes <-> job errors', () => {
  it.each(codes)('%s maps to a job error that maps back to it', (code) => {
    const error = errorFromCode(code, 'from the peer')
    expect(error).toBeInstanceOf(JobError)
    expect(error.message).toBe('from the peer')
    expect(codeOf(error)).toBe(code)
  })

  it('gives every code its own class, except the channel rules (one class, the code inside)', () => {
    const names = new Map<string, ErrorCode[]>()
    for (const code of codes) {
      const name = errorFromCode(code, '').name
      names.set(name, [...(names.get(name) ?? []), code])
    }
    for (const [name, list] of names) {
      if (name !== 'ChannelRejectedError') expect(list, name).toHaveLength(1)
    }
  })

  it('never tells a peer more than INTERNAL about an unknown or local failure', () => {
    expect(codeOf(new Error('disk on fire'))).toBe(ErrorCode.INTERNAL)
    expect(codeOf('not even an error')).toBe(ErrorCode.INTERNAL)
    expect(codeOf(new SpendingLimitError('per-day', 5n, 1n))).toBe(ErrorCode.INTERNAL)
  })

  it('maps stream-level failures onto their codes', () => {
    for (const [name, code] of [
      ['FrameTooLargeError', ErrorCode.TOO_LARGE],
      ['MalformedFrameError', ErrorCode.MALFORMED],
      ['FrameTimeoutError', ErrorCode.TIMEOUT],
      ['TooManyFramesError', ErrorCode.RATE_LIMITED],
    ] as const) {
      expect(codeOf(Object.assign(new Error(''), { name }))).toBe(code)
    }
  })
})
