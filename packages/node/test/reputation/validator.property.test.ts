import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { AttestationInvalidError } from '../../src/reputation/errors.js'
import { AttestationValidator } from '../../src/reputation/validator.js'
import { attestation, type Identity, identity, receipt } from './fixtures.js'

let valid: Uint8Array

beforeAll(async () => {
  const [client, worker] = (await Promise.all([identity(), identity()])) as [Identity, Identity]
  valid = attestation({ attester: client, subject: worker, receipt: receipt({ client, worker }) })
})

describe('AttestationValidator properties', () => {
  it('accepts no single-bit change of a valid attestation, and never throws', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(7), (at, bit) => {
        const bytes = Uint8Array.from(valid)
        bytes[at % bytes.length]! ^= 1 << bit
        const result = new AttestationValidator().validate(bytes)
        expect(result.ok).toBe(false)
        if (!result.ok) expect(result.error).toBeInstanceOf(AttestationInvalidError)
      }),
      { numRuns: 500 },
    )
  })

  it('answers arbitrary bytes with a typed failure, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
        const result = new AttestationValidator().validate(bytes)
        expect(result.ok).toBe(false)
        if (!result.ok) expect(typeof result.error.reason).toBe('string')
      }),
      { numRuns: 500 },
    )
  })
})
