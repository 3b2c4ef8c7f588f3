/**
 * @packageDocumentation
 * @bazaar/protocol: every message two Bazaar nodes exchange, its canonical bytes, signatures and
 * validation. Pure: no sockets, no files, no libp2p runtime.
 *
 * @example
 * ```ts
 * import { generatePeerKeyPair, signBody, verifyBody, SigningDomain } from '@bazaar/protocol'
 * const keys = generatePeerKeyPair()
 * const body = new TextEncoder().encode('hello')
 * const sig = signBody(SigningDomain.card, body, keys.privateKey)
 * verifyBody(SigningDomain.card, body, keys.publicKey, sig) // true
 * ```
 */

export { keccak256 } from './channel/abi.js'
export { type ChannelIdParams, channelIdOf } from './channel/channel-id.js'
export {
  CHANNEL_UPDATE_TYPE,
  CHANNEL_UPDATE_TYPEHASH,
  type ChannelState,
  COOPERATIVE_CLOSE_TYPE,
  COOPERATIVE_CLOSE_TYPEHASH,
  cooperativeCloseDigest,
  domainSeparator,
  EIP712_DOMAIN_TYPE,
  EIP712_NAME,
  EIP712_VERSION,
  encodeChannelState,
  type SettlementDomain,
  updateDigest,
} from './channel/eip712.js'
export {
  type HashLock,
  lockLeaf,
  lockProof,
  locksRoot,
  preimageMatches,
  verifyLockProof,
  ZERO_ROOT,
} from './channel/locks.js'
export {
  assertLength,
  ED25519_PRIVATE_KEY_LENGTH,
  ED25519_PUBLIC_KEY_LENGTH,
  ED25519_SIGNATURE_LENGTH,
  ed25519PublicKey,
  ed25519Sign,
  ed25519Verify,
  generatePeerKeyPair,
  nobleEd25519Sign,
  nobleEd25519Verify,
  type PeerKeyPair,
} from './crypto/ed25519.js'
export {
  ADDRESS_LENGTH,
  addressOf,
  bytesEqual,
  DIGEST_LENGTH,
  generateSettlementKeyPair,
  nobleSecpRecoverAddress,
  SECP256K1_SIGNATURE_LENGTH,
  type SettlementKeyPair,
  secpRecoverAddress,
  secpSignDigest,
  secpVerifyDigest,
  settlementKeyFromPrivate,
} from './crypto/secp256k1.js'
export { BadSignatureError, InvalidLengthError, OutOfRangeError, ProtocolError } from './errors.js'
export { SigningDomain, type SigningDomainName, signBody, signingInput, verifyBody } from './signing.js'
