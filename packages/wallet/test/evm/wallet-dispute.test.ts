/**
 * The wallet's channel code on the real contract: two wallets (payer, payee) with their own data
 * directories and settlement keys exchange signed updates; the payer then closes on chain with a
 * stale state, and the payee's wallet (its settlement watcher, not the test) challenges with the
 * newest one. Every token is accounted for after the withdrawal.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { signedStateOf } from '../../src/channels/settle.js'
import type { EvmSettlement } from '../../src/evm/evm-settlement.js'
import { type LocalChain, startLocalChain } from '../../src/evm/local-chain.js'
import { loadWalletKeys, type WalletKeys } from '../../src/identity/keys.js'
import type { SettlementEvent } from '../../src/settlement/types.js'
import { openWallet, type Wallet } from '../../src/wallet.js'

interface Node {
  dir: string
  keys: WalletKeys
  settlement: EvmSettlement
  wallet: Wallet
}

let chain: LocalChain
const nodes: Node[] = []

async function node(): Promise<Node> {
  const dir = await mkdtemp(join(tmpdir(), 'bazaar-evm-wallet-'))
  const keys = await loadWalletKeys({ dataDir: dir })
  await chain.fund([keys.settlementKey.address])
  const settlement = await chain.settlementFor(keys.settlementKey.privateKey)
  const wallet = await openWallet({ dataDir: dir, settlement, keys })
  const n = { dir, keys, settlement, wallet }
  nodes.push(n)
  return n
}

beforeAll(async () => {
  chain = await startLocalChain()
})
afterAll(async () => {
  for (const n of nodes) {
    await n.wallet.close()
    await n.settlement.stop()
    await rm(n.dir, { recursive: true, force: true })
  }
  await chain?.stop()
})

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

it('a stale close by the payer is challenged by the payee wallet on its own', async () => {
  const payer = await node()
  const payee = await node()
  const payerStart = await payer.settlement.balanceOf(payer.keys.settlementKey.address, chain.token)
  const payeeStart = await payee.settlement.balanceOf(payee.keys.settlementKey.address, chain.token)
  const { channelId, open } = await payer.wallet.channels.open({
    peerKey: payee.keys.peerKey.publicKey,
    payeeAddress: payee.keys.settlementKey.address,
    deposit: 1_000n,
    token: chain.token,
    disputeWindow: 600n,
  })
  await payee.wallet.channels.acceptOpen(open)
  const updates = []
  for (let i = 0; i < 5; i++) {
    const update = await payer.wallet.channels.createUpdate(channelId, { pay: 10n })
    await payer.wallet.channels.receiveAck(await payee.wallet.channels.receiveUpdate(update))
    updates.push(update)
  }

  // An observer (not a party) waits for the challenge the payee's wallet must send.
  const challenged = new Promise<SettlementEvent>((resolve) => {
    const stop = payer.settlement.watch((e) => {
      if (e.type === 'challenged' && hex(e.channelId) === hex(channelId)) {
        stop()
        resolve(e)
      }
    })
  })
  // The payer cheats: closes on chain with its second update (20 paid instead of 50).
  await payer.settlement.close(signedStateOf(updates[1]!))
  const event = await challenged
  expect(event).toMatchObject({ sequence: 5n, cumulativePaid: 50n })
  expect(hex((event as { by: Uint8Array }).by)).toBe(hex(payee.keys.settlementKey.address))

  const rpc = (method: string, params: unknown[]) =>
    fetch(chain.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    })
  await rpc('evm_increaseTime', [600])
  await rpc('evm_mine', [])
  await payee.settlement.withdraw(channelId)
  expect(await payee.settlement.balanceOf(payee.keys.settlementKey.address, chain.token)).toBe(
    payeeStart + 50n,
  )
  expect(await payer.settlement.balanceOf(payer.keys.settlementKey.address, chain.token)).toBe(
    payerStart - 50n,
  )
})
