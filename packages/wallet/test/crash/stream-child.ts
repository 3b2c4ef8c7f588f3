/**
 * Crash-test child (run by Node directly, types stripped). For each directory given, a payer and
 * a payee wallet sharing a LocalLedger file in it; all pairs stream payments at once until the
 * parent kills the process, so one SIGKILL interrupts every pair at a different point.
 *
 *   setup  : create keys, fund, open the channel, write `<dir>/channel`.
 *   stream : re-establish (the payer re-sends what the payee lacks), print `R i ...`, then stream
 *            batches of updates (payments, and hash locks revealed and folded a round later), printing `C i seq hash` once the payer persisted an update and
 *            `A i seq hash` once the payee persisted and acked it.
 *   dump   : print `H i seq payerHash payeeHash` for every update, then `END`.
 *
 * Lines go to stdout, which is synchronous for pipes on Linux: a printed line happened.
 */
import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { keccak256, updateDigest } from '@bazaar/protocol'
import type { UpdateRequest } from '../../dist/src/channels/types.js'
// Only the modules it needs (not the package index): the EVM half of dist/ is rebuilt by others.
import { loadWalletKeys } from '../../dist/src/identity/keys.js'
import { LocalLedger } from '../../dist/src/settlement/local-ledger.js'
import { openWallet } from '../../dist/src/wallet.js'

const [dirList, mode, batchArg] = process.argv.slice(2) as [string, string, string | undefined]
const batch = Number(batchArg ?? 8)
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
const out = (line: string) => process.stdout.write(`${line}\n`)

async function pair(dir: string, i: number): Promise<void> {
  const keysA = await loadWalletKeys({ dataDir: join(dir, 'a') })
  const keysB = await loadWalletKeys({ dataDir: join(dir, 'b') })
  const path = join(dir, 'ledger.db')
  const ledgerA = await LocalLedger.open({ path, account: keysA.settlementKey.address })
  const ledgerB = await LocalLedger.open({ path, account: keysB.settlementKey.address })
  const payer = await openWallet({ dataDir: join(dir, 'a'), settlement: ledgerA, keys: keysA, watch: false })
  const payee = await openWallet({ dataDir: join(dir, 'b'), settlement: ledgerB, keys: keysB, watch: false })

  if (mode === 'setup') {
    await ledgerA.mint(keysA.settlementKey.address, 10n ** 12n)
    const { channelId, open } = await payer.channels.open({
      peerKey: keysB.peerKey.publicKey,
      payeeAddress: keysB.settlementKey.address,
      deposit: 10n ** 12n,
    })
    await payee.channels.acceptOpen(open, keysA.peerKey.publicKey)
    await writeFile(join(dir, 'channel'), hex(channelId))
    return
  }
  const id = new Uint8Array(Buffer.from(await readFile(join(dir, 'channel'), 'utf8'), 'hex'))
  if (mode === 'dump') {
    const a = payer.channels.history(id)
    const b = payee.channels.history(id)
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      const seq = a[k]?.update.sequence ?? b[k]?.update.sequence
      out(`H ${i} ${seq} ${a[k] ? hex(a[k].stateHash) : '-'} ${b[k] ? hex(b[k].stateHash) : '-'}`)
    }
    return
  }
  // Re-establish, both directions, as the pay stream does on reconnect.
  const fromPayee = await payer.channels.handleReestablish(payee.channels.reestablishInfo(id))
  const toPayee = await payee.channels.handleReestablish(payer.channels.reestablishInfo(id))
  if (fromPayee.status === 'resend') {
    const acks = await Promise.all(fromPayee.updates.map((u) => payee.channels.receiveUpdate(u)))
    for (const a of acks) await payer.channels.receiveAck(a)
  }
  const pa = payer.channels.reestablishInfo(id)
  const pb = payee.channels.reestablishInfo(id)
  out(
    `R ${i} ${pa.lastSequence} ${hex(pa.lastStateHash)} ${pb.lastSequence} ${hex(pb.lastStateHash)} ${toPayee.status}`,
  )
  // Every third round opens a hash lock; the next round reveals it and folds it. The preimage
  // derives from the lock's job id, so a lock whose round was killed is folded after the restart.
  const preimageOf = (jobId: Uint8Array) => keccak256(Buffer.concat([Buffer.from('crash-test'), jobId]))
  for (let round = 0; ; round++) {
    const requests: UpdateRequest[] = []
    for (const lock of payer.channels.get(id)!.latest?.locks ?? []) {
      const preimage = preimageOf(lock.jobId)
      await payee.channels.revealPreimage(id, preimage)
      await payer.channels.recordPreimage(id, preimage)
      requests.push({ fold: lock.hash })
    }
    if (round % 3 === 0) {
      const jobId = new Uint8Array(randomBytes(32))
      const hash = keccak256(preimageOf(jobId))
      requests.push({
        lock: { hash, amount: 2n, expiry: BigInt(Math.floor(Date.now() / 1000)) + 3_600n, jobId },
      })
    }
    while (requests.length < batch) requests.push({ pay: 1n })
    const updates = await Promise.all(requests.map((r) => payer.channels.createUpdate(id, r)))
    for (const u of updates) out(`C ${i} ${u.sequence} ${hex(updateDigest(payer.channels.domain, u))}`)
    const acks = await Promise.all(updates.map((u) => payee.channels.receiveUpdate(u)))
    for (const a of acks) out(`A ${i} ${a.sequence} ${hex(a.stateHash)}`)
    await Promise.all(acks.map((a) => payer.channels.receiveAck(a)))
  }
}

await Promise.all(dirList.split(',').map((d, i) => pair(d, i)))
// Exit only once stdout is drained (a large dump is still in the pipe's queue otherwise).
process.stdout.write('END\n', () => process.exit(0))
