/** The embedded default: anvil + contract + mock token + funded accounts, in one call. */
import { randomBytes } from 'node:crypto'
import { privateKeyToAccount } from 'viem/accounts'
import { expect, it } from 'vitest'
import { fromHex, NATIVE_TOKEN } from '../../src/evm/convert.js'
import { DEFAULT_LOCAL_TOKEN_FUNDS, startLocalChain } from '../../src/evm/local-chain.js'

it('starts a funded local chain whose settlement opens a real channel, and stops it', async () => {
  const keys = [new Uint8Array(randomBytes(32)), new Uint8Array(randomBytes(32))]
  const [payer, payee] = keys.map((k) =>
    fromHex(privateKeyToAccount(`0x${Buffer.from(k).toString('hex')}`).address),
  )
  const started = performance.now()
  const chain = await startLocalChain({ accounts: [payer!, payee!] })
  const startMs = performance.now() - started
  try {
    const s = await chain.settlementFor(keys[0]!)
    expect(await s.balanceOf(payer!, chain.token)).toBe(DEFAULT_LOCAL_TOKEN_FUNDS)
    expect(await s.balanceOf(payee!, NATIVE_TOKEN)).toBeGreaterThan(0n)
    const { channelId } = await s.open({
      payee: payee!,
      token: chain.token,
      deposit: 5_000_000n,
      expiry: (await s.now()) + 3_600n,
      disputeWindow: 600n,
      nonce: 1n,
    })
    expect((await s.getChannel(channelId))?.deposit).toBe(5_000_000n)
    await s.stop()
  } finally {
    await chain.stop()
  }
  expect(() => process.kill(chain.anvil.pid, 0)).toThrow()
  expect(startMs).toBeLessThan(10_000)
})
