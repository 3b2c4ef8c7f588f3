/**
 * Every rule of the channel contract on a real anvil, through the EvmSettlement adapter (or raw
 * transactions where the adapter would refuse to build the call): each violation reverts with
 * its own custom error, decoded into its own typed error class.
 */
import { lockProof, locksRoot } from '@bazaar/protocol'
import { encodeFunctionData, keccak256, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NATIVE_TOKEN, toAddress } from '../../src/evm/convert.js'
import { toSettlementError } from '../../src/evm/decode-error.js'
import { SETTLEMENT_RULE_ERRORS } from '../../src/evm/errors.js'
import { EvmSettlement } from '../../src/evm/evm-settlement.js'
import { bazaarChannelsCodeHash } from '../../src/evm/generated/artifacts.js'
import {
  bazaarChannelsAbi,
  bytes32,
  type Fixture,
  hex,
  type LockLeaf,
  openChannel,
  plainState,
  startFixture,
} from './fixture.js'

let f: Fixture
beforeAll(async () => {
  f = await startFixture()
})
afterAll(async () => {
  await f?.stop()
})

/** Asserts that `p` rejects with the typed error of contract error `rule`. */
async function expectRule(p: Promise<unknown>, rule: string): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e as Error & { rule?: string },
  )
  expect(err, `expected ${rule}`).toBeInstanceOf(Error)
  expect(err?.name).toBe(`Settlement${rule}Error`)
  expect(err?.rule).toBe(rule)
}

/** A raw transaction, bypassing the adapter; failures decoded like the adapter decodes them. */
function raw(key: Uint8Array, functionName: string, args: unknown[], value = 0n): Promise<unknown> {
  const data = encodeFunctionData({ abi: bazaarChannelsAbi, functionName, args } as never)
  return f.rawCall(key, f.contractHex, data, value).catch((err: unknown) => {
    throw toSettlementError(err, functionName)
  })
}

const preimageOf = (): { preimage: Uint8Array; hash: Uint8Array } => {
  const preimage = bytes32()
  return { preimage, hash: Buffer.from(keccak256(preimage).slice(2), 'hex') }
}

describe('error mapping', () => {
  it('every custom error of the ABI has its own class with a distinct name', () => {
    const names = bazaarChannelsAbi.filter((i) => i.type === 'error').map((i) => i.name)
    expect(Object.keys(SETTLEMENT_RULE_ERRORS).sort()).toEqual([...names].sort())
    const classNames = Object.entries(SETTLEMENT_RULE_ERRORS).map(([rule, C]) => new C(rule).name)
    expect(new Set(classNames).size).toBe(names.length)
  })
})

describe('start-up checks', () => {
  it('refuses a wrong chain id, an address without code, and a contract that is not Bazaar', async () => {
    const base = { rpcUrl: f.anvil.rpcUrl, privateKey: f.stranger.key, pollingIntervalMs: 20 }
    const wrongChain = await EvmSettlement.connect({ ...base, chainId: 1n, contract: f.contract }).catch(
      (e) => e,
    )
    expect(wrongChain.name).toBe('ChainMismatchError')
    expect(wrongChain.actual).toBe(f.chainId)
    const noCode = await EvmSettlement.connect({
      ...base,
      chainId: f.chainId,
      contract: new Uint8Array(20).fill(9),
    }).catch((e) => e)
    expect(noCode.name).toBe('ContractMismatchError')
    expect(noCode.actualCodeHash).toBeUndefined()
    const notBazaar = await EvmSettlement.connect({ ...base, chainId: f.chainId, contract: f.token }).catch(
      (e) => e,
    )
    expect(notBazaar.name).toBe('ContractMismatchError')
    expect(notBazaar.expectedCodeHash).toBe(bazaarChannelsCodeHash)
    expect(notBazaar.actualCodeHash).toMatch(/^0x[0-9a-f]{64}$/)
    const noToken = await EvmSettlement.connect({
      ...base,
      chainId: f.chainId,
      contract: f.contract,
      token: new Uint8Array(20).fill(3),
    }).catch((e) => e)
    expect(noToken.name).toBe('TokenNotFoundError')
  })
})

