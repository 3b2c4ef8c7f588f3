/**
 * One secret key in one file, mode 0600, optionally encrypted with a passphrase.
 *
 * File format v1 (all integers unsigned, big-endian):
 *
 * | offset | size | field |
 * | --- | --- | --- |
 * | 0 | 4 | magic `BZKY` |
 * | 4 | 1 | format version = 1 |
 * | 5 | 1 | key kind: 1 = Ed25519 peer key seed, 2 = secp256k1 settlement key |
 * | 6 | 1 | protection: 0 = clear, 1 = scrypt + XChaCha20-Poly1305 |
 * | 7 | 1 | reserved, 0 |
 * | 8 | 32 | protection 0: the raw 32-byte secret |
 * | 8 | 4 | protection 1: scrypt log2(N), r, p, reserved |
 * | 12 | 16 | protection 1: scrypt salt |
 * | 28 | 24 | protection 1: XChaCha20 nonce |
 * | 52 | 48 | protection 1: ciphertext of the secret + 16-byte Poly1305 tag; AAD = bytes 0..52 |
 * | end-32 | 32 | sha256 of every byte before it |
 *
 * The checksum tells a damaged file (CorruptKeyFileError) apart from a wrong passphrase (the
 * checksum matches but the tag does not: WrongPassphraseError). A file is created once, by
 * writing a temporary file and hard-linking it into place, which fails if the name exists:
 * an existing key is never overwritten, even by two processes starting at the same time.
 */
import { createHash, randomBytes } from 'node:crypto'
import { constants as fsc } from 'node:fs'
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { scryptAsync } from '@noble/hashes/scrypt.js'
import {
  CorruptKeyFileError,
  InsecureKeyFileError,
  KeyFileNotEncryptedError,
  PassphraseRequiredError,
  WrongKeyKindError,
  WrongPassphraseError,
} from './errors.js'

const MAGIC = new Uint8Array([0x42, 0x5a, 0x4b, 0x59]) // "BZKY"
const VERSION = 1
const SECRET_LENGTH = 32
const CHECKSUM_LENGTH = 32
const CLEAR_LENGTH = 8 + SECRET_LENGTH + CHECKSUM_LENGTH
const SEALED_HEADER = 52
const SEALED_LENGTH = SEALED_HEADER + SECRET_LENGTH + 16 + CHECKSUM_LENGTH

/** What a key file holds. */
export type KeyKind = 'peer' | 'settlement'
const KIND_CODE: Record<KeyKind, number> = { peer: 1, settlement: 2 }
const KIND_NAME = ['unknown', 'peer', 'settlement'] as const

/** scrypt cost. The default (N = 2^16, r = 8, p = 1: 64 MiB, about 0.3 s) suits a start-up. */
export interface KdfParams {
  logN: number
  r: number
  p: number
}

export const DEFAULT_KDF: KdfParams = { logN: 16, r: 8, p: 1 }

export interface KeyFileOptions {
  /** Encrypts a new file with it; required to read an encrypted file. */
  passphrase?: string | undefined
  /** scrypt cost of a new encrypted file (tests lower it). */
  kdf?: KdfParams | undefined
}

function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest())
}

async function deriveKey(passphrase: string, salt: Uint8Array, kdf: KdfParams): Promise<Uint8Array> {
  return scryptAsync(new TextEncoder().encode(passphrase.normalize('NFKC')), salt, {
    N: 2 ** kdf.logN,
    r: kdf.r,
    p: kdf.p,
    dkLen: 32,
    maxmem: 2 ** 31,
  })
}

/** Encodes a secret into the file format. */
export async function encodeKeyFile(
  kind: KeyKind,
  secret: Uint8Array,
  options: KeyFileOptions = {},
): Promise<Uint8Array> {
  if (secret.byteLength !== SECRET_LENGTH) throw new RangeError('key file secrets are 32 bytes')
  const sealed = options.passphrase !== undefined
  const out = new Uint8Array(sealed ? SEALED_LENGTH : CLEAR_LENGTH)
  out.set(MAGIC, 0)
  out[4] = VERSION
  out[5] = KIND_CODE[kind]
  out[6] = sealed ? 1 : 0
  if (options.passphrase === undefined) {
    out.set(secret, 8)
  } else {
    const kdf = options.kdf ?? DEFAULT_KDF
    out.set([kdf.logN, kdf.r, kdf.p, 0], 8)
    const salt = randomBytes(16)
    const nonce = randomBytes(24)
    out.set(salt, 12)
    out.set(nonce, 28)
    const key = await deriveKey(options.passphrase, salt, kdf)
    const aad = out.subarray(0, SEALED_HEADER)
    out.set(xchacha20poly1305(key, nonce, aad).encrypt(secret), SEALED_HEADER)
  }
  out.set(sha256(out.subarray(0, out.byteLength - CHECKSUM_LENGTH)), out.byteLength - CHECKSUM_LENGTH)
  return out
}

