/**
 * The payee accepts channels only in the tokens it settles in: a channel funded in another token
 * (1,000 units of the native coin offered to a payee that takes a stablecoin) is refused with
 * ASSET_NOT_ACCEPTED and leaves the payee's book unchanged; the right token is accepted.
 */
import { ErrorCode, errorCodeOf } from '@bazaar/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { NATIVE, type Pair, walletPair } from '../helpers.js'

const USD = Uint8Array.from(Buffer.from('e7f1725e7734ce288f8367e1bb143e90bb3f0512', 'hex'))
const USD_ASSET = 'eip155:1337/erc20:0xe7f1725e7734ce288f8367e1bb143e90bb3f0512'

let p: Pair | undefined
afterEach(async () => {
  await p?.close()
  p = undefined
})

/** A funded channel from the pair's payer in `token`, and its signed open (not yet accepted). */
async function fund(pair: Pair, token: Uint8Array, deposit = 1_000n) {
  await pair.ledger.mint(pair.payer.settlementKey.address, deposit, token)
  return pair.payer.channels.open({
    peerKey: pair.payee.peerKey.publicKey,
    payeeAddress: pair.payee.settlementKey.address,
    deposit,
    token,
  })
}

/** Counts `channel-opened` events of the payee. */
function openedEvents(pair: Pair): () => number {
  let n = 0
  pair.payee.addEventListener('channel-opened', () => {
    n++
  })
  return () => n
}

describe('acceptOpen and the channel token', () => {
  it('refuses a native-coin channel when the settlement is set up for a token, and changes nothing', async () => {
    p = await walletPair(1_000_000n, false, { token: USD })
    expect(p.payee.channels.acceptedTokens()).toEqual([USD])
    const opened = openedEvents(p)
    const { channelId, open } = await fund(p, NATIVE)
    const err = await p.payee.channels.acceptOpen(open, p.payer.peerKey.publicKey).catch((e: unknown) => e)
    expect(err).toMatchObject({ name: 'TokenNotAcceptedError', code: 'ASSET_NOT_ACCEPTED' })
    expect((err as { token: Uint8Array }).token).toEqual(NATIVE)
    expect(errorCodeOf(err)).toBe(ErrorCode.ASSET_NOT_ACCEPTED)
    expect(p.payee.channels.get(channelId)).toBeUndefined()
    expect(p.payee.channels.list()).toEqual([])
    expect(opened()).toBe(0)
    // Offered again, still refused: nothing was recorded the first time.
    await expect(p.payee.channels.acceptOpen(open)).rejects.toMatchObject({ name: 'TokenNotAcceptedError' })

    const good = await fund(p, USD)
    const record = await p.payee.channels.acceptOpen(good.open, p.payer.peerKey.publicKey)
    expect(record).toMatchObject({ role: 'payee', token: USD, capacity: 1_000n })
    expect(p.payee.channels.list().map((r) => r.channelId)).toEqual([good.channelId])
    expect(opened()).toBe(1)
  })

  it('accepts only the native coin by default when the settlement names no token', async () => {
    p = await walletPair()
    expect(p.payee.channels.acceptedTokens()).toEqual([NATIVE])
    const usd = await fund(p, USD)
    await expect(p.payee.channels.acceptOpen(usd.open)).rejects.toMatchObject({
      name: 'TokenNotAcceptedError',
    })
    const native = await fund(p, NATIVE)
    await expect(p.payee.channels.acceptOpen(native.open)).resolves.toMatchObject({ token: NATIVE })
  })

  it('accepts every token of acceptTokens, overriding the settlement default', async () => {
    p = await walletPair(1_000_000n, false, { token: USD, acceptTokens: [USD, NATIVE] })
    for (const token of [NATIVE, USD]) {
      const { open } = await fund(p, token)
      await expect(p.payee.channels.acceptOpen(open)).resolves.toMatchObject({ token })
    }
  })

  it('refuses a channel below minCapacity, and records nothing', async () => {
    p = await walletPair(1_000_000n, false, { minCapacity: 100n })
    const small = await fund(p, NATIVE, 99n)
    await expect(p.payee.channels.acceptOpen(small.open)).rejects.toMatchObject({
      name: 'InsufficientCapacityError',
      code: 'INSUFFICIENT_CAPACITY',
    })
    expect(p.payee.channels.list()).toEqual([])
    const enough = await fund(p, NATIVE, 100n)
    await expect(p.payee.channels.acceptOpen(enough.open)).resolves.toMatchObject({ capacity: 100n })
  })

  it('checkCovers: the job asset must be the channel asset, and the channel must still hold the amount', async () => {
    p = await walletPair(1_000_000n, false, { token: USD })
    const { channelId, open } = await fund(p, USD, 500n)
    await p.payee.channels.acceptOpen(open)
    expect(() => p!.payee.channels.checkCovers(channelId, USD_ASSET, 500n)).not.toThrow()
    for (const asset of [
      'eip155:1337/slip44:60',
      'eip155:1/erc20:0xe7f1725e7734ce288f8367e1bb143e90bb3f0512',
      'x',
    ]) {
      expect(() => p!.payee.channels.checkCovers(channelId, asset, 1n), asset).toThrow(
        expect.objectContaining({ name: 'TokenNotAcceptedError', code: 'ASSET_NOT_ACCEPTED' }),
      )
    }
    expect(() => p!.payee.channels.checkCovers(channelId, USD_ASSET, 501n)).toThrow(
      expect.objectContaining({ name: 'InsufficientCapacityError' }),
    )
  })

  it('refuses a misconfigured acceptTokens at once', async () => {
    await expect(walletPair(1n, false, { acceptTokens: [] })).rejects.toThrow(RangeError)
    await expect(walletPair(1n, false, { acceptTokens: [new Uint8Array(19)] })).rejects.toThrow(RangeError)
  })
})
