import { join } from 'node:path'
import { generateSettlementKeyPair } from '@bazaar/protocol'
import { describe, expect, it } from 'vitest'
import { LocalLedger } from '../../src/index.js'
import { manualClock, NATIVE, tempDir } from '../helpers.js'
import { runSettlementConformance } from './conformance.js'

runSettlementConformance('LocalLedger', async () => {
  const { dir, cleanup } = await tempDir()
  const clock = manualClock()
  const payerKey = generateSettlementKeyPair()
  const payeeKey = generateSettlementKeyPair()
  const path = join(dir, 'ledger.db')
  const payer = await LocalLedger.open({ path, account: payerKey.address, clock: clock.now, pollMs: 5 })
  const payee = await LocalLedger.open({ path, account: payeeKey.address, clock: clock.now, pollMs: 5 })
  await payer.mint(payerKey.address, 10_000n)
  return {
    payer,
    payee,
    payerKey: payerKey.privateKey,
    payeeKey: payeeKey.privateKey,
    token: NATIVE,
    advance: async (s) => clock.advance(s),
    teardown: async () => {
      await payer.stop()
      await payee.stop()
      await cleanup()
    },
  }
})

describe('LocalLedger', () => {
  it('keeps one chain id and address per file, and refuses a foreign file', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const a = await LocalLedger.open({
        path: join(dir, 'l.db'),
        account: new Uint8Array(20).fill(1),
        chainId: 99n,
      })
      const b = await LocalLedger.open({ path: join(dir, 'l.db'), account: new Uint8Array(20).fill(2) })
      expect(b.chainId).toBe(99n)
      expect(b.contract).toEqual(a.contract)
      await a.stop()
      await b.stop()
    } finally {
      await cleanup()
    }
  })
})
