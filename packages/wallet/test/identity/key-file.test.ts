import { chmod, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ed25519PublicKey } from '@bazaar/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { libp2pRawKey, loadPeerKey, loadSettlementKey, loadWalletKeys } from '../../src/index.js'
import { tempDir } from '../helpers.js'

const kdf = { logN: 10, r: 8, p: 1 }

describe('key files', () => {
  let dir: string
  let cleanup: () => Promise<void>
  beforeEach(async () => ({ dir, cleanup } = await tempDir()))
  afterEach(() => cleanup())

  it('creates both keys once with mode 0600 and loads the same keys again', async () => {
    const first = await loadWalletKeys({ dataDir: dir })
    for (const f of ['peer.key', 'settlement.key'])
      expect((await stat(join(dir, f))).mode & 0o777).toBe(0o600)
    const again = await loadWalletKeys({ dataDir: dir })
    expect(again.peerKey.privateKey).toEqual(first.peerKey.privateKey)
    expect(again.settlementKey.address).toEqual(first.settlementKey.address)
    expect(ed25519PublicKey(first.peerKey.privateKey)).toEqual(first.peerKey.publicKey)
    const raw = libp2pRawKey(first.peerKey)
    expect(raw.subarray(0, 32)).toEqual(first.peerKey.privateKey)
    expect(raw.subarray(32)).toEqual(first.peerKey.publicKey)
  })

  it('encrypts with a passphrase and refuses a wrong one without touching the file', async () => {
    const key = await loadPeerKey({ dataDir: dir, passphrase: 'correct horse', kdf })
    const before = await readFile(join(dir, 'peer.key'))
    expect(before.includes(Buffer.from(key.privateKey))).toBe(false)
    await expect(loadPeerKey({ dataDir: dir, passphrase: 'wrong', kdf })).rejects.toMatchObject({
      name: 'WrongPassphraseError',
    })
    await expect(loadPeerKey({ dataDir: dir })).rejects.toMatchObject({ name: 'PassphraseRequiredError' })
    expect(await readFile(join(dir, 'peer.key'))).toEqual(before)
    expect((await loadPeerKey({ dataDir: dir, passphrase: 'correct horse' })).privateKey).toEqual(
      key.privateKey,
    )
  })

  it('refuses a passphrase for a clear file rather than pretending', async () => {
    await loadSettlementKey({ dataDir: dir })
    await expect(loadSettlementKey({ dataDir: dir, passphrase: 'x' })).rejects.toMatchObject({
      name: 'KeyFileNotEncryptedError',
    })
  })

  it.each([
    [
      'a flipped byte',
      (b: Buffer) => {
        b[20] = b[20]! ^ 1
      },
    ],
    ['a truncated file', (b: Buffer) => b.subarray(0, 40)],
    ['a foreign file', () => Buffer.from('-----BEGIN PRIVATE KEY-----\n')],
  ])('reports %s as corrupt and never regenerates it', async (_label, damage) => {
    const key = await loadPeerKey({ dataDir: dir, passphrase: 'pw', kdf })
    const path = join(dir, 'peer.key')
    const bytes = await readFile(path)
    const out = damage(bytes)
    const damaged = Buffer.isBuffer(out) ? out : bytes
    await writeFile(path, damaged, { mode: 0o600 })
    await expect(loadPeerKey({ dataDir: dir, passphrase: 'pw' })).rejects.toMatchObject({
      name: 'CorruptKeyFileError',
    })
    expect(await readFile(path)).toEqual(damaged)
    expect(key.privateKey.byteLength).toBe(32)
  })

  it('refuses a key file readable by others', async () => {
    await loadPeerKey({ dataDir: dir })
    await chmod(join(dir, 'peer.key'), 0o644)
    const err = await loadPeerKey({ dataDir: dir }).catch((e: Error) => e)
    expect(err).toMatchObject({ name: 'InsecureKeyFileError' })
    expect((err as Error).message).toContain('chmod 600')
  })

  it('refuses a settlement key where a peer key is expected', async () => {
    await loadSettlementKey({ dataDir: dir })
    await writeFile(join(dir, 'peer.key'), await readFile(join(dir, 'settlement.key')), { mode: 0o600 })
    await expect(loadPeerKey({ dataDir: dir })).rejects.toMatchObject({ name: 'WrongKeyKindError' })
  })

  it('two concurrent first starts end with one key', async () => {
    const [a, b] = await Promise.all([loadPeerKey({ dataDir: dir }), loadPeerKey({ dataDir: dir })])
    expect(a.privateKey).toEqual(b.privateKey)
  })
})
