/**
 * Fault tests of the journaled sender: the RPC endpoint fails mid-settlement and comes back; the
 * node is killed with SIGKILL between recording and sending a close. In every case the
 * transaction completes after recovery, exactly once.
 */
import { spawn } from 'node:child_process'
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EvmSettlement } from '../../src/evm/evm-settlement.js'
import { bazaarChannelsCodeHash } from '../../src/evm/generated/artifacts.js'
import { FileSettlementJournal } from '../../src/evm/tx-journal.js'
import type { SettlementEvent } from '../../src/settlement/types.js'
import { type Fixture, hex, openChannel, plainState, startFixture } from './fixture.js'
import { type RpcProxy, startRpcProxy } from './rpc-proxy.js'

let f: Fixture
let dir: string
beforeAll(async () => {
  f = await startFixture()
  dir = await mkdtemp(join(tmpdir(), 'bazaar-journal-'))
})
afterAll(async () => {
  await f?.stop()
  await rm(dir, { recursive: true, force: true })
})

/** Polls with a deadline: recovery finishing raises no event of its own. */
async function until(check: () => Promise<boolean>, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached before the deadline')
    await new Promise((r) => setTimeout(r, 20))
  }
}

let n = 0
async function journaled(proxy: RpcProxy, key: Uint8Array) {
  const journal = await FileSettlementJournal.open(join(dir, `journal-${n++}.jsonl`))
  const settlement = await EvmSettlement.connect({
    rpcUrl: proxy.url,
    chainId: f.chainId,
    contract: f.contract,
    privateKey: key,
    pollingIntervalMs: 20,
    retryIntervalMs: 50,
    journal,
  })
  return { journal, settlement }
}

describe('FileSettlementJournal', () => {
  it('survives a reopen, drops a torn last line, refuses a corrupt one, and is private', async () => {
    const path = join(dir, 'unit.jsonl')
    const j = await FileSettlementJournal.open(path)
    const intent = {
      action: 'close' as const,
      channelId: new Uint8Array(32).fill(7),
      to: f.contractHex,
      data: '0x12' as const,
      value: 5n,
    }
    const a = await j.record(intent)
    const b = await j.record({ ...intent, action: 'withdraw' })
    await j.signed(a, '0xabcd', `0x${'11'.repeat(32)}`)
    await j.done(b, { tx: { ref: '0x01', height: 3n } })
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    const again = await FileSettlementJournal.open(path)
    const pending = await again.pending()
    expect(pending).toHaveLength(1)
    expect(pending[0]).toMatchObject({ id: a, raw: '0xabcd', intent: { action: 'close', value: 5n } })
    expect(hex(pending[0]!.intent.channelId!)).toBe(hex(intent.channelId))
    // A crash in the middle of a write leaves a partial last line: dropped, and the file repaired.
    await writeFile(path, `${await readFile(path, 'utf8')}{"op":"done","id":"`)
    const torn = await FileSettlementJournal.open(path)
    expect(await torn.pending()).toHaveLength(1)
    expect(await torn.record(intent)).toBe('3')
    // Damage before the end is not silently skipped.
    const text = await readFile(path, 'utf8')
    await writeFile(path, text.replace('"op":"signed"', '"op":"sig'))
    await chmod(path, 0o600)
    await expect(FileSettlementJournal.open(path)).rejects.toMatchObject({
      name: 'JournalCorruptError',
      line: 3,
    })
  })
})

describe('RPC failure mid-settlement', () => {
  it('the answer to a top-up broadcast is lost: recovery confirms it and never tops up twice', async () => {
    const ch = await openChannel(f, { native: true, deposit: 1_000n })
    const proxy = await startRpcProxy(f.anvil.rpcUrl)
    const { journal, settlement } = await journaled(proxy, f.payer.key)
    proxy.mode = 'lose-broadcast-answer'
    await expect(settlement.topUp(ch.channelId, 5n)).rejects.toMatchObject({ name: 'RpcUnavailableError' })
    expect(proxy.broadcasts).toBe(1)
    expect(await journal.pending()).toHaveLength(1)
    proxy.mode = 'up'
    await until(async () => (await journal.pending()).length === 0)
    expect((await f.payer.settlement.getChannel(ch.channelId))?.deposit).toBe(1_005n)
    await settlement.stop()
    await proxy.close()
  })

  it('the endpoint dies at the broadcast of a withdraw: the same signed bytes go out once it is back', async () => {
    const ch = await openChannel(f, { native: true, deposit: 1_000n })
    await f.payee.settlement.close(await f.signUpdate(f.payer.key, plainState(ch.channelId, 1n, 400n)))
    await f.increaseTime(ch.disputeWindow)
    const proxy = await startRpcProxy(f.anvil.rpcUrl)
    const { journal, settlement } = await journaled(proxy, f.payee.key)
    const from = await f.client.getBlockNumber()
    const paidOut = new Promise<SettlementEvent>((resolve) => {
      const stop = f.stranger.settlement.watch((e) => {
        if (e.type === 'paid-out' && hex(e.channelId) === hex(ch.channelId)) {
          stop()
          resolve(e)
        }
      }, from)
    })
    proxy.mode = 'down-at-broadcast'
    await expect(settlement.withdraw(ch.channelId)).rejects.toMatchObject({ name: 'RpcUnavailableError' })
    expect(proxy.broadcasts).toBe(0)
    const [entry] = await journal.pending()
    expect(entry?.raw).toBeDefined()
    proxy.mode = 'up'
    expect(await paidOut).toMatchObject({ toPayee: 400n, toPayer: 600n })
    await until(async () => (await journal.pending()).length === 0)
    const mined = await f.client.getTransactionReceipt({ hash: entry!.txHash! })
    expect(mined.status).toBe('success')
    await settlement.stop()
    await proxy.close()
  })
})

