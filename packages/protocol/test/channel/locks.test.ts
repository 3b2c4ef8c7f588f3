/** Lock Merkle roots and proofs: every lock proves against the root, nothing else does. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as p from '../../src/index.js'
import * as a from '../helpers/arbitraries.js'

describe('locks root', () => {
  it('is 32 zero bytes for no locks and the leaf for one', () => {
    expect(p.locksRoot([])).toEqual(new Uint8Array(32))
    fc.assert(
      fc.property(a.lock, (lock) => {
        expect(p.locksRoot([lock])).toEqual(p.lockLeaf(lock))
      }),
    )
  })

  it('every lock proves against the root; a changed lock or a wrong root does not', () => {
    fc.assert(
      fc.property(fc.array(a.lock, { minLength: 1, maxLength: 9 }), fc.nat(), (locks, at) => {
        const root = p.locksRoot(locks)
        locks.forEach((lock, i) => {
          expect(p.verifyLockProof(root, lock, p.lockProof(locks, i))).toBe(true)
        })
        const i = at % locks.length
        const other = { ...locks[i]!, amount: locks[i]!.amount + 1n }
        expect(p.verifyLockProof(root, other, p.lockProof(locks, i))).toBe(false)
        expect(p.verifyLockProof(p.keccak256(root), locks[i]!, p.lockProof(locks, i))).toBe(false)
      }),
      { numRuns: 100 },
    )
  })

  it('the leaf cache never returns a stale leaf for a lock that changed', () => {
    fc.assert(
      fc.property(a.lock, a.u64nz, (lock, amount) => {
        const first = p.lockLeaf(lock)
        const changed = { ...lock, amount: amount === lock.amount ? amount + 1n : amount }
        expect(p.lockLeaf(changed)).not.toEqual(first)
        expect(p.lockLeaf(changed)).toEqual(p.nobleKeccak256(abiLeaf(changed)))
      }),
    )
  })

  it('preimages match their hash only', () => {
    const preimage = new Uint8Array(32).fill(9)
    const lock = { hash: p.keccak256(preimage), amount: 1n, expiry: 1n, jobId: new Uint8Array(32) }
    expect(p.preimageMatches(lock, preimage)).toBe(true)
    expect(p.preimageMatches(lock, new Uint8Array(32))).toBe(false)
  })
})

function abiLeaf(lock: p.HashLock): Uint8Array {
  const word = (v: bigint) => Uint8Array.from(Buffer.from(v.toString(16).padStart(64, '0'), 'hex'))
  return Uint8Array.from([...lock.hash, ...word(lock.amount), ...word(lock.expiry), ...lock.jobId])
}
