/**
 * The wallet's channel code on the real contract: two wallets (payer, payee) with their own data
 * directories and settlement keys exchange signed updates; the payer then closes on chain with a
 * stale state, and the payee's wallet (its settlement watcher, not the test) challenges with the
 * newest one. Every token is accounted for after the withdrawal. Then a payer that closes with a
 * newer state dropping a revealed lock: the payee's wallet claims it against its own state. And a
 * payee set up for the mock token refuses a channel funded on chain in the native coin.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ErrorCode, errorCodeOf, keccak256, secpSignDigest, updateDigest } from '@bazaar/protocol'
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

/** A 1,000-token channel from `payer` to `payee` (600 s dispute window), accepted by the payee. */
async function openChannel(payer: Node, payee: Node): Promise<Uint8Array> {
  const { channelId, open } = await payer.wallet.channels.open({
    peerKey: payee.keys.peerKey.publicKey,
    payeeAddress: payee.keys.settlementKey.address,
    deposit: 1_000n,
    token: chain.token,
    disputeWindow: 600n,
  })
  await payee.wallet.channels.acceptOpen(open)
  return channelId
}

/** Moves the chain's time forward and mines a block at the new time. */
async function advance(seconds: number): Promise<void> {
  for (const [method, params] of [
    ['evm_increaseTime', [seconds]],
    ['evm_mine', []],
  ] as const) {
    await fetch(chain.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    })
  }
}

it('a stale close by the payer is challenged by the payee wallet on its own', async () => {
  const payer = await node()
  const payee = await node()
  const payerStart = await payer.settlement.balanceOf(payer.keys.settlementKey.address, chain.token)
  const payeeStart = await payee.settlement.balanceOf(payee.keys.settlementKey.address, chain.token)
  const channelId = await openChannel(payer, payee)
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

  await advance(600)
  await payee.settlement.withdraw(channelId)
  expect(await payee.settlement.balanceOf(payee.keys.settlementKey.address, chain.token)).toBe(
    payeeStart + 50n,
  )
  expect(await payer.settlement.balanceOf(payer.keys.settlementKey.address, chain.token)).toBe(
    payerStart - 50n,
  )
})

it('a payer closing with a newer state that dropped a revealed lock: the payee wallet claims it (claimLockFrom), the payer wallet learns the preimage', async () => {
  const payer = await node()
  const payee = await node()
  const payeeStart = await payee.settlement.balanceOf(payee.keys.settlementKey.address, chain.token)
  const channelId = await openChannel(payer, payee)
  const preimage = new Uint8Array(randomBytes(32))
  const expiry = (await payer.settlement.now()) + 3_600n
  const lock = { hash: keccak256(preimage), amount: 70n, expiry, jobId: new Uint8Array(32).fill(5) }
  const update = await payer.wallet.channels.createUpdate(channelId, { pay: 100n, lock })
  await payer.wallet.channels.receiveAck(await payee.wallet.channels.receiveUpdate(update))
  await payee.wallet.channels.revealPreimage(channelId, preimage)

  const revealed = new Promise<unknown>((resolve) =>
    payer.wallet.addEventListener('lock-revealed', (e) => resolve((e as CustomEvent).detail), { once: true }),
  )
  // The payer signs a newer state without the lock (never sent to the payee) and closes with it.
  const dropped = { ...signedStateOf(update), sequence: 2n, lockedTotal: 0n, locksRoot: new Uint8Array(32) }
  const digest = updateDigest(
    { chainId: payer.settlement.chainId, contract: payer.settlement.contract },
    dropped,
  )
  await payer.settlement.close({
    ...dropped,
    signature: secpSignDigest(payer.keys.settlementKey.privateKey, digest),
  })
  const detail = (await revealed) as { hash: Uint8Array; preimage: Uint8Array }
  expect(hex(detail.preimage)).toBe(hex(preimage))
  expect(await payer.settlement.getChannel(channelId)).toMatchObject({ cumulativePaid: 100n, floor: 170n })

  await advance(600)
  expect((await payee.wallet.channels.runDeadlines()).map((a) => [a.action, a.error?.name])).toEqual([
    ['withdraw', undefined],
  ])
  expect(await payee.settlement.balanceOf(payee.keys.settlementKey.address, chain.token)).toBe(
    payeeStart + 170n,
  )
})

it('a payee settling in the mock token refuses a channel funded on chain in the native coin', async () => {
  const payer = await node()
  const payee = await node()
  expect(payee.wallet.channels.acceptedTokens()).toEqual([chain.token])
  const native = new Uint8Array(20)
  const { channelId, open } = await payer.wallet.channels.open({
    peerKey: payee.keys.peerKey.publicKey,
    payeeAddress: payee.keys.settlementKey.address,
    deposit: 1_000n,
    token: native,
    disputeWindow: 600n,
  })
  // The channel is real: the contract holds 1,000 wei for it, payable to this payee.
  expect(await payee.settlement.getChannel(channelId)).toMatchObject({
    token: native,
    deposit: 1_000n,
    status: 'open',
  })
  const err = await payee.wallet.channels
    .acceptOpen(open, payer.keys.peerKey.publicKey)
    .catch((e: unknown) => e)
  expect(err).toMatchObject({ name: 'TokenNotAcceptedError', code: 'ASSET_NOT_ACCEPTED' })
  expect(errorCodeOf(err)).toBe(ErrorCode.ASSET_NOT_ACCEPTED)
  expect(payee.wallet.channels.get(channelId)).toBeUndefined()
  expect(payee.wallet.channels.list()).toEqual([])
  // The same payee takes a channel in its token.
  const good = await openChannel(payer, payee)
  expect(payee.wallet.channels.list().map((r) => hex(r.channelId))).toEqual([hex(good)])
})
