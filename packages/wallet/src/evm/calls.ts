/**
 * The transactions of the settlement adapter as journal intents (target, calldata, value): built
 * here once, so that what is recorded is exactly what is sent, and can be sent again.
 */
import { encodeFunctionData, erc20Abi, type Hex } from 'viem'
import type { LockLeaf, OpenChannelParams, SignedState } from '../settlement/types.js'
import { type Address, isNative, stateTuple, toAddress, toBytes32 } from './convert.js'
import { bazaarChannelsAbi } from './generated/artifacts.js'
import type { SettlementIntent } from './tx-journal.js'

function hexOf(bytes: Uint8Array): Hex {
  return `0x${Buffer.from(bytes).toString('hex')}`
}

function lockTuple(lock: LockLeaf) {
  return {
    hash: toBytes32(lock.hash, 'lock.hash'),
    amount: lock.amount,
    expiry: lock.expiry,
    jobId: toBytes32(lock.jobId, 'lock.jobId'),
  }
}

const proofWords = (proof: Uint8Array[]): Hex[] => proof.map((p) => toBytes32(p, 'proof'))

export function openIntent(contract: Address, p: OpenChannelParams): SettlementIntent {
  const args = [
    toAddress(p.payee, 'payee'),
    toAddress(p.token, 'token'),
    p.deposit,
    p.expiry,
    p.disputeWindow,
    p.nonce,
  ] as const
  return {
    action: 'open',
    to: contract,
    data: encodeFunctionData({ abi: bazaarChannelsAbi, functionName: 'open', args }),
    value: isNative(p.token) ? p.deposit : 0n,
  }
}

export function topUpIntent(
  contract: Address,
  channelId: Uint8Array,
  amount: bigint,
  native: boolean,
): SettlementIntent {
  return {
    action: 'topUp',
    channelId,
    to: contract,
    data: encodeFunctionData({
      abi: bazaarChannelsAbi,
      functionName: 'topUp',
      args: [toBytes32(channelId, 'channelId'), amount],
    }),
    value: native ? amount : 0n,
  }
}

export function stateIntent(
  contract: Address,
  action: 'close' | 'challenge',
  state: SignedState,
): SettlementIntent {
  return {
    action,
    channelId: state.channelId,
    to: contract,
    data: encodeFunctionData({
      abi: bazaarChannelsAbi,
      functionName: action,
      args: [stateTuple(state), hexOf(state.signature)],
    }),
    value: 0n,
  }
}

export function cooperativeCloseIntent(
  contract: Address,
  c: {
    channelId: Uint8Array
    sequence: bigint
    payeeAmount: bigint
    payerSignature: Uint8Array
    payeeSignature: Uint8Array
  },
): SettlementIntent {
  const args = [
    toBytes32(c.channelId, 'channelId'),
    c.sequence,
    c.payeeAmount,
    hexOf(c.payerSignature),
    hexOf(c.payeeSignature),
  ] as const
  return {
    action: 'cooperativeClose',
    channelId: c.channelId,
    to: contract,
    data: encodeFunctionData({ abi: bazaarChannelsAbi, functionName: 'cooperativeClose', args }),
    value: 0n,
  }
}

export function claimLockIntent(
  contract: Address,
  channelId: Uint8Array,
  lock: LockLeaf,
  preimage: Uint8Array,
  proof: Uint8Array[],
): SettlementIntent {
  const args = [
    toBytes32(channelId, 'channelId'),
    lockTuple(lock),
    toBytes32(preimage, 'preimage'),
    proofWords(proof),
  ] as const
  return {
    action: 'claimLock',
    channelId,
    to: contract,
    data: encodeFunctionData({ abi: bazaarChannelsAbi, functionName: 'claimLock', args }),
    value: 0n,
  }
}

export function claimLockFromIntent(
  contract: Address,
  state: SignedState,
  lock: LockLeaf,
  preimage: Uint8Array,
  proof: Uint8Array[],
): SettlementIntent {
  const args = [
    stateTuple(state),
    hexOf(state.signature),
    lockTuple(lock),
    toBytes32(preimage, 'preimage'),
    proofWords(proof),
  ] as const
  return {
    action: 'claimLockFrom',
    channelId: state.channelId,
    to: contract,
    data: encodeFunctionData({ abi: bazaarChannelsAbi, functionName: 'claimLockFrom', args }),
    value: 0n,
  }
}

export function channelIntent(
  contract: Address,
  action: 'withdraw' | 'refund',
  channelId: Uint8Array,
): SettlementIntent {
  return {
    action,
    channelId,
    to: contract,
    data: encodeFunctionData({
      abi: bazaarChannelsAbi,
      functionName: action,
      args: [toBytes32(channelId, 'channelId')],
    }),
    value: 0n,
  }
}

export function approveIntent(token: Address, spender: Address, amount: bigint): SettlementIntent {
  return {
    action: 'approve',
    to: token,
    data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] }),
    value: 0n,
  }
}
