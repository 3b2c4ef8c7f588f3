/**
 * The control API's bearer token: 32 random bytes, hex, in `<data-dir>/api.token` with mode 0600
 * (readable by the node's user only). Compared in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** File name of the token inside the data directory. */
export const TOKEN_FILE = 'api.token'

/** Reads the token, creating it (0600) if the file does not exist. */
export async function loadOrCreateToken(dataDir: string): Promise<string> {
  const path = join(dataDir, TOKEN_FILE)
  try {
    return (await readFile(path, 'utf8')).trim()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const token = randomBytes(32).toString('hex')
  await writeFile(path, `${token}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: unknown) => {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  })
  await chmod(path, 0o600)
  return (await readFile(path, 'utf8')).trim()
}

/** Reads an existing token; undefined if there is none. */
export async function readToken(dataDir: string): Promise<string | undefined> {
  try {
    return (await readFile(join(dataDir, TOKEN_FILE), 'utf8')).trim()
  } catch {
    return undefined
  }
}

/** True if the `Authorization` header carries exactly `Bearer <token>`. */
export function checkBearer(header: string | undefined, token: string): boolean {
  if (header === undefined || !header.startsWith('Bearer ')) return false
  const given = Buffer.from(header.slice('Bearer '.length).trim())
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