describe('open and top up', () => {
  it('opens ERC-20 and native channels, moving exactly the deposit', async () => {
    const before = await f.tokenBalance(f.contractHex)
    const erc = await openChannel(f, { deposit: 500n })
    expect(await f.tokenBalance(f.contractHex)).toBe(before + 500n)
    const c = await f.payer.settlement.getChannel(erc.channelId)
    expect(c).toMatchObject({
      deposit: 500n,
      status: 'open',
      sequence: 0n,
      paidOut: false,
      expiry: erc.expiry,
    })
    expect(hex(c!.payer)).toBe(hex(f.payer.address))
    expect(hex(c!.payee)).toBe(hex(f.payee.address))
    const ethBefore = await f.client.getBalance({ address: f.contractHex })
    const eth = await openChannel(f, { native: true, deposit: parseEther('1') })
    expect(await f.client.getBalance({ address: f.contractHex })).toBe(ethBefore + parseEther('1'))
    expect((await f.payer.settlement.getChannel(eth.channelId))?.token).toEqual(NATIVE_TOKEN)
    expect(await f.payer.settlement.getChannel(bytes32())).toBeUndefined()
  })

  it('refuses bad open parameters', async () => {
    const now = await f.now()
    const p = {
      payee: f.payee.address,
      token: f.token,
      deposit: 10n,
      expiry: now + 100n,
      disputeWindow: 10n,
      nonce: 1n,
    }
    await expectRule(f.payer.settlement.open({ ...p, payee: new Uint8Array(20) }), 'InvalidPayee')
    await expectRule(f.payer.settlement.open({ ...p, payee: f.payer.address }), 'InvalidPayee')
    await expectRule(f.payer.settlement.open({ ...p, deposit: 0n }), 'ZeroAmount')
    await expectRule(f.payer.settlement.open({ ...p, deposit: 1n << 96n }), 'AmountTooLarge')
    await expectRule(f.payer.settlement.open({ ...p, expiry: now - 1n }), 'InvalidExpiry')
    await expectRule(f.payer.settlement.open({ ...p, expiry: 1n << 41n }), 'InvalidExpiry')
    await expectRule(f.payer.settlement.open({ ...p, disputeWindow: 0n }), 'InvalidDisputeWindow')
    // A window so long that close time + window would wrap the contract's 40-bit times.
    await expectRule(f.payer.settlement.open({ ...p, disputeWindow: 1n << 32n }), 'InvalidDisputeWindow')
    await expectRule(f.payer.settlement.open({ ...p, expiry: (1n << 40n) - (1n << 32n) }), 'InvalidExpiry')
    await f.payer.settlement.open(p)
    await expectRule(f.payer.settlement.open(p), 'ChannelExists')
    // More than the payer holds: the token's transferFrom fails.
    await expectRule(f.payer.settlement.open({ ...p, nonce: 2n, deposit: 10n ** 15n }), 'TokenTransferFailed')
    const payee = toAddress(f.payee.address)
    // Native: msg.value must equal the deposit; ERC-20: msg.value must be zero.
    await expectRule(
      raw(f.payer.key, 'open', [payee, toAddress(NATIVE_TOKEN), 10n, now + 100n, 10n, 3n], 9n),
      'WrongValue',
    )
    await expectRule(
      raw(f.payer.key, 'open', [payee, f.tokenHex, 10n, now + 100n, 10n, 4n], 1n),
      'WrongValue',
    )
    // A "token" without code (an account) would silently accept a transferFrom call.
    await expectRule(
      raw(f.payer.key, 'open', [payee, f.stranger.hex, 10n, now + 100n, 10n, 5n]),
      'TokenTransferFailed',
    )
  })

  it('tops up (payer only, open and unexpired channels, non-zero)', async () => {
    const ch = await openChannel(f, { deposit: 100n, ttl: 1_000n })
    await f.payer.settlement.topUp(ch.channelId, 50n)
    expect((await f.payer.settlement.getChannel(ch.channelId))?.deposit).toBe(150n)
    const native = await openChannel(f, { native: true, deposit: 100n })
    await f.payer.settlement.topUp(native.channelId, 7n)
    expect((await f.payer.settlement.getChannel(native.channelId))?.deposit).toBe(107n)
    await expectRule(f.payer.settlement.topUp(bytes32(), 1n), 'ChannelNotFound')
    await expectRule(f.payee.settlement.topUp(ch.channelId, 1n), 'NotPayer')
    await expectRule(f.payer.settlement.topUp(ch.channelId, 0n), 'ZeroAmount')
    await expectRule(f.payer.settlement.topUp(ch.channelId, 1n << 96n), 'AmountTooLarge')
    await expectRule(raw(f.payer.key, 'topUp', [hex(native.channelId), 5n], 4n), 'WrongValue')
    const closing = await openChannel(f)
    await f.payee.settlement.close(await f.signUpdate(f.payer.key, plainState(closing.channelId, 1n, 1n)))
    await expectRule(f.payer.settlement.topUp(closing.channelId, 1n), 'ChannelNotOpen')
    await f.increaseTime(1_000n)
    await expectRule(f.payer.settlement.topUp(ch.channelId, 1n), 'ChannelExpired')
  })
})

