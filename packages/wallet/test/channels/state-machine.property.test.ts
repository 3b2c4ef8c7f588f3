/**
 * Property test of the channel state machine: random sequences of valid payments, locks, reveals,
 * folds, replays, forgeries, gaps, decreases and over-capacity updates between two real wallets on
 * a LocalLedger. After every step: the payee's cumulative amount never decreases and never exceeds
 * the capacity, accepted sequences rise by exactly one, a rejected update leaves the state as it
 * was; at the end the channel settles and the ledger's totals balance.
 */
import {
  createUpdate,
  generateSettlementKeyPair,
  keccak256,
  type SettlementDomain,
  secpSignDigest,
  updateDigest,
} from '@bazaar/protocol'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { channelErrorCode, type SignedUpdate } from '../../src/index.js'
import { NATIVE, openChannel, walletPair } from '../helpers.js'

const CAPACITY = 500n

type Cmd =
  | { t: 'pay'; amount: bigint }
  | { t: 'lock'; amount: bigint; ttl: bigint; seed: number }
  | { t: 'reveal' }
  | { t: 'fold' }
  | { t: 'advance'; s: bigint }
  | { t: 'replay'; back: number }
  | { t: 'forge' }
  | { t: 'tamper' }
  | { t: 'gap' }
  | { t: 'decrease' }
  | { t: 'overCapacity' }

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('pay' as const), amount: fc.bigInt(0n, 60n) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('lock' as const),
      amount: fc.bigInt(1n, 80n),
      ttl: fc.bigInt(10n, 400n),
      seed: fc.integer(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ t: 'reveal' as const }) },
  { weight: 2, arbitrary: fc.constant({ t: 'fold' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('advance' as const), s: fc.bigInt(1n, 200n) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('replay' as const), back: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'forge' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'tamper' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'gap' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'decrease' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'overCapacity' as const }) },
)

function resign(domain: SettlementDomain, u: SignedUpdate, key: Uint8Array): SignedUpdate {
  return { ...u, signature: secpSignDigest(key, updateDigest(domain, u)) }
}

describe('channel state machine (property)', () => {
  it('holds its invariants under random valid and hostile updates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 5, maxLength: 40 }), async (cmds) => {
        const p = await walletPair(10_000n)
        try {
          const id = await openChannel(p, CAPACITY, 86_400n, 600n)
          const domain = { chainId: p.ledger.chainId, contract: p.ledger.contract }
          const payerKey = p.payer.settlementKey.privateKey
          const accepted: SignedUpdate[] = []
          const preimages = new Map<string, Uint8Array>()
          const latest = () => p.payee.channels.get(id)!
          // A well-formed next state the payer never made: signed by the payer key unless forged.
          const craft = (cumulativePaid: bigint, sequenceDelta = 1n) => {
            const ch = latest()
            return createUpdate(
              domain,
              {
                channelId: id,
                sequence: (ch.latest?.sequence ?? 0n) + sequenceDelta,
                previousStateHash: ch.stateHash,
                cumulativePaid,
                locks: ch.latest?.locks ?? [],
              },
              payerKey,
            ).update as SignedUpdate
          }
          const expectRejected = async (u: SignedUpdate, code: string) => {
            const before = latest()
            const err = await p.payee.channels.receiveUpdate(u).then(
              () => undefined,
              (e: Error) => e,
            )
            expect(err, `expected ${code}`).toBeInstanceOf(Error)
            expect(channelErrorCode(err)).toBe(code)
            expect(latest()).toEqual(before)
          }
          const send = async (req: Parameters<typeof p.payer.channels.createUpdate>[1]) => {
            let u: SignedUpdate
            try {
              u = await p.payer.channels.createUpdate(id, req)
            } catch (e) {
              // The payer refused to sign something the rules forbid; nothing was sent.
              expect(channelErrorCode(e)).toMatch(/INSUFFICIENT_CAPACITY|LOCK_INVALID|CHANNEL_EXPIRED/)
              return
            }
            const before = latest().latest
            await p.payer.channels.receiveAck(await p.payee.channels.receiveUpdate(u))
            expect(u.sequence).toBe((before?.sequence ?? 0n) + 1n)
            accepted.push(u)
          }
          for (const c of cmds) {
            const paid = latest().latest?.cumulativePaid ?? 0n
            const locks = latest().latest?.locks ?? []
            switch (c.t) {
              case 'pay':
                await send({ pay: c.amount })
                break
              case 'lock': {
                const preimage = keccak256(
                  new TextEncoder().encode(`${c.seed}:${accepted.length}:${Math.random()}`),
                )
                const hash = keccak256(preimage)
                preimages.set(Buffer.from(hash).toString('hex'), preimage)
                await send({
                  lock: { hash, amount: c.amount, expiry: p.clock.now() + c.ttl, jobId: new Uint8Array(32) },
                })
                break
              }
              case 'reveal':
              case 'fold': {
                const live = locks.find((l) => l.expiry > p.clock.now())
                if (live === undefined) break
                const preimage = preimages.get(Buffer.from(live.hash).toString('hex'))!
                await p.payee.channels.revealPreimage(id, preimage)
                await p.payer.channels.recordPreimage(id, preimage)
                if (c.t === 'fold') await send({ fold: live.hash })
                break
              }
              case 'advance':
                p.clock.advance(c.s)
                break
              case 'replay':
                if (accepted.length > 0) {
                  await expectRejected(accepted[Math.max(0, accepted.length - 1 - c.back)]!, 'STALE_SEQUENCE')
                }
                break
              case 'forge':
                await expectRejected(
                  resign(domain, craft(paid + 1n), generateSettlementKeyPair().privateKey),
                  'BAD_SIGNATURE',
                )
                break
              case 'tamper':
                await expectRejected({ ...craft(paid + 1n), cumulativePaid: paid + 2n }, 'BAD_SIGNATURE')
                break
              case 'gap':
                await expectRejected(craft(paid, 2n), 'SEQUENCE_GAP')
                break
              case 'decrease':
                if (paid > 0n) await expectRejected(craft(paid - 1n), 'AMOUNT_DECREASED')
                break
              case 'overCapacity':
                await expectRejected(
                  craft(CAPACITY + 1n - (latest().latest?.lockedTotal ?? 0n)),
                  'INSUFFICIENT_CAPACITY',
                )
                break
            }
            const now = latest().latest
            expect(now?.cumulativePaid ?? 0n).toBeGreaterThanOrEqual(paid)
            expect((now?.cumulativePaid ?? 0n) + (now?.lockedTotal ?? 0n)).toBeLessThanOrEqual(CAPACITY)
            expect(p.payer.channels.get(id)?.latest?.sequence).toBe(now?.sequence)
          }
          const seqs = p.payee.channels.history(id).map((r) => r.update.sequence)
          expect(seqs).toEqual(seqs.map((_, i) => BigInt(i + 1)))
          // Settle: the payee closes with its best state, claims what it can, withdraws.
          const final = latest().latest
          if (final !== undefined) {
            await p.payee.channels.closeChannel(id)
            await p.payee.channels.claimLocks(id)
            p.clock.advance(601n)
            await p.payee.channels.withdraw(id)
            const on = (await p.ledger.getChannel(id))!
            expect(await p.ledger.balanceOf(p.payee.settlementKey.address, NATIVE)).toBe(
              final.cumulativePaid + on.claimed,
            )
          }
          const t = p.ledger.totals()
          expect(t.minted).toBe(t.balances + t.held)
        } finally {
          await p.close()
        }
      }),
      { numRuns: 40 },
    )
  })
})
