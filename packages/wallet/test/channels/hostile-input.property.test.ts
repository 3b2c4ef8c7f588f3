/**
 * Remote input never crashes the wallet: updates and acks with fields of any type and size are
 * refused with a named channel rule error (never a TypeError), and the channel is unchanged.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChannelAck, channelErrorCode, type SignedUpdate } from '../../src/index.js'
import { openChannel, type Pair, pay, walletPair } from '../helpers.js'

describe('hostile input (property)', () => {
  let p: Pair
  let id: Uint8Array
  let valid: SignedUpdate
  beforeAll(async () => {
    p = await walletPair()
    id = await openChannel(p, 1_000n)
    valid = (await pay(p, id, { pay: 5n })).update
  })
  afterAll(() => p.close())

  const field = fc.oneof(
    fc.anything(),
    fc.uint8Array({ maxLength: 80 }),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 260n }),
    fc.constant(undefined),
  )

  it('refuses mangled updates with a named rule and changes nothing', async () => {
    const keys = Object.keys(valid) as Array<keyof SignedUpdate>
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(keys, { minLength: 1 }),
        fc.array(field, { minLength: 10, maxLength: 10 }),
        async (ks, values) => {
          const mangled = { ...valid, sequence: valid.sequence + 1n } as Record<string, unknown>
          ks.forEach((k, i) => {
            if (k !== 'channelId' || i % 3 === 0) mangled[k] = values[i % values.length]
          })
          const before = p.payee.channels.get(id)
          const err = await p.payee.channels.receiveUpdate(mangled as unknown as SignedUpdate).then(
            () => undefined,
            (e: unknown) => e,
          )
          expect(err).toBeInstanceOf(Error)
          expect(channelErrorCode(err), String(err)).not.toBe('INTERNAL')
          expect(p.payee.channels.get(id)).toEqual(before)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('refuses mangled acks without crashing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ channelId: field, sequence: field, stateHash: field, signature: field }),
        async (ack) => {
          const err = await p.payer.channels
            .receiveAck({ ...ack, channelId: id } as unknown as ChannelAck)
            .then(
              () => undefined,
              (e: unknown) => e,
            )
          expect(err).toBeInstanceOf(Error)
          expect(channelErrorCode(err), String(err)).not.toBe('INTERNAL')
        },
      ),
      { numRuns: 200 },
    )
  })
})
