/**
 * Runs the two example programs as real processes: the worker serves, the client finds it, hires
 * it and pays through a channel; the worker then shuts down cleanly on SIGTERM.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../test/helpers/processes.js'

const root = join(import.meta.dirname, '..')

describe('examples', () => {
  const dirs: string[] = []
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  })

  it('worker.ts serves a paid skill that client.ts finds, hires and pays for', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bazaar-examples-'))
    dirs.push(dir)
    const ledger = join(dir, 'ledger.db')
    const worker = run('examples/worker.ts', ['--data-dir', join(dir, 'worker'), '--ledger', ledger], root)
    try {
      const ready = await worker.next((l) => l.event === 'ready')
      const address = (ready.addresses as string[])[0]!
      const client = run(
        'examples/client.ts',
        [
          '--data-dir',
          join(dir, 'client'),
          '--ledger',
          ledger,
          '--bootstrap',
          address,
          '--fund',
          '1000000',
          '--budget',
          '50',
          '--text',
          'Agents hire agents here. Then they pay.',
        ],
        root,
      )
      const output = await client.next(() => true, 60_000)
      expect(await client.exited).toBe(0)
      expect(output).toMatchObject({
        worker: ready.peerId,
        result: 'Agents hire agents here. (7 words)',
        price: '10',
        channel: { paid: '10' },
      })
      expect((output.receipt as { bytes: string }).bytes.length).toBeGreaterThan(200)
      await worker.next((l) => l.event === 'job' && l.state === 'completed')
    } finally {
      worker.child.kill('SIGTERM')
    }
    await worker.next((l) => l.event === 'stopped')
    expect(await worker.exited).toBe(0)
  })
})