describe('close', () => {
  it('either party closes with the payer-signed state; the window starts', async () => {
    const ch = await openChannel(f)
    const tx = await f.payer.settlement.close(
      await f.signUpdate(f.payer.key, plainState(ch.channelId, 3n, 30n)),
    )
    const c = await f.payee.settlement.getChannel(ch.channelId)
    const block = await f.client.getBlock({ blockNumber: tx.height })
    expect(c).toMatchObject({ status: 'closing', sequence: 3n, cumulativePaid: 30n })
    expect(c?.closeDeadline).toBe(block.timestamp + ch.disputeWindow)
  })

  it('refuses strangers, sequence 0, amounts above the deposit, and a second close', async () => {
    const ch = await openChannel(f, { deposit: 100n })
    const s = await f.signUpdate(f.payer.key, plainState(ch.channelId, 1n, 10n))
    await expectRule(f.stranger.settlement.close(s), 'NotParty')
    await expectRule(
      f.payee.settlement.close(await f.signUpdate(f.payer.key, plainState(ch.channelId, 0n, 1n))),
      'StaleState',
    )
    await expectRule(
      f.payee.settlement.close(await f.signUpdate(f.payer.key, plainState(ch.channelId, 1n, 101n))),
      'AmountAboveDeposit',
    )
    await expectRule(
      f.payee.settlement.close(
        await f.signUpdate(f.payer.key, { ...plainState(ch.channelId, 1n, 60n), lockedTotal: 41n }),
      ),
      'AmountAboveDeposit',
    )
    await f.payee.settlement.close(s)
    await expectRule(f.payee.settlement.close(s), 'ChannelNotOpen')
  })

  it('refuses forged signatures and signatures for another chain, contract or channel', async () => {
    const ch = await openChannel(f)
    const other = await openChannel(f)
    const state = plainState(ch.channelId, 1n, 10n)
    // Signed by someone other than the payer.
    await expectRule(f.payee.settlement.close(await f.signUpdate(f.payee.key, state)), 'InvalidSignature')
    // Signed by the payer, but over another chain's domain (replay across chains).
    await expectRule(
      f.payee.settlement.close(await f.signUpdate(f.payer.key, state, { chainId: 1n })),
      'InvalidSignature',
    )
    // Over another contract's domain (replay across deployments).
    await expectRule(
      f.payee.settlement.close(await f.signUpdate(f.payer.key, state, { contract: f.tokenHex })),
      'InvalidSignature',
    )
    // A signature for another channel, moved onto this one (replay across channels).
    const forOther = await f.signUpdate(f.payer.key, plainState(other.channelId, 1n, 10n))
    await expectRule(f.payee.settlement.close({ ...forOther, channelId: ch.channelId }), 'InvalidSignature')
    // A state whose channel id was made for another chain names no channel here.
    await expectRule(
      f.payee.settlement.close(await f.signUpdate(f.payer.key, plainState(bytes32(), 1n, 1n))),
      'ChannelNotFound',
    )
    // Malformed: wrong length, bad v, high-s twin of a valid signature.
    const good = await f.signUpdate(f.payer.key, state)
    await expectRule(
      f.payee.settlement.close({ ...good, signature: good.signature.subarray(0, 64) }),
      'InvalidSignature',
    )
    const badV = Uint8Array.from(good.signature)
    badV[64] = 29
    await expectRule(f.payee.settlement.close({ ...good, signature: badV }), 'InvalidSignature')
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    const s = BigInt(hex(good.signature.subarray(32, 64)))
    const highS = Uint8Array.from(good.signature)
    highS.set(Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex'), 32)
    highS[64] = good.signature[64] === 27 ? 28 : 27
    await expectRule(f.payee.settlement.close({ ...good, signature: highS }), 'InvalidSignature')
    // The genuine one still works.
    await f.payee.settlement.close(good)
  })

  it('refuses a close once the refund time has come', async () => {
    const ch = await openChannel(f, { ttl: 100n, disputeWindow: 50n })
    await f.increaseTime(150n)
    await expectRule(
      f.payee.settlement.close(await f.signUpdate(f.payer.key, plainState(ch.channelId, 1n, 1n))),
      'ChannelExpired',
    )
  })
})

describe('challenge', () => {
  it('a stale close by the payer is defeated by the payee challenge', async () => {
    const ch = await openChannel(f, { deposit: 1_000n })
    const payeeBefore = await f.tokenBalance(f.payee.hex)
    const payerBefore = await f.tokenBalance(f.payer.hex)
    await f.payer.settlement.close(await f.signUpdate(f.payer.key, plainState(ch.channelId, 3n, 30n)))
    await f.payee.settlement.challenge(await f.signUpdate(f.payer.key, plainState(ch.channelId, 7n, 700n)))
    expect(await f.payee.settlement.getChannel(ch.channelId)).toMatchObject({
      sequence: 7n,
      cumulativePaid: 700n,
    })
    await f.increaseTime(ch.disputeWindow)
    await f.payer.settlement.withdraw(ch.channelId)
    expect(await f.tokenBalance(f.payee.hex)).toBe(payeeBefore + 700n)
    expect(await f.tokenBalance(f.payer.hex)).toBe(payerBefore + 300n)
  })

  it('refuses equal or lower sequences, lowered amounts, strangers, forgeries, open channels and late challenges', async () => {
    const ch = await openChannel(f, { deposit: 1_000n })
    const s5 = await f.signUpdate(f.payer.key, plainState(ch.channelId, 5n, 50n))
    await expectRule(f.payee.settlement.challenge(s5), 'NotClosing')
    await f.payee.settlement.close(s5)
    await expectRule(f.payee.settlement.challenge(s5), 'StaleState')
    await expectRule(
      f.payee.settlement.challenge(await f.signUpdate(f.payer.key, plainState(ch.channelId, 4n, 60n))),
      'StaleState',
    )
    await expectRule(
      f.payer.settlement.challenge(await f.signUpdate(f.payer.key, plainState(ch.channelId, 6n, 49n))),
      'AmountLowered',
    )
    await expectRule(
      f.payee.settlement.challenge(await f.signUpdate(f.payer.key, plainState(ch.channelId, 6n, 1_001n))),
      'AmountAboveDeposit',
    )
    const s6 = await f.signUpdate(f.payer.key, plainState(ch.channelId, 6n, 60n))
    await expectRule(f.stranger.settlement.challenge(s6), 'NotParty')
    await expectRule(
      f.payee.settlement.challenge(await f.signUpdate(f.stranger.key, plainState(ch.channelId, 6n, 60n))),
      'InvalidSignature',
    )
    await f.payee.settlement.challenge(s6)
    await f.increaseTime(ch.disputeWindow)
    await expectRule(
      f.payee.settlement.challenge(await f.signUpdate(f.payer.key, plainState(ch.channelId, 7n, 70n))),
      'WindowOver',
    )
  })
})

describe('locks', () => {
  async function lockedChannel(lockTtl = 300n) {
    const ch = await openChannel(f, { deposit: 1_000n, disputeWindow: 600n })
    const now = await f.now()
    const secrets = [preimageOf(), preimageOf(), preimageOf()]
    const locks: LockLeaf[] = secrets.map((s, i) => ({
      hash: s.hash,
      amount: BigInt(10 * (i + 1)),
      expiry: now + lockTtl,
      jobId: bytes32(),
    }))
    const state = { ...plainState(ch.channelId, 4n, 100n), lockedTotal: 60n, locksRoot: locksRoot(locks) }
    return { ch, secrets, locks, signed: await f.signUpdate(f.payer.key, state) }
  }

  it('claims with the preimage; refuses a wrong preimage, a bad proof, a second claim; pays cumulative + claimed', async () => {
    const { ch, secrets, locks, signed } = await lockedChannel()
    await expectRule(
      f.payee.settlement.claimLock(ch.channelId, locks[0]!, secrets[0]!.preimage, lockProof(locks, 0)),
      'NotClosing',
    )
    await f.payee.settlement.close(signed)
    await expectRule(
      f.payee.settlement.claimLock(ch.channelId, locks[0]!, secrets[1]!.preimage, lockProof(locks, 0)),
      'WrongPreimage',
    )
    await expectRule(
      f.payee.settlement.claimLock(ch.channelId, locks[0]!, secrets[0]!.preimage, lockProof(locks, 1)),
      'LockNotFound',
    )
    // Without a preimage (zero bytes), nothing is claimable.
    await expectRule(
      f.payee.settlement.claimLock(ch.channelId, locks[2]!, new Uint8Array(32), lockProof(locks, 2)),
      'WrongPreimage',
    )
    const payeeBefore = await f.tokenBalance(f.payee.hex)
    await f.payee.settlement.claimLock(ch.channelId, locks[0]!, secrets[0]!.preimage, lockProof(locks, 0))
    await f.stranger.settlement.claimLock(ch.channelId, locks[2]!, secrets[2]!.preimage, lockProof(locks, 2))
    await expectRule(
      f.payee.settlement.claimLock(ch.channelId, locks[0]!, secrets[0]!.preimage, lockProof(locks, 0)),
      'LockClaimed',
    )
    expect((await f.payee.settlement.getChannel(ch.channelId))?.claimed).toBe(40n)
    await expectRule(f.payee.settlement.withdraw(ch.channelId), 'WindowOpen')
    await f.increaseTime(600n)
    await expectRule(
      f.payee.settlement.claimLock(ch.channelId, locks[1]!, secrets[1]!.preimage, lockProof(locks, 1)),
      'WindowOver',
    )
    await f.payee.settlement.withdraw(ch.channelId)
    expect(await f.tokenBalance(f.payee.hex)).toBe(payeeBefore + 140n)
    await expectRule(f.payee.settlement.withdraw(ch.channelId), 'AlreadyPaidOut')
  })

  it('refuses a claim after the lock expiry, inside the window', async () => {
    const { ch, secrets, locks, signed } = await lockedChannel(100n)
    await f.payee.settlement.close(signed)
    await f.increaseTime(100n)
    await expectRule(
      f.payee.settlement.claimLock(ch.channelId, locks[1]!, secrets[1]!.preimage, lockProof(locks, 1)),
      'LockExpired',
    )
  })

  it('refuses claims beyond the signed lockedTotal', async () => {
    const ch = await openChannel(f, { deposit: 1_000n })
    const secret = preimageOf()
    const lock = { hash: secret.hash, amount: 500n, expiry: (await f.now()) + 300n, jobId: bytes32() }
    await f.payee.settlement.close(
      await f.signUpdate(f.payer.key, {
        ...plainState(ch.channelId, 1n, 0n),
        lockedTotal: 10n,
        locksRoot: locksRoot([lock]),
      }),
    )
    await expectRule(f.payee.settlement.claimLock(ch.channelId, lock, secret.preimage, []), 'LocksAboveTotal')
  })

  it('a challenge that changes the locks root must cover earlier claims; folding the lock keeps the payout', async () => {
    const { ch, secrets, locks, signed } = await lockedChannel()
    await f.payer.settlement.close(signed)
    await f.payee.settlement.claimLock(ch.channelId, locks[0]!, secrets[0]!.preimage, lockProof(locks, 0))
    // The payer tries to drop the claimed lock with a newer state of its own: refused.
    const dropped = { ...plainState(ch.channelId, 5n, 100n), lockedTotal: 0n }
    await expectRule(f.payer.settlement.challenge(await f.signUpdate(f.payer.key, dropped)), 'AmountLowered')
    // The newest real state folded lock 0 into cumulativePaid: accepted, claims reset.
    const folded = {
      ...plainState(ch.channelId, 5n, 110n),
      lockedTotal: 50n,
      locksRoot: locksRoot(locks.slice(1)),
    }
    await f.payee.settlement.challenge(await f.signUpdate(f.payer.key, folded))
    expect(await f.payee.settlement.getChannel(ch.channelId)).toMatchObject({
      claimed: 0n,
      cumulativePaid: 110n,
    })
    await f.payee.settlement.claimLock(
      ch.channelId,
      locks[1]!,
      secrets[1]!.preimage,
      lockProof(locks.slice(1), 0),
    )
    await f.increaseTime(600n)
    const payeeBefore = await f.tokenBalance(f.payee.hex)
    await f.payer.settlement.withdraw(ch.channelId)
    expect(await f.tokenBalance(f.payee.hex)).toBe(payeeBefore + 130n)
  })
})

describe('claims against an earlier state (claimLockFrom)', () => {
  async function revealedLock() {
    const ch = await openChannel(f, { deposit: 1_000n, disputeWindow: 600n })
    const secret = preimageOf()
    const lock: LockLeaf = {
      hash: secret.hash,
      amount: 70n,
      expiry: (await f.now()) + 300n,
      jobId: bytes32(),
    }
    // State 4 locks 70 to the payee; the payee accepted it and revealed the preimage.
    const locked = await f.signUpdate(f.payer.key, {
      ...plainState(ch.channelId, 4n, 100n),
      lockedTotal: 70n,
      locksRoot: locksRoot([lock]),
    })
    return { ch, secret, lock, locked }
  }

  it('defeats a payer that closes with a newer state dropping a revealed lock', async () => {
    const { ch, secret, lock, locked } = await revealedLock()
    // The payer signs state 5 without the lock (never sent to the payee) and closes with it.
    await f.payer.settlement.close(await f.signUpdate(f.payer.key, plainState(ch.channelId, 5n, 100n)))
    await expectRule(f.payee.settlement.claimLock(ch.channelId, lock, secret.preimage, []), 'LockNotFound')
    await expectRule(f.payee.settlement.challenge(locked), 'StaleState')
    await f.payee.settlement.claimLockFrom(locked, lock, secret.preimage, [])
    await expectRule(f.payee.settlement.claimLockFrom(locked, lock, secret.preimage, []), 'LockClaimed')
    await f.increaseTime(600n)
    const before = await f.tokenBalance(f.payee.hex)
    await f.payer.settlement.withdraw(ch.channelId)
    expect(await f.tokenBalance(f.payee.hex)).toBe(before + 170n)
  })

  it('never pays a lock twice: claimed against the old state and folded into the closing one', async () => {
    const { ch, secret, lock, locked } = await revealedLock()
    await f.payee.settlement.close(await f.signUpdate(f.payer.key, plainState(ch.channelId, 5n, 170n)))
    await f.payee.settlement.claimLockFrom(locked, lock, secret.preimage, [])
    await f.increaseTime(600n)
    const before = await f.tokenBalance(f.payee.hex)
    await f.payee.settlement.withdraw(ch.channelId)
    expect(await f.tokenBalance(f.payee.hex)).toBe(before + 170n)
  })

  it('checks the state signature, the proof, the preimage, the expiry, the window and the total', async () => {
    const { ch, secret, lock, locked } = await revealedLock()
    await expectRule(f.payee.settlement.claimLockFrom(locked, lock, secret.preimage, []), 'NotClosing')
    await f.payer.settlement.close(await f.signUpdate(f.payer.key, plainState(ch.channelId, 5n, 100n)))
    const forged = await f.signUpdate(f.payee.key, { ...locked, signature: undefined } as never)
    await expectRule(f.payee.settlement.claimLockFrom(forged, lock, secret.preimage, []), 'InvalidSignature')
    await expectRule(f.payee.settlement.claimLockFrom(locked, lock, bytes32(), []), 'WrongPreimage')
    await expectRule(
      f.payee.settlement.claimLockFrom(locked, lock, secret.preimage, [bytes32()]),
      'LockNotFound',
    )
    const big = { ...lock, amount: 71n }
    const overstated = await f.signUpdate(f.payer.key, { ...locked, locksRoot: locksRoot([big]) } as never)
    await expectRule(
      f.payee.settlement.claimLockFrom(overstated, big, secret.preimage, []),
      'LocksAboveTotal',
    )
    await f.increaseTime(300n)
    await expectRule(f.payee.settlement.claimLockFrom(locked, lock, secret.preimage, []), 'LockExpired')
    await f.increaseTime(300n)
    await expectRule(f.payee.settlement.claimLockFrom(locked, lock, secret.preimage, []), 'WindowOver')
  })
})

describe('withdraw and refund', () => {
  it('withdraw: not before the window ends, once, only after a close', async () => {
    const ch = await openChannel(f, { native: true, deposit: parseEther('1') })
    await expectRule(f.payee.settlement.withdraw(ch.channelId), 'NotClosing')
    await f.payee.settlement.close(
      await f.signUpdate(f.payer.key, plainState(ch.channelId, 2n, parseEther('0.25'))),
    )
    await expectRule(f.payee.settlement.withdraw(ch.channelId), 'WindowOpen')
    await f.increaseTime(ch.disputeWindow)
    const before = await f.client.getBalance({ address: f.payer.hex })
    await f.payee.settlement.withdraw(ch.channelId)
    expect(await f.client.getBalance({ address: f.payer.hex })).toBe(before + parseEther('0.75'))
    await expectRule(f.payee.settlement.withdraw(ch.channelId), 'AlreadyPaidOut')
    await expectRule(f.payer.settlement.refund(ch.channelId), 'AlreadyPaidOut')
  })

  it('refund: the whole deposit to the payer after expiry + window, never before, never after a close', async () => {
    const ch = await openChannel(f, { deposit: 400n, ttl: 100n, disputeWindow: 50n })
    await expectRule(f.stranger.settlement.refund(ch.channelId), 'NotExpired')
    await f.increaseTime(100n)
    await expectRule(f.stranger.settlement.refund(ch.channelId), 'NotExpired')
    await f.increaseTime(50n)
    const before = await f.tokenBalance(f.payer.hex)
    await f.stranger.settlement.refund(ch.channelId)
    expect(await f.tokenBalance(f.payer.hex)).toBe(before + 400n)
    await expectRule(f.payer.settlement.refund(ch.channelId), 'AlreadyPaidOut')
    const closed = await openChannel(f, { ttl: 100n, disputeWindow: 50n })
    await f.payee.settlement.close(await f.signUpdate(f.payer.key, plainState(closed.channelId, 1n, 1n)))
    await f.increaseTime(150n)
    await expectRule(f.payer.settlement.refund(closed.channelId), 'ChannelNotOpen')
    await expectRule(f.payer.settlement.refund(bytes32()), 'ChannelNotFound')
  })
})

describe('cooperative close', () => {
  it('pays out at once with both signatures, from open or closing', async () => {
    for (const fromClosing of [false, true]) {
      const ch = await openChannel(f, { deposit: 1_000n })
      if (fromClosing) {
        await f.payer.settlement.close(await f.signUpdate(f.payer.key, plainState(ch.channelId, 1n, 10n)))
      }
      const c = { channelId: ch.channelId, sequence: 9n, payeeAmount: 321n }
      const payerSignature = await f.signCooperative(f.payer.key, c)
      const payeeSignature = await f.signCooperative(f.payee.key, c)
      const payeeBefore = await f.tokenBalance(f.payee.hex)
      const payerBefore = await f.tokenBalance(f.payer.hex)
      await expectRule(
        f.stranger.settlement.cooperativeClose({ ...c, payerSignature, payeeSignature: payerSignature }),
        'InvalidSignature',
      )
      await expectRule(
        f.stranger.settlement.cooperativeClose({ ...c, payeeAmount: 322n, payerSignature, payeeSignature }),
        'InvalidSignature',
      )
      await f.stranger.settlement.cooperativeClose({ ...c, payerSignature, payeeSignature })
      expect(await f.tokenBalance(f.payee.hex)).toBe(payeeBefore + 321n)
      expect(await f.tokenBalance(f.payer.hex)).toBe(payerBefore + 679n)
      expect((await f.payer.settlement.getChannel(ch.channelId))?.paidOut).toBe(true)
      await expectRule(
        f.stranger.settlement.cooperativeClose({ ...c, payerSignature, payeeSignature }),
        'AlreadyPaidOut',
      )
    }
  })

  it('refuses a split above the deposit', async () => {
    const ch = await openChannel(f, { deposit: 100n })
    const c = { channelId: ch.channelId, sequence: 1n, payeeAmount: 101n }
    await expectRule(
      f.payee.settlement.cooperativeClose({
        ...c,
        payerSignature: await f.signCooperative(f.payer.key, c),
        payeeSignature: await f.signCooperative(f.payee.key, c),
      }),
      'AmountAboveDeposit',
    )
  })
})

describe('deferred payouts', () => {
  it('a payee that cannot receive does not block the payer; it collects later', async () => {
    const ch = await openChannel(f, { native: true, deposit: 1_000n })
    await f.payee.settlement.close(await f.signUpdate(f.payer.key, plainState(ch.channelId, 1n, 600n)))
    await f.increaseTime(ch.disputeWindow)
    // The payee's account now reverts on every call (code 0xfe).
    await f.client.request({ method: 'anvil_setCode' as never, params: [f.payee.hex, '0xfe'] as never })
    const payerBefore = await f.client.getBalance({ address: f.payer.hex })
    const tx = await f.stranger.settlement.withdraw(ch.channelId)
    expect(tx.height).toBeGreaterThan(0n)
    expect(await f.client.getBalance({ address: f.payer.hex })).toBe(payerBefore + 400n)
    const deferred = await f.client.readContract({
      address: f.contractHex,
      abi: bazaarChannelsAbi,
      functionName: 'deferred',
      args: [f.payee.hex, toAddress(NATIVE_TOKEN)],
    })
    expect(deferred).toBe(600n)
    await f.client.request({ method: 'anvil_setCode' as never, params: [f.payee.hex, '0x'] as never })
    await raw(f.payee.key, 'collect', [toAddress(NATIVE_TOKEN)])
    await expectRule(raw(f.payee.key, 'collect', [toAddress(NATIVE_TOKEN)]), 'NothingToCollect')
  })
})