describe('SIGKILL between recording and sending a close', () => {
  const evmDist = fileURLToPath(new URL('../../dist/src/evm/', import.meta.url))

  it('runs the child on a build of the current contract (else: pnpm exec tsc -b packages/wallet)', async () => {
    const built = (await import(join(evmDist, 'generated', 'artifacts.js'))) as {
      bazaarChannelsCodeHash: string
    }
    expect(built.bazaarChannelsCodeHash).toBe(bazaarChannelsCodeHash)
  })

  it.each([
    ['record', false],
    ['signed', false],
    ['signed', true],
  ] as const)(
    'killed right after %s (its nonce spent meanwhile: %s): the close is sent on restart',
    async (killAt, spend) => {
      const ch = await openChannel(f, { deposit: 1_000n })
      const state = await f.signUpdate(f.payer.key, plainState(ch.channelId, 3n, 300n))
      const journalPath = join(dir, `kill-${killAt}-${spend}.jsonl`)
      const input = {
        killAt,
        journal: journalPath,
        rpcUrl: f.anvil.rpcUrl,
        chainId: f.chainId.toString(),
        contract: hex(f.contract),
        key: hex(f.payee.key),
        state: Object.fromEntries(
          Object.entries(state).map(([k, v]) => [k, typeof v === 'bigint' ? `n${v}` : hex(v as Uint8Array)]),
        ),
      }
      const script = `
      const { EvmSettlement } = await import(${JSON.stringify(join(evmDist, 'evm-settlement.js'))})
      const { FileSettlementJournal } = await import(${JSON.stringify(join(evmDist, 'tx-journal.js'))})
      const input = JSON.parse(process.env.BAZAAR_TEST_INPUT)
      const bytes = (h) => Uint8Array.from(Buffer.from(h.slice(2), 'hex'))
      const journal = await FileSettlementJournal.open(input.journal)
      const die = (at) => { if (input.killAt === at) process.kill(process.pid, 'SIGKILL') }
      const wrapped = {
        record: async (i) => { const id = await journal.record(i); die('record'); return id },
        signed: async (id, raw, hash) => { await journal.signed(id, raw, hash); die('signed') },
        done: (id, o) => journal.done(id, o),
        pending: () => journal.pending(),
      }
      const s = await EvmSettlement.connect({
        rpcUrl: input.rpcUrl, chainId: BigInt(input.chainId), contract: bytes(input.contract),
        privateKey: bytes(input.key), journal: wrapped, pollingIntervalMs: 20,
      })
      const state = Object.fromEntries(Object.entries(input.state).map(([k, v]) => [k, v.startsWith('n') ? BigInt(v.slice(1)) : bytes(v)]))
      await s.close(state)
      process.exit(3) // not reached: killed before the close was sent
    `
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, BAZAAR_TEST_INPUT: JSON.stringify(input) },
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString()
      })
      const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
        child.once('exit', (_code, sig) => resolve(sig)),
      )
      expect(signal, stderr).toBe('SIGKILL')
      // Nothing reached the chain.
      expect((await f.payee.settlement.getChannel(ch.channelId))?.status).toBe('open')

      if (spend) {
        // Meanwhile the account sends something else: the signed close's nonce is spent.
        await f.rawCall(f.payee.key, f.payer.hex, '0x', 1n)
      }
      // Restart: the journal names the close; start-up sends it.
      const journal = await FileSettlementJournal.open(journalPath)
      const [entry] = await journal.pending()
      expect(entry?.intent.action).toBe('close')
      expect(entry?.raw !== undefined).toBe(killAt === 'signed')
      const restarted = await EvmSettlement.connect({
        rpcUrl: f.anvil.rpcUrl,
        chainId: f.chainId,
        contract: f.contract,
        privateKey: f.payee.key,
        pollingIntervalMs: 20,
        journal,
      })
      expect(restarted.recovered).toMatchObject([{ action: 'close', outcome: 'confirmed' }])
      // The same signed bytes while they can still apply; a fresh transaction once their nonce is spent.
      if (killAt === 'signed' && !spend) expect(restarted.recovered[0]?.tx?.ref).toBe(entry?.txHash)
      if (spend) expect(restarted.recovered[0]?.tx?.ref).not.toBe(entry?.txHash)
      expect(await f.payee.settlement.getChannel(ch.channelId)).toMatchObject({
        status: 'closing',
        sequence: 3n,
      })
      expect(await journal.pending()).toHaveLength(0)
      // A second restart finds nothing to do.
      const again = await EvmSettlement.connect({
        rpcUrl: f.anvil.rpcUrl,
        chainId: f.chainId,
        contract: f.contract,
        privateKey: f.payee.key,
        journal: await FileSettlementJournal.open(journalPath),
      })
      expect(again.recovered).toEqual([])
      await restarted.stop()
      await again.stop()
    },
  )
})
