/** Shared test fixtures: temp directories, a controllable clock, two wallets on one ledger. */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, openSync, rmSync, statSync, unlinkSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generatePeerKeyPair, generateSettlementKeyPair, keccak256 } from '@bazaar/protocol'
import { LocalLedger, openWallet, type Wallet } from '../src/index.js'

/** A temp directory removed by `cleanup`. */
export async function tempDir(
  prefix = 'bazaar-wallet-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** A clock in unix seconds that tests move by hand. */
export function manualClock(start = 1_900_000_000n): { now: () => bigint; advance: (s: bigint) => void } {
  let t = start
  return {
    now: () => t,
    advance: (s) => {
      t += s
    },
  }
}

export const NATIVE = new Uint8Array(20)

export interface Pair {
  dir: string
  ledger: LocalLedger
  payer: Wallet
  payee: Wallet
  clock: ReturnType<typeof manualClock>
  close: () => Promise<void>
}

/** How the payee's side of a pair is set up. */
export interface PayeeSetup {
  /** The token the payee's LocalLedger instance is configured to settle in. */
  token?: Uint8Array
  /** The payee wallet's `acceptTokens`. */
  acceptTokens?: Uint8Array[]
  /** The payee wallet's `minCapacity`. */
  minCapacity?: bigint
}

/** Two wallets (payer funded with `funds`) sharing one LocalLedger file and one manual clock. */
export async function walletPair(
  funds = 1_000_000n,
  watch = false,
  payeeSetup: PayeeSetup = {},
): Promise<Pair> {
  const { dir, cleanup } = await tempDir()
  const clock = manualClock()
  const keys = (name: string) => ({
    name,
    keys: { peerKey: generatePeerKeyPair(), settlementKey: generateSettlementKeyPair() },
  })
  const a = keys('payer')
  const b = keys('payee')
  const ledgerPath = join(dir, 'ledger.db')
  const ledgerA = await LocalLedger.open({
    path: ledgerPath,
    account: a.keys.settlementKey.address,
    clock: clock.now,
    pollMs: 10,
  })
  const ledgerB = await LocalLedger.open({
    path: ledgerPath,
    account: b.keys.settlementKey.address,
    clock: clock.now,
    pollMs: 10,
    ...(payeeSetup.token === undefined ? {} : { token: payeeSetup.token }),
  })
  await ledgerA.mint(a.keys.settlementKey.address, funds)
  const payer = await openWallet({
    dataDir: join(dir, 'a'),
    settlement: ledgerA,
    keys: a.keys,
    clock: clock.now,
    watch,
  })
  const payee = await openWallet({
    dataDir: join(dir, 'b'),
    settlement: ledgerB,
    keys: b.keys,
    clock: clock.now,
    watch,
    acceptTokens: payeeSetup.acceptTokens,
    minCapacity: payeeSetup.minCapacity,
  })
  return {
    dir,
    ledger: ledgerA,
    payer,
    payee,
    clock,
    close: async () => {
      await payer.close()
      await payee.close()
      await ledgerA.stop()
      await ledgerB.stop()
      await cleanup()
    },
  }
}

/** Opens a channel from pair.payer to pair.payee and has the payee accept it. */
export async function openChannel(
  p: Pair,
  deposit = 1_000n,
  ttl = 86_400n,
  disputeWindow = 600n,
): Promise<Uint8Array> {
  const { channelId, open } = await p.payer.channels.open({
    peerKey: p.payee.peerKey.publicKey,
    payeeAddress: p.payee.settlementKey.address,
    deposit,
    ttl,
    disputeWindow,
  })
  await p.payee.channels.acceptOpen(open, p.payer.peerKey.publicKey)
  return channelId
}

/** A fresh preimage and its lock hash. */
export function secret(): { preimage: Uint8Array; hash: Uint8Array } {
  const preimage = new Uint8Array(randomBytes(32))
  return { preimage, hash: keccak256(preimage) }
}

/** Sends one payer update to the payee and the ack back. */
export async function pay(
  p: Pair,
  channelId: Uint8Array,
  req: Parameters<Wallet['channels']['createUpdate']>[1],
) {
  const update = await p.payer.channels.createUpdate(channelId, req)
  const ack = await p.payee.channels.receiveUpdate(update)
  await p.payer.channels.receiveAck(ack)
  return { update, ack }
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * Builds the package (children run `dist/`), one build at a time across test files: two
 * `tsc -b` writing the same outputs at once break each other. Waits on the lock with a deadline.
 */
export async function buildWallet(): Promise<void> {
  const lock = join(ROOT, 'packages/wallet/.test-build.lock')
  const deadline = Date.now() + 120_000
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'))
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || Date.now() > deadline) throw err
      // A lock left by a killed run: no build takes two minutes.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 120_000) rmSync(lock, { force: true })
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-b', 'packages/wallet'], {
      cwd: ROOT,
      stdio: 'inherit',
    })
  } finally {
    unlinkSync(lock)
  }
}
