/**
 * The worker's process is killed (SIGKILL) in the middle of a paid job: the client sees a typed
 * error, no money moved (the channel holds its deposit, nothing paid or locked), and after the
 * worker restarts from its data directory (same identity, same channel) the client hires it again
 * on the same channel.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBazaarNode, peerIdOfKey } from '@bazaar/node'
import { LocalLedger, loadWalletKeys, openWallet } from '@bazaar/wallet'
import { afterAll, describe, expect, it } from 'vitest'
import { type Program, run } from './helpers/processes.js'

const root = join(import.meta.dirname, '..')

describe('worker process killed mid-job', () => {
  const cleanup: Array<() => Promise<unknown>> = []
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => {})
  })

  it('fails the hire with WorkerUnreachableError and moves no money', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bazaar-kill-'))
    cleanup.push(() => rm(dir, { recursive: true, force: true }))
    const ledgerPath = join(dir, 'ledger.db')
    const workerArgs = ['--data-dir', join(dir, 'worker'), '--ledger', ledgerPath, '--delay-ms', '60000']
    let worker: Program = run('examples/worker.ts', workerArgs, root)
    cleanup.push(async () => worker.child.kill('SIGKILL'))
    const ready = await worker.next((l) => l.event === 'ready')

    const keys = await loadWalletKeys({ dataDir: join(dir, 'client') })
    const ledger = await LocalLedger.open({ path: ledgerPath, account: keys.settlementKey.address })
    await ledger.mint(keys.settlementKey.address, 1_000_000n)
    const wallet = await openWallet({ dataDir: join(dir, 'client'), settlement: ledger, keys })
    const client = await createBazaarNode({ wallet, bootstrap: ready.addresses as string[] })
    await client.start()
    cleanup.push(async () => {
      await client.stop({ graceMs: 0 })
      await wallet.close()
      await ledger.stop()
    })

    const hire = client.jobs.hire({ skill: 'summarize', input: 'A long text. To summarise.', budget: 50n })
    const failed = expect(hire).rejects.toMatchObject({ name: 'WorkerUnreachableError' })
    await worker.next((l) => l.event === 'job' && l.state === 'working')
    worker.child.kill('SIGKILL')
    expect(await worker.exited).toBe('SIGKILL')
    await failed
    const channel = wallet.channels.list().find((c) => c.role === 'payer')!
    expect(wallet.channels.balance(channel.channelId)).toMatchObject({ paid: 0n, locked: 0n })
    const onLedger = await ledger.getChannel(channel.channelId)
    expect(onLedger).toMatchObject({ status: 'open', deposit: channel.capacity })

    // The worker comes back from its data directory: same peer id, same channel, paid this time.
    const port = (ready.addresses as string[])[0]!.split('/')[4]!
    worker = run('examples/worker.ts', [...workerArgs.slice(0, 4), '--port', port], root)
    const again = await worker.next((l) => l.event === 'ready')
    expect(again.peerId).toBe(ready.peerId)
    const folded = new Promise<void>((resolve) =>
      client.addEventListener('payment', (evt) => {
        if (evt.detail.kind === 'fold') resolve()
      }),
    )
    const result = await client.jobs.hire({
      skill: 'summarize',
      input: 'A long text. To summarise.',
      budget: 50n,
      peer: peerIdOfKey(channel.remotePeerKey),
    })
    expect(result.text()).toBe('A long text. (5 words)')
    expect(result.receipt?.body.channelId).toEqual(channel.channelId)
    await folded
    expect(wallet.channels.balance(channel.channelId)).toMatchObject({ paid: 10n, locked: 0n })
    worker.child.kill('SIGTERM')
    expect(await worker.exited).toBe(0)
  })
})
