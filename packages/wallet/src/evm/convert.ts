/** Conversions between the `Settlement` interface's byte arrays and the contract's ABI values. */
import {
  bytesToHex,
  type Chain,
  defineChain,
  getAddress,
  type Hex,
  hexToBytes,
  type Log,
  parseEventLogs,
} from 'viem'
import type { ChannelStatus, SettledChannel, SettlementEvent, SignedState } from '../settlement/types.js'
import { bazaarChannelsAbi } from './generated/artifacts.js'

export type Address = `0x${string}`

/** The native coin's "token address" (20 zero bytes). */
export const NATIVE_TOKEN = new Uint8Array(20)

/** A viem chain definition for any EVM chain reached through one RPC URL. */
export function rpcChain(rpcUrl: string, chainId: bigint): Chain {
  return defineChain({
    id: Number(chainId),
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'native', symbol: 'NATIVE', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  })
}

export function toAddress(bytes: Uint8Array, field = 'address'): Address {
  if (bytes.byteLength !== 20) throw new RangeError(`${field} must be 20 bytes, got ${bytes.byteLength}`)
  return getAddress(bytesToHex(bytes))
}

export function toBytes32(bytes: Uint8Array, field = 'bytes32'): Hex {
  if (bytes.byteLength !== 32) throw new RangeError(`${field} must be 32 bytes, got ${bytes.byteLength}`)
  return bytesToHex(bytes)
}

export function fromHex(hex: Hex): Uint8Array {
  return hexToBytes(hex)
}

export function isNative(token: Uint8Array): boolean {
  return token.every((b) => b === 0)
}

/** The contract's `State` tuple for a signed state (the signature travels separately). */
export function stateTuple(s: SignedState) {
  return {
    channelId: toBytes32(s.channelId, 'channelId'),
    sequence: s.sequence,
    previousStateHash: toBytes32(s.previousStateHash, 'previousStateHash'),
    cumulativePaid: s.cumulativePaid,
    lockedTotal: s.lockedTotal,
    locksRoot: toBytes32(s.locksRoot, 'locksRoot'),
    jobId: toBytes32(s.jobId, 'jobId'),
  }
}

const STATUS: readonly ChannelStatus[] = ['open', 'closing', 'closed']

/** The contract's `getChannel` result, as the interface's view (undefined: no such channel). */
export function settledChannel(
  channelId: Uint8Array,
  v: {
    payer: Address
    payee: Address
    token: Address
    deposit: bigint
    expiry: bigint
    disputeWindow: bigint
    nonce: bigint
    status: number
    sequence: bigint
    cumulativePaid: bigint
    lockedTotal: bigint
    locksRoot: Hex
    claimed: bigint
    closeDeadline: bigint
    floor: bigint
  },
): SettledChannel | undefined {
  if (BigInt(v.payer) === 0n) return undefined
  return {
    channelId,
    payer: fromHex(v.payer),
    payee: fromHex(v.payee),
    token: fromHex(v.token),
    deposit: v.deposit,
    expiry: v.expiry,
    disputeWindow: v.disputeWindow,
    nonce: v.nonce,
    status: STATUS[v.status] ?? 'closed',
    sequence: v.sequence,
    cumulativePaid: v.cumulativePaid,
    lockedTotal: v.lockedTotal,
    locksRoot: fromHex(v.locksRoot),
    claimed: v.claimed,
    floor: v.floor,
    closeDeadline: v.closeDeadline,
    paidOut: v.status === 2,
  }
}

const REASONS = ['withdraw', 'refund', 'cooperative'] as const

/** Maps the contract's logs to settlement events (logs of other events are skipped). */
export function settlementEvents(logs: Log[]): SettlementEvent[] {
  const out: SettlementEvent[] = []
  for (const log of parseEventLogs({ abi: bazaarChannelsAbi, logs, strict: true })) {
    const height = log.blockNumber ?? 0n
    switch (log.eventName) {
      case 'ChannelOpened':
        out.push({
          type: 'opened',
          channelId: fromHex(log.args.channelId),
          payer: fromHex(log.args.payer),
          payee: fromHex(log.args.payee),
          deposit: log.args.deposit,
          height,
        })
        break
      case 'ChannelToppedUp':
        out.push({
          type: 'topped-up',
          channelId: fromHex(log.args.channelId),
          deposit: log.args.deposit,
          height,
        })
        break
      case 'ChannelClosing':
        out.push({
          type: 'closing',
          channelId: fromHex(log.args.channelId),
          sequence: log.args.sequence,
          cumulativePaid: log.args.cumulativePaid,
          closeDeadline: log.args.closeDeadline,
          by: fromHex(log.args.by),
          height,
        })
        break
      case 'ChannelChallenged':
        out.push({
          type: 'challenged',
          channelId: fromHex(log.args.channelId),
          sequence: log.args.sequence,
          cumulativePaid: log.args.cumulativePaid,
          by: fromHex(log.args.by),
          height,
        })
        break
      case 'ChannelLockClaimed':
        out.push({
          type: 'lock-claimed',
          channelId: fromHex(log.args.channelId),
          lockHash: fromHex(log.args.lockHash),
          amount: log.args.amount,
          preimage: fromHex(log.args.preimage),
          height,
        })
        break
      case 'ChannelPaidOut':
        out.push({
          type: 'paid-out',
          channelId: fromHex(log.args.channelId),
          toPayee: log.args.toPayee,
          toPayer: log.args.toPayer,
          reason: REASONS[log.args.reason] ?? 'withdraw',
          height,
        })
        break
      default:
        break
    }
  }
  return out
}
