import { describe, expect, it } from 'vitest'
import * as p from '../src/index.js'

const token = Uint8Array.from(Buffer.from('e7f1725e7734ce288f8367e1bb143e90bb3f0512', 'hex'))

describe('CAIP-19 assets of channels', () => {
  it('names the native coin with slip44:60 and a token with its lowercase address', () => {
    expect(p.assetOf(31337n, new Uint8Array(20))).toBe('eip155:31337/slip44:60')
    expect(p.assetOf(196n, token)).toBe('eip155:196/erc20:0xe7f1725e7734ce288f8367e1bb143e90bb3f0512')
  })

  it('parses what it names, back to the same chain id and token', () => {
    for (const t of [new Uint8Array(20), token]) {
      const parsed = p.parseAsset(p.assetOf(8453n, t))
      expect(parsed?.chainId).toBe(8453n)
      expect(Buffer.from(parsed?.token ?? []).equals(Buffer.from(t))).toBe(true)
    }
    expect(p.parseAsset('eip155:1/erc20:0xE7F1725E7734CE288F8367E1BB143E90BB3F0512')?.token).toEqual(token)
  })

  it('refuses other namespaces and malformed ids', () => {
    for (const bad of [
      'solana:mainnet/slip44:501',
      'eip155:0/slip44:60',
      'eip155:1/erc20:0x1234',
      'eip155:1/erc721:0xe7f1725e7734ce288f8367e1bb143e90bb3f0512',
      'eip155:1/slip44:60 ',
      '',
    ]) {
      expect(p.parseAsset(bad), bad).toBeUndefined()
    }
  })

  it('reads a card term without a token as the native coin', () => {
    const terms = { chainId: 1n, contract: new Uint8Array(20), payeeAddress: new Uint8Array(20) }
    expect(p.isNativeToken(p.termsToken(terms))).toBe(true)
    expect(p.termsToken({ ...terms, token })).toEqual(token)
  })
})
