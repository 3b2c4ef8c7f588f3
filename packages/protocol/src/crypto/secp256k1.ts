/**
 * secp256k1 settlement keys: what the chain checks (`ecrecover`). Signing and recovery go
 * through libsecp256k1 (the `secp256k1` package ships a prebuilt N-API binary); @noble/curves is
 * the portable implementation used to cross-check in tests.
 */
import { randomBytes } from 'node:crypto'
import { secp256k1 as nobleSecp } from '@noble/curves/secp256k1.js'
import native from 'secp256k1'
import { keccak256 } from '../channel/abi.js'
import { BadSignatureError } from '../errors.js'
import { assertLength } from './ed25519.js'

export const SECP256K1_SIGNATURE_LENGTH = 65
export const ADDRESS_LENGTH = 20
export const DIGEST_LENGTH = 32

// Half the curve order, big-endian: signatures with a higher s are malleable twins and are refused.
const HALF_N = Buffer.from('7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0', 'hex')

/** A settlement key pair and its Ethereum address. */
export interface SettlementKeyPair {
  /** 32-byte private key. Never log it. */
  privateKey: Uint8Array
  /** 65-byte uncompressed public key. */
  publicKey: Uint8Array
  /** 20-byte address: the last 20 bytes of keccak256(publicKey without its 0x04 prefix). */
  address: Uint8Array
}

/** A key pair whose arrays this package allocated (plain `ArrayBuffer`s, as protobuf fields want). */
export type OwnedSettlementKeyPair = SettlementKeyPair & {
  privateKey: Uint8Array<ArrayBuffer>
  publicKey: Uint8Array<ArrayBuffer>
  address: Uint8Array<ArrayBuffer>
}

/** Creates a fresh settlement key from the OS's randomness. */
export function generateSettlementKeyPair(): OwnedSettlementKeyPair {
  for (;;) {
    const privateKey = new Uint8Array(randomBytes(32))
    if (native.privateKeyVerify(privateKey)) return settlementKeyFromPrivate(privateKey)
  }
}

/** Derives the public key and address of a 32-byte private key. */
export function settlementKeyFromPrivate(privateKey: Uint8Array): OwnedSettlementKeyPair {
  assertLength('settlementPrivateKey', privateKey, 32)
  if (!native.privateKeyVerify(privateKey))
    throw new BadSignatureError('settlement key', 'invalid secp256k1 private key')
  const publicKey = new Uint8Array(native.publicKeyCreate(privateKey, false))
  return { privateKey: Uint8Array.from(privateKey), publicKey, address: addressOf(publicKey) }
}

/** The Ethereum address of a 65-byte uncompressed public key. */
export function addressOf(publicKey: Uint8Array): Uint8Array<ArrayBuffer> {
  assertLength('publicKey', publicKey, 65)
  return keccak256(publicKey.subarray(1)).subarray(12)
}

/** Signs a 32-byte digest: 65 bytes r || s || v with v = 27 or 28 (what `ecrecover` takes). */
export function secpSignDigest(privateKey: Uint8Array, digest: Uint8Array): Uint8Array<ArrayBuffer> {
  assertLength('digest', digest, DIGEST_LENGTH)
  const { signature, recid } = native.ecdsaSign(digest, privateKey)
  const out = new Uint8Array(SECP256K1_SIGNATURE_LENGTH)
  out.set(signature, 0)
  out[64] = 27 + recid
  return out
}

function splitSignature(signature: Uint8Array): { compact: Uint8Array; recid: number } {
  if (signature.byteLength !== SECP256K1_SIGNATURE_LENGTH) {
    throw new BadSignatureError(
      'settlement',
      `settlement signature must be 65 bytes, got ${signature.byteLength}`,
    )
  }
  const v = signature[64]!
  if (v !== 27 && v !== 28)
    throw new BadSignatureError('settlement', 'settlement signature v must be 27 or 28')
  const compact = signature.subarray(0, 64)
  const s = compact.subarray(32)
  if (Buffer.compare(s, HALF_N) > 0 || s.every((byte) => byte === 0))
    throw new BadSignatureError('settlement', 'settlement signature s is not canonical (low-s)')
  return { compact, recid: v - 27 }
}

// A payee recovers the same payer's key update after update: remember key -> address. Keyed by
// bytes 1..6 of the key (no allocation), a hit only when the whole key matches; bounded.
const MAX_CACHED_ADDRESSES = 1024
const addresses = new Map<number, { publicKey: Uint8Array; address: Uint8Array<ArrayBuffer> }>()

function cachedAddressOf(publicKey: Uint8Array): Uint8Array<ArrayBuffer> {
  const key =
    publicKey[1]! * 2 ** 40 +
    publicKey[2]! * 2 ** 32 +
    ((publicKey[3]! << 24) >>> 0) +
    (publicKey[4]! << 16) +
    (publicKey[5]! << 8) +
    publicKey[6]!
  const hit = addresses.get(key)
  if (hit !== undefined && bytesEqual(hit.publicKey, publicKey)) return hit.address
  const address = addressOf(publicKey)
  if (addresses.size >= MAX_CACHED_ADDRESSES) addresses.clear()
  addresses.set(key, { publicKey: Uint8Array.from(publicKey), address })
  return address
}

/** Recovers the signer's address, as `ecrecover` would. Throws BadSignatureError. */
export function secpRecoverAddress(digest: Uint8Array, signature: Uint8Array): Uint8Array<ArrayBuffer> {
  return recoverShared(digest, signature).slice()
}

/**
 * {@link secpRecoverAddress} without the copy: the result is shared with a cache and must not be
 * mutated. For this package's verifiers, which only compare it.
 */
export function recoverShared(digest: Uint8Array, signature: Uint8Array): Uint8Array<ArrayBuffer> {
  assertLength('digest', digest, DIGEST_LENGTH)
  const { compact, recid } = splitSignature(signature)
  let publicKey: Uint8Array
  try {
    publicKey = native.ecdsaRecover(compact, recid, digest, false)
  } catch (cause) {
    throw new BadSignatureError('settlement', 'settlement signature does not recover to a key', { cause })
  }
  return cachedAddressOf(publicKey)
}

/** True when `signature` over `digest` recovers to `address`. Never throws on bad input. */
export function secpVerifyDigest(address: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  if (address.byteLength !== ADDRESS_LENGTH || digest.byteLength !== DIGEST_LENGTH) return false
  try {
    return bytesEqual(recoverShared(digest, signature), address)
  } catch {
    return false
  }
}

/** Portable recovery (@noble/curves), for cross-checks and non-Node runtimes. */
export function nobleSecpRecoverAddress(digest: Uint8Array, signature: Uint8Array): Uint8Array<ArrayBuffer> {
  const { compact, recid } = splitSignature(signature)
  const sig = nobleSecp.Signature.fromBytes(compact, 'compact').addRecoveryBit(recid)
  return addressOf(sig.recoverPublicKey(digest).toBytes(false))
}

/** Constant-shape byte comparison. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  let diff = 0
  for (let i = 0; i < a.byteLength; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}
