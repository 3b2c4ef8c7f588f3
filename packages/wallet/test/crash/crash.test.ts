/**
 * Crash tests: a real child process (stream-child.ts) runs several payer/payee pairs, each
 * streaming payments on its own channel, and is killed with SIGKILL at a random moment (during
 * start-up and re-establish, between a persist and a send, mid group commit), then restarted.
 * One kill interrupts every pair at a different point: each pair counts as one kill point.
 * Checked on every restart and at the end: no acknowledged update is lost, no sequence is ever
 * reused with another state, and payer and payee agree after re-establish.
 */
import { spawn } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildWallet, tempDir } from '../helpers.js'

const here = dirname(fileURLToPath(import.meta.url))
const CHILD = join(here, 'stream-child.ts')
const PAIRS = 4
const RUNS = 54

interface Run {
  signal: NodeJS.Signals | null
}

/** Runs the child; `killAfterMs` counts from the first `R` line (or from spawn when `early`). */
function run(
  dirs: string[],
  mode: string,
  onLine: (l: string) => void,
  opts: { batch?: number; killAfterMs?: number; early?: boolean } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dirs.join(','), mode, String(opts.batch ?? 8)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => {
      stderr += d
    })
    let armed = false
    const arm = () => {
      if (armed || opts.killAfterMs === undefined) return
      armed = true
      setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs)
    }
    if (opts.early) arm()
    createInterface({ input: child.stdout }).on('line', (line) => {
      onLine(line)
      if (line.startsWith('R ')) arm()
    })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`child ${mode} exited ${code}: ${stderr}`))
      else resolve({ signal })
    })
  })
}

interface PairState {
  created: Map<bigint, string>
  acked: Map<bigint, string>
  maxCreated: bigint
  maxAcked: bigint
}

describe('crash recovery (SIGKILL)', () => {
  beforeAll(() => {
    // The child runs the built package (Node strips the child's own types).
    return buildWallet()
  }, 120_000)

  it(`no acked update lost, no sequence reused, both sides agree: ${PAIRS * RUNS} kill points`, async () => {
    const { dir, cleanup } = await tempDir('bazaar-crash-')
    try {
      const dirs = Array.from({ length: PAIRS }, (_, i) => join(dir, `pair${i}`))
      for (const d of dirs) await mkdir(d)
      await run(dirs, 'setup', () => undefined)
      const pairs: PairState[] = dirs.map(() => ({
        created: new Map(),
        acked: new Map(),
        maxCreated: 0n,
        maxAcked: 0n,
      }))
      const failures: string[] = []
      const check = (ok: boolean, what: string) => {
        if (!ok && failures.length < 20) failures.push(what)
      }
      const onLine = (line: string) => {
        const [kind, idx, a, b, c, d] = line.split(' ')
        const s = pairs[Number(idx)]
        if (s === undefined) return
        if (kind === 'R') {
          const [payerSeq, payerHash, payeeSeq, payeeHash] = [BigInt(a!), b!, BigInt(c!), d!]
          check(
            payeeSeq === payerSeq && payeeHash === payerHash,
            `pair ${idx}: disagree after re-establish ${line}`,
          )
          check(payeeSeq >= s.maxAcked, `pair ${idx}: acked ${s.maxAcked} lost (payee at ${payeeSeq})`)
          check(
            payerSeq >= s.maxCreated,
            `pair ${idx}: persisted ${s.maxCreated} lost (payer at ${payerSeq})`,
          )
          const known = s.created.get(payerSeq)
          check(known === undefined || known === payerHash, `pair ${idx}: state ${payerSeq} changed`)
        } else if (kind === 'C' || kind === 'A') {
          const seq = BigInt(a!)
          const known = s.created.get(seq)
          check(known === undefined || known === b, `pair ${idx}: sequence ${seq} reused with another state`)
          s.created.set(seq, b!)
          if (seq > s.maxCreated) s.maxCreated = seq
          if (kind === 'A') {
            s.acked.set(seq, b!)
            if (seq > s.maxAcked) s.maxAcked = seq
          }
        }
      }
      let killPoints = 0
      let seed = 12345
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31
        return seed / 2 ** 31
      }
      for (let k = 0; k < RUNS; k++) {
        const early = random() < 0.2
        const r = await run(dirs, 'stream', onLine, {
          batch: [1, 4, 16, 64][Math.floor(random() * 4)]!,
          early,
          killAfterMs: early ? 100 + Math.floor(random() * 300) : Math.floor(random() * 150),
        })
        if (r.signal === 'SIGKILL') killPoints += PAIRS
      }
      // At the end the histories on disk hold every update ever printed, the same on both sides.
      const history = pairs.map(() => new Map<bigint, [string, string]>())
      await run(dirs, 'dump', (line) => {
        const [kind, idx, seq, payerHash, payeeHash] = line.split(' ')
        if (kind === 'H') history[Number(idx)]!.set(BigInt(seq!), [payerHash!, payeeHash!])
      })
      pairs.forEach((s, i) => {
        for (const [seq, hash] of s.acked)
          check(history[i]!.get(seq)?.[1] === hash, `pair ${i}: acked ${seq} not kept`)
        for (const [seq, hash] of s.created)
          check(history[i]!.get(seq)?.[0] === hash, `pair ${i}: created ${seq} not kept`)
        for (const [seq, [ph, qh]] of history[i]!)
          check(qh === '-' || qh === ph, `pair ${i}: sides differ at ${seq}`)
      })
      expect(failures).toEqual([])
      expect(killPoints).toBeGreaterThanOrEqual(200)
      // The streams really ran across the restarts.
      for (const s of pairs) expect(s.maxAcked).toBeGreaterThan(20n)
    } finally {
      await cleanup()
    }
  }, 600_000)
})
