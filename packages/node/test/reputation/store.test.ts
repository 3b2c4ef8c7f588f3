import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AttestationStore } from '../../src/reputation/store.js'
import { attestationId, type VerifiedAttestation } from '../../src/reputation/types.js'

const key = (n: number): string => n.toString(16).padStart(64, '0')
let seq = 0
function att(attester: number, subject: number, issuedAt: number): VerifiedAttestation {
  const jobId = (seq++).toString(16).padStart(64, '0')
  return {
    id: attestationId(jobId, key(attester)),
    bytes: new Uint8Array([1, 2, 3, seq % 256]),
    attester: key(attester),
    subject: key(subject),
    jobId,
    skill: 'summarize',
    rating: 80,
    issuedAt,
    price: 12_345_678_901_234_567_890n,
    asset: 'USDC',
    role: 'client',
  }
}

const dirs: string[] = []
function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bazaar-rep-store-'))
  dirs.push(dir)
  return join(dir, 'sub', 'reputation.sqlite')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('AttestationStore', () => {
  it('survives a restart with every field intact', () => {
    const path = tempPath()
    const a = att(1, 2, 1_000)
    const s1 = new AttestationStore({ path })
    expect(s1.put(a)).toEqual({ inserted: true, evicted: [] })
    expect(s1.put(a).inserted).toBe(false)
    s1.close()
    const s2 = new AttestationStore({ path })
    expect(s2.has(a.id)).toBe(true)
    expect([...s2.all()]).toEqual([a])
    s2.close()
  })

  it('answers catch-up queries by time, oldest first, bounded by a limit', () => {
    const s = new AttestationStore({ path: ':memory:' })
    const rows = [att(1, 2, 300), att(1, 3, 100), att(2, 3, 200), att(3, 1, 400)]
    for (const r of rows) s.put(r)
    expect(s.since(150, 2).map((r) => r.issuedAt)).toEqual([200, 300])
    expect(s.since(0, 10).map((r) => r.issuedAt)).toEqual([100, 200, 300, 400])
    expect(s.since(401, 10)).toEqual([])
    s.close()
  })

  it('keeps the newest per subject and per attester', () => {
    const s = new AttestationStore({ path: ':memory:', maxPerSubject: 3, maxPerAttester: 4 })
    const aboutSeven = [5, 1, 4, 2, 3].map((t, i) => att(10 + i, 7, t))
    const evicted = aboutSeven.flatMap((a) => s.put(a).evicted)
    expect(evicted).toEqual([aboutSeven[1]!.id, aboutSeven[3]!.id])
    expect(s.since(0, 10).map((r) => r.issuedAt)).toEqual([3, 4, 5])
    const byOne = [10, 11, 12, 13, 14].map((t, i) => att(1, 20 + i, t))
    const ev2 = byOne.flatMap((a) => s.put(a).evicted)
    expect(ev2).toEqual([byOne[0]!.id])
    s.close()
  })

  it('evicts the oldest beyond the total cap but never this node’s own attestations', () => {
    const s = new AttestationStore({ path: ':memory:', maxAttestations: 3, protectedAttester: key(99) })
    const own = att(99, 1, 1)
    s.put(own)
    const others = [att(2, 3, 10), att(3, 4, 20), att(4, 5, 30)]
    const evicted = others.flatMap((a) => s.put(a).evicted)
    expect(evicted).toEqual([others[0]!.id])
    expect(s.has(own.id)).toBe(true)
    expect(s.count()).toBe(3)
    // A newcomer older than everything evicts itself.
    const stale = att(5, 6, 5)
    expect(s.put(stale)).toEqual({ inserted: true, evicted: [stale.id] })
    s.close()
  })

  it('prunes attestations older than the maximum age', () => {
    const s = new AttestationStore({ path: ':memory:', maxAgeMs: 1_000 })
    const old = att(1, 2, 100)
    const fresh = att(1, 3, 5_000)
    s.put(old)
    s.put(fresh)
    expect(s.pruneExpired(5_500)).toEqual([old.id])
    expect(s.count()).toBe(1)
    s.close()
  })
})
