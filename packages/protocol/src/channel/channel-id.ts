/** Channel ids, derived from a channel's fixed parameters exactly as the contract derives them. */
import { keccak256, WORD, writeAddress, writeUint } from './abi.js'

/** The fixed parameters of a channel (its deposit can change, its id cannot). */
export interface ChannelIdParams {
  chainId: bigint
  contract: Uint8Array
  payer: Uint8Array
  payee: Uint8Array
  token: Uint8Array
  /** Unix seconds. */
  expiry: bigint
  /** Seconds. */
  disputeWindow: bigint
  nonce: bigint
}

/** `keccak256(abi.encode(chainId, contract, payer, payee, token, expiry, disputeWindow, nonce))`. */
export function channelIdOf(p: ChannelIdParams): Uint8Array<ArrayBuffer> {
  const buf = new Uint8Array(8 * WORD)
  writeUint(buf, 0, p.chainId, 256, 'chainId')
  writeAddress(buf, WORD, p.contract, 'contract')
  writeAddress(buf, 2 * WORD, p.payer, 'payer')
  writeAddress(buf, 3 * WORD, p.payee, 'payee')
  writeAddress(buf, 4 * WORD, p.token, 'token')
  writeUint(buf, 5 * WORD, p.expiry, 64, 'expiry')
  writeUint(buf, 6 * WORD, p.disputeWindow, 64, 'disputeWindow')
  writeUint(buf, 7 * WORD, p.nonce, 64, 'nonce')
  return keccak256(buf)
}
