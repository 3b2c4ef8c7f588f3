/**
 * LocalLedger shared by several processes: each child opens and closes channels on one ledger
 * file at the same time; the file's totals must balance to the unit and nothing may be lost.
 */
import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, expect, it } from 'vitest'
import { LocalLedger } from '../../src/index.js'
import { buildWallet, tempDir } from '../helpers.js'

const here = dirname(fileURLToPath(import.meta.url))
const run = promisify(execFile)

beforeAll(() => {
  return buildWallet()
}, 120_000)

it('four processes racing on one ledger file keep its totals exact', async () => {
  const { dir, cleanup } = await tempDir('bazaar-ledger-')
  try {
    const path = join(dir, 'ledger.db')
    const PROCS = 4
    const EACH = 60
    const outs = await Promise.all(
      Array.from({ length: PROCS }, () =>
        run(process.execPath, [join(here, 'ledger-child.ts'), path, String(EACH)]),
      ),
    )
    for (const o of outs) expect(o.stdout).toBe('DONE 60 true\n')
    const ledger = await LocalLedger.open({ path, account: new Uint8Array(20).fill(9) })
    const t = ledger.totals()
    expect(t.minted).toBe(BigInt(PROCS * EACH * 100))
    expect(t.balances + t.held).toBe(t.minted)
    // Half the channels were closed and paid out; the other half still hold their deposits.
    expect(t.held).toBe(BigInt((PROCS * EACH * 100) / 2))
    await ledger.stop()
  } finally {
    await cleanup()
  }
})