/** Decodes the file format; `path` only names the file in errors. */
export async function decodeKeyFile(
  path: string,
  kind: KeyKind,
  bytes: Uint8Array,
  options: KeyFileOptions = {},
): Promise<Uint8Array> {
  if (bytes.byteLength < 8 || !MAGIC.every((b, i) => bytes[i] === b)) {
    throw new CorruptKeyFileError(path, 'not a Bazaar key file')
  }
  if (bytes[4] !== VERSION) throw new CorruptKeyFileError(path, `unknown format version ${bytes[4]}`)
  const sealed = bytes[6] === 1
  if (bytes[6]! > 1) throw new CorruptKeyFileError(path, `unknown protection ${bytes[6]}`)
  const expected = sealed ? SEALED_LENGTH : CLEAR_LENGTH
  if (bytes.byteLength !== expected) {
    throw new CorruptKeyFileError(path, `length ${bytes.byteLength}, expected ${expected}`)
  }
  const body = bytes.subarray(0, expected - CHECKSUM_LENGTH)
  const sum = sha256(body)
  if (!sum.every((b, i) => bytes[expected - CHECKSUM_LENGTH + i] === b)) {
    throw new CorruptKeyFileError(path, 'checksum mismatch')
  }
  if (bytes[5] !== KIND_CODE[kind]) {
    throw new WrongKeyKindError(path, kind, KIND_NAME[bytes[5]!] ?? 'unknown')
  }
  if (!sealed) {
    if (options.passphrase !== undefined) throw new KeyFileNotEncryptedError(path)
    return bytes.slice(8, 8 + SECRET_LENGTH)
  }
  if (options.passphrase === undefined) throw new PassphraseRequiredError(path)
  const kdf = { logN: bytes[8]!, r: bytes[9]!, p: bytes[10]! }
  if (kdf.logN < 1 || kdf.logN > 24 || kdf.r < 1 || kdf.p < 1) {
    throw new CorruptKeyFileError(path, 'scrypt parameters out of range')
  }
  const key = await deriveKey(options.passphrase, bytes.subarray(12, 28), kdf)
  try {
    return xchacha20poly1305(key, bytes.subarray(28, 52), bytes.subarray(0, SEALED_HEADER)).decrypt(
      bytes.subarray(SEALED_HEADER, SEALED_HEADER + SECRET_LENGTH + 16),
    )
  } catch {
    throw new WrongPassphraseError(path)
  }
}

/** Reads a key file, refusing one that group or others can read. */
export async function readKeyFile(
  path: string,
  kind: KeyKind,
  options: KeyFileOptions = {},
): Promise<Uint8Array> {
  const info = await stat(path)
  if ((info.mode & 0o077) !== 0) throw new InsecureKeyFileError(path, info.mode)
  return decodeKeyFile(path, kind, new Uint8Array(await readFile(path)), options)
}

/** Creates the file with mode 0600 unless it exists; returns false when it already existed. */
export async function createKeyFile(
  path: string,
  kind: KeyKind,
  secret: Uint8Array,
  options: KeyFileOptions = {},
): Promise<boolean> {
  const bytes = await encodeKeyFile(kind, secret, options)
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await open(tmp, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600)
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await link(tmp, path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  } finally {
    await unlink(tmp)
  }
  const dir = await open(dirname(path), 'r')
  try {
    await dir.sync()
  } finally {
    await dir.close()
  }
  return true
}

/**
 * Loads the key at `path`, or creates it with `generate()` when no file exists. Any other
 * problem (damage, permissions, passphrase) throws: nothing is regenerated over a file.
 */
export async function loadOrCreateKeyFile(
  path: string,
  kind: KeyKind,
  generate: () => Uint8Array,
  options: KeyFileOptions = {},
): Promise<{ secret: Uint8Array; created: boolean }> {
  try {
    return { secret: await readKeyFile(path, kind, options), created: false }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  const secret = generate()
  if (await createKeyFile(path, kind, secret, options)) return { secret, created: true }
  // Another process created it between our read and our link: use theirs.
  return { secret: await readKeyFile(path, kind, options), created: false }
}
