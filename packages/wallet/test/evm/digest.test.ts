/** The contract's EIP-712 digests, channel ids and lock leaves equal viem's and @bazaar/protocol's. */
import {
  channelIdOf,
  cooperativeCloseDigest,
  lockLeaf,
  lockProof,
  locksRoot,
  secpRecoverAddress,
  secpSignDigest,
  updateDigest,
  verifyLockProof,
} from '@bazaar/protocol'
import { hashDomain, hashTypedData } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromHex } from '../../src/evm/convert.js'
import {
  bazaarChannelsAbi,
  bytes32,
  channelUpdateTypes,
  cooperativeCloseTypes,
  type Fixture,
  hex,
  openChannel,
  startFixture,
} from './fixture.js'

let f: Fixture
beforeAll(async () => {
  f = await startFixture()
})
afterAll(async () => {
  await f?.stop()
})

const read = <T>(functionName: string, args: unknown[]): Promise<T> =>
  f.client.readContract({
    address: f.contractHex,
    abi: bazaarChannelsAbi,
    functionName,
    args,
  } as never) as Promise<T>

describe('EIP-712 digests', () => {
  it('domain separator equals viem hashDomain', async () => {
    const onChain = await read<string>('domainSeparator', [])
    const domain = {
      name: 'Bazaar Channels',
      version: '1',
      chainId: f.chainId,
      verifyingContract: f.contractHex,
    }
    expect(onChain).toBe(
      hashDomain({
        domain,
        types: {
          EIP712Domain: [
            { name: 'name', type: 'string' },
            { name: 'version', type: 'string' },
            { name: 'chainId', type: 'uint256' },
            { name: 'verifyingContract', type: 'address' },
          ],
        },
      }),
    )
  })

  it('ChannelUpdate digest: contract == viem hashTypedData == protocol updateDigest', async () => {
    for (let i = 0; i < 5; i++) {
      const state = {
        channelId: bytes32(),
        sequence: BigInt(i * 1_000_003 + 1),
        previousStateHash: bytes32(),
        cumulativePaid: BigInt(i) * 10n ** 20n + 7n,
        lockedTotal: BigInt(i) * 3n,
        locksRoot: bytes32(),
        jobId: bytes32(),
      }
      const message = {
        channelId: hex(state.channelId),
        sequence: state.sequence,
        previousStateHash: hex(state.previousStateHash),
        cumulativePaid: state.cumulativePaid,
        lockedTotal: state.lockedTotal,
        locksRoot: hex(state.locksRoot),
        jobId: hex(state.jobId),
      }
      const onChain = await read<string>('hashUpdate', [message])
      const viemDigest = hashTypedData({
        domain: {
          name: 'Bazaar Channels',
          version: '1',
          chainId: f.chainId,
          verifyingContract: f.contractHex,
        },
        types: channelUpdateTypes,
        primaryType: 'ChannelUpdate',
        message,
      })
      expect(onChain).toBe(viemDigest)
      expect(hex(updateDigest({ chainId: f.chainId, contract: f.contract }, state))).toBe(viemDigest)
    }
  })

  it('CooperativeClose digest: contract == viem == protocol', async () => {
    const c = { channelId: bytes32(), sequence: 42n, payeeAmount: 123_456_789n }
    const onChain = await read<string>('hashCooperativeClose', [hex(c.channelId), c.sequence, c.payeeAmount])
    const viemDigest = hashTypedData({
      domain: { name: 'Bazaar Channels', version: '1', chainId: f.chainId, verifyingContract: f.contractHex },
      types: cooperativeCloseTypes,
      primaryType: 'CooperativeClose',
      message: { channelId: hex(c.channelId), sequence: c.sequence, payeeAmount: c.payeeAmount },
    })
    expect(onChain).toBe(viemDigest)
    expect(hex(cooperativeCloseDigest({ chainId: f.chainId, contract: f.contract }, c))).toBe(viemDigest)
  })

  it('channel id: open == contract channelIdOf == protocol channelIdOf', async () => {
    const ch = await openChannel(f, { nonce: 77n })
    const params = {
      chainId: f.chainId,
      contract: f.contract,
      payer: f.payer.address,
      payee: f.payee.address,
      token: ch.token,
      expiry: ch.expiry,
      disputeWindow: ch.disputeWindow,
      nonce: 77n,
    }
    expect(hex(channelIdOf(params))).toBe(hex(ch.channelId))
    const onChain = await read<string>('channelIdOf', [
      f.payer.hex,
      f.payee.hex,
      f.tokenHex,
      ch.expiry,
      ch.disputeWindow,
      77n,
    ])
    expect(onChain).toBe(hex(ch.channelId))
  })

  it('lock leaves and proofs: contract == protocol', async () => {
    const locks = Array.from({ length: 5 }, (_, i) => ({
      hash: bytes32(),
      amount: BigInt(i + 1),
      expiry: 1_000n + BigInt(i),
      jobId: bytes32(),
    }))
    for (const lock of locks) {
      const onChain = await read<string>('lockLeaf', [
        { hash: hex(lock.hash), amount: lock.amount, expiry: lock.expiry, jobId: hex(lock.jobId) },
      ])
      expect(onChain).toBe(hex(lockLeaf(lock)))
    }
    const root = locksRoot(locks)
    locks.forEach((lock, i) => {
      expect(verifyLockProof(root, lock, lockProof(locks, i))).toBe(true)
    })
  })

  it('protocol secpSignDigest signatures are accepted by the contract (a real close)', async () => {
    const ch = await openChannel(f)
    const state = {
      channelId: ch.channelId,
      sequence: 1n,
      previousStateHash: ch.channelId,
      cumulativePaid: 5n,
      lockedTotal: 0n,
      locksRoot: new Uint8Array(32),
      jobId: new Uint8Array(32),
    }
    const digest = updateDigest({ chainId: f.chainId, contract: f.contract }, state)
    const signature = secpSignDigest(f.payer.key, digest)
    const viaViem = await f.signUpdate(f.payer.key, state)
    expect(hex(signature)).toBe(hex(viaViem.signature))
    expect(hex(secpRecoverAddress(digest, signature))).toBe(hex(f.payer.address))
    await f.payee.settlement.close({ ...state, signature })
    const c = await f.payee.settlement.getChannel(ch.channelId)
    expect(c?.status).toBe('closing')
    expect(c?.cumulativePaid).toBe(5n)
    expect(fromHex(hex(c!.payer))).toEqual(f.payer.address)
  })
})
