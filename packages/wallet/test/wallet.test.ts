import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalLedger, loadWalletKeys, openWallet } from '../src/index.js'
import { tempDir } from './helpers.js'

const kdf = { logN: 10, r: 8, p: 1 }

describe('openWallet', () => {
  it('opens with encrypted keys, refuses a wrong passphrase and a settlement acting as someone else', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const keys = await loadWalletKeys({ dataDir: dir, passphrase: 'pw', kdf })
      const ledger = await LocalLedger.open({
        path: join(dir, 'ledger.db'),
        account: keys.settlementKey.address,
      })
      const wallet = await openWallet({ dataDir: dir, passphrase: 'pw', settlement: ledger, watch: false })
      expect(wallet.peerKey.publicKey).toEqual(keys.peerKey.publicKey)
      expect(wallet.settlementKey.address).toEqual(keys.settlementKey.address)
      await wallet.close()
      await expect(
        openWallet({ dataDir: dir, passphrase: 'nope', settlement: ledger }),
      ).rejects.toMatchObject({
        name: 'WrongPassphraseError',
      })
      const other = await LocalLedger.open({
        path: join(dir, 'ledger.db'),
        account: new Uint8Array(20).fill(1),
      })
      await expect(openWallet({ dataDir: dir, passphrase: 'pw', settlement: other })).rejects.toMatchObject({
        name: 'SettlementAccountMismatchError',
      })
      await ledger.stop()
      await other.stop()
    } finally {
      await cleanup()
    }
  })
})
