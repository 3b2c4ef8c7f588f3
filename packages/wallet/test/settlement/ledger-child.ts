/**
 * Child of the LocalLedger multi-process test (run by Node directly, types stripped): mints to
 * its own account, then opens, closes and refunds channels on the shared ledger file as fast as
 * it can, racing the other processes. Prints `DONE <channels opened>`.
 */
import { randomBytes } from 'node:crypto'
import { generateSettlementKeyPair, secpSignDigest, updateDigest } from '@bazaar/protocol'
import { LocalLedger } from '../../dist/src/settlement/local-ledger.js'

const [path, countArg] = process.argv.slice(2) as [string, string]
const count = Number(countArg)
let t = 1_900_000_000n
const clock = () => t
const me = generateSettlementKeyPair()
const payee = generateSettlementKeyPair()
const ledger = await LocalLedger.open({ path, account: me.address, clock })
const asPayee = await LocalLedger.open({ path, account: payee.address, clock })
await ledger.mint(me.address, 100n * BigInt(count))
const token = new Uint8Array(20)
const closed: Uint8Array[] = []
let owed = 0n
for (let i = 0; i < count; i++) {
  const { channelId } = await ledger.open({
    payee: payee.address,
    token,
    deposit: 100n,
    expiry: t + 1_000n,
    disputeWindow: 10n,
    nonce: BigInt(randomBytes(6).readUIntBE(0, 6)),
  })
  if (i % 2 === 0) {
    const state = {
      channelId,
      sequence: 1n,
      previousStateHash: channelId,
      cumulativePaid: BigInt(i % 100),
      lockedTotal: 0n,
      locksRoot: new Uint8Array(32),
      jobId: new Uint8Array(32),
    }
    const signature = secpSignDigest(
      me.privateKey,
      updateDigest({ chainId: ledger.chainId, contract: ledger.contract }, state),
    )
    await asPayee.close({ ...state, signature })
    closed.push(channelId)
    owed += state.cumulativePaid
  }
}
t += 2_000n
for (const id of closed) await asPayee.withdraw(id)
const balance = await ledger.balanceOf(me.address, token)
const earned = await asPayee.balanceOf(payee.address, token)
process.stdout.write(
  `DONE ${count} ${balance + earned === 100n * BigInt(closed.length) && earned === owed}\n`,
)
