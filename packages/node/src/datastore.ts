/**
 * The on-disk datastore behind libp2p's peer store and the DHT's records and provider entries,
 * so a restarted node knows its peers and what it provides. One file per key (datastore-fs):
 * the record counts are small and it needs no native build.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { FsDatastore } from 'datastore-fs'
import { DATASTORE_DIR } from './constants.js'

export async function openDatastore(dataDir: string): Promise<FsDatastore> {
  const location = join(dataDir, DATASTORE_DIR)
  await mkdir(location, { recursive: true, mode: 0o700 })
  const store = new FsDatastore(location, { createIfMissing: true })
  await store.open()
  return store
}
