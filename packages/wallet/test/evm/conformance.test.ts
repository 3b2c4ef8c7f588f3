/** The shared Settlement conformance suite (test/settlement/conformance.ts) against EvmSettlement on anvil. */
import { randomBytes } from 'node:crypto'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll } from 'vitest'
import { fromHex } from '../../src/evm/convert.js'
import { type LocalChain, startLocalChain } from '../../src/evm/local-chain.js'
import { runSettlementConformance } from '../settlement/conformance.js'

let chain: LocalChain | undefined
afterAll(async () => {
  await chain?.stop()
})

async function rpc(url: string, method: string, params: unknown[]): Promise<void> {
  await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
}

runSettlementConformance('EvmSettlement', async () => {
  chain ??= await startLocalChain()
  const c = chain
  const payerKey = new Uint8Array(randomBytes(32))
  const payeeKey = new Uint8Array(randomBytes(32))
  const address = (k: Uint8Array) =>
    fromHex(privateKeyToAccount(`0x${Buffer.from(k).toString('hex')}`).address)
  await c.fund([address(payerKey), address(payeeKey)], 10_000n)
  const payer = await c.settlementFor(payerKey, { pollingIntervalMs: 20 })
  const payee = await c.settlementFor(payeeKey, { pollingIntervalMs: 20 })
  return {
    payer,
    payee,
    payerKey,
    payeeKey,
    token: c.token,
    async advance(seconds: bigint) {
      await rpc(c.rpcUrl, 'evm_increaseTime', [Number(seconds)])
      await rpc(c.rpcUrl, 'evm_mine', [])
    },
    async teardown() {
      await payer.stop()
      await payee.stop()
    },
  }
})
