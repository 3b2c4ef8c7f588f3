/**
 * CAIP-19 asset ids of what a channel is funded in, the form skills and job requests name their
 * asset with: `eip155:<chainId>/slip44:60` for a chain's native coin, `eip155:<chainId>/erc20:0x<address>`
 * (lowercase hex) for an ERC-20. A job's asset and its channel's (chain id, token) must agree.
 */
import { EVM_ADDRESS_LENGTH } from './constants.js'

/** The asset a channel on `chainId` funded in `token` (20 zero bytes: native coin) holds. */
export function assetOf(chainId: bigint, token: Uint8Array): string {
  if (isNativeToken(token)) return `eip155:${chainId}/slip44:60`
  return `eip155:${chainId}/erc20:0x${Buffer.from(token).toString('hex')}`
}

/** The (chain id, token) of an EVM asset id; undefined for anything else (another namespace, malformed). */
export function parseAsset(asset: string): { chainId: bigint; token: Uint8Array } | undefined {
  const m = /^eip155:([1-9][0-9]{0,19})\/(?:slip44:60|erc20:0x([0-9a-fA-F]{40}))$/.exec(asset)
  if (m === null) return undefined
  const token =
    m[2] === undefined ? new Uint8Array(EVM_ADDRESS_LENGTH) : Uint8Array.from(Buffer.from(m[2], 'hex'))
  return { chainId: BigInt(m[1] as string), token }
}

/** Whether a 20-byte token address is the native coin (all zero). */
export function isNativeToken(token: Uint8Array): boolean {
  return token.every((b) => b === 0)
}
