/**
 * EIP-712 digests of channel messages: the one signature of an update that both the payee and
 * the settlement contract check. See docs/PROTOCOL.md "Channel updates".
 */
import { keccak256, keccakText, WORD, writeAddress, writeBytes32, writeUint } from './abi.js'

export const EIP712_NAME = 'Bazaar Channels'
export const EIP712_VERSION = '1'
export const EIP712_DOMAIN_TYPE =
  'EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'
export const CHANNEL_UPDATE_TYPE =
  'ChannelUpdate(bytes32 channelId,uint64 sequence,bytes32 previousStateHash,uint256 cumulativePaid,uint256 lockedTotal,bytes32 locksRoot,bytes32 jobId)'
export const COOPERATIVE_CLOSE_TYPE =
  'CooperativeClose(bytes32 channelId,uint64 sequence,uint256 payeeAmount)'

const DOMAIN_TYPEHASH = keccakText(EIP712_DOMAIN_TYPE)
const NAME_HASH = keccakText(EIP712_NAME)
const VERSION_HASH = keccakText(EIP712_VERSION)
export const CHANNEL_UPDATE_TYPEHASH = keccakText(CHANNEL_UPDATE_TYPE)
export const COOPERATIVE_CLOSE_TYPEHASH = keccakText(COOPERATIVE_CLOSE_TYPE)

/** The settlement a signature is bound to: network (EIP-155 chain id) and contract. */
export interface SettlementDomain {
  chainId: bigint
  /** 20-byte contract (or ledger) address. */
  contract: Uint8Array
}

/** The signed fields of a channel update (everything but the locks list and the signature). */
export interface ChannelState {
  channelId: Uint8Array
  sequence: bigint
  previousStateHash: Uint8Array
  cumulativePaid: bigint
  lockedTotal: bigint
  locksRoot: Uint8Array
  jobId: Uint8Array
}

const separators = new Map<string, Uint8Array<ArrayBuffer>>()
const separatorByDomain = new WeakMap<
  SettlementDomain,
  { chainId: bigint; contract: Uint8Array; sep: Uint8Array<ArrayBuffer> }
>()

function sameContract(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false
  return true
}

/** The EIP-712 domain separator, cached per domain object (re-checked by value) and per (chain, contract). */
export function domainSeparator(domain: SettlementDomain): Uint8Array<ArrayBuffer> {
  const cached = separatorByDomain.get(domain)
  if (
    cached !== undefined &&
    cached.chainId === domain.chainId &&
    sameContract(cached.contract, domain.contract)
  ) {
    return cached.sep
  }
  const key = `${domain.chainId}:${Buffer.from(domain.contract).toString('hex')}`
  let sep = separators.get(key)
  if (sep === undefined) {
    const buf = new Uint8Array(5 * WORD)
    buf.set(DOMAIN_TYPEHASH, 0)
    buf.set(NAME_HASH, WORD)
    buf.set(VERSION_HASH, 2 * WORD)
    writeUint(buf, 3 * WORD, domain.chainId, 256, 'chainId')
    writeAddress(buf, 4 * WORD, domain.contract, 'contract')
    sep = keccak256(buf)
    if (separators.size > 64) separators.clear()
    separators.set(key, sep)
  }
  separatorByDomain.set(domain, { chainId: domain.chainId, contract: Uint8Array.from(domain.contract), sep })
  return sep
}

// Scratch buffers of the hot path: hashed synchronously, never handed out, every byte rewritten.
const digestScratch = new Uint8Array(2 + 2 * WORD)
digestScratch[0] = 0x19
digestScratch[1] = 0x01
const stateScratch = new Uint8Array(8 * WORD)

function typedDigest(domain: SettlementDomain, structHash: Uint8Array): Uint8Array<ArrayBuffer> {
  digestScratch.set(domainSeparator(domain), 2)
  digestScratch.set(structHash, 2 + WORD)
  return keccak256(digestScratch)
}

function writeChannelState<T extends Uint8Array>(buf: T, state: ChannelState): T {
  buf.set(CHANNEL_UPDATE_TYPEHASH, 0)
  writeBytes32(buf, WORD, state.channelId, 'channelId')
  writeUint(buf, 2 * WORD, state.sequence, 64, 'sequence')
  writeBytes32(buf, 3 * WORD, state.previousStateHash, 'previousStateHash')
  writeUint(buf, 4 * WORD, state.cumulativePaid, 256, 'cumulativePaid')
  writeUint(buf, 5 * WORD, state.lockedTotal, 256, 'lockedTotal')
  writeBytes32(buf, 6 * WORD, state.locksRoot, 'locksRoot')
  writeBytes32(buf, 7 * WORD, state.jobId, 'jobId')
  return buf
}

/** The ABI-encoded struct of an update: the canonical bytes whose hash is signed. */
export function encodeChannelState(state: ChannelState): Uint8Array<ArrayBuffer> {
  return writeChannelState(new Uint8Array(8 * WORD), state)
}

/** The state hash of an update: its EIP-712 digest, which the payer's settlement key signs. */
export function updateDigest(domain: SettlementDomain, state: ChannelState): Uint8Array<ArrayBuffer> {
  return typedDigest(domain, keccak256(writeChannelState(stateScratch, state)))
}

/** The digest both settlement keys sign for a cooperative close. */
export function cooperativeCloseDigest(
  domain: SettlementDomain,
  close: { channelId: Uint8Array; sequence: bigint; payeeAmount: bigint },
): Uint8Array<ArrayBuffer> {
  const buf = new Uint8Array(4 * WORD)
  buf.set(COOPERATIVE_CLOSE_TYPEHASH, 0)
  writeBytes32(buf, WORD, close.channelId, 'channelId')
  writeUint(buf, 2 * WORD, close.sequence, 64, 'sequence')
  writeUint(buf, 3 * WORD, close.payeeAmount, 256, 'payeeAmount')
  return typedDigest(domain, keccak256(buf))
}
