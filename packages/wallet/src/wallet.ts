/**
 * `openWallet`: the object a node embeds. It loads (or creates) the keys, opens the durable
 * store, restores every channel, follows the settlement layer's events (a stale close by the
 * payer is challenged at once) and dispatches wallet events.
 */
import { join } from 'node:path'
import type { PeerKeyPair, SettlementKeyPair } from '@bazaar/protocol'
import type { WalletEvents } from './channels/base.js'
import { type DeadlineOptions, WalletChannels } from './channels/settle.js'
import { SettlementAccountMismatchError } from './errors.js'
import type { KdfParams } from './identity/key-file.js'
import { loadWalletKeys, type WalletKeys } from './identity/keys.js'
import type { Settlement } from './settlement/types.js'
import { hex } from './store/records.js'
import { WalletStore } from './store/wallet-store.js'

export const WALLET_DB_FILE = 'wallet.db'

export interface OpenWalletOptions {
  /** The node's data directory: keys, `wallet.db`. */
  dataDir: string
  /** Protects the key files (scrypt + XChaCha20-Poly1305). */
  passphrase?: string | undefined
  /** The settlement layer, acting as this wallet's settlement address. */
  settlement: Settlement
  /** Keys already loaded (otherwise loaded or created in `dataDir`). */
  keys?: WalletKeys | undefined
  /** scrypt cost of newly created encrypted key files. */
  kdf?: KdfParams | undefined
  /** Unix seconds for expiry checks (tests share a controllable clock with the settlement). */
  clock?: () => bigint
  /** Margins of `channels.runDeadlines()`. */
  deadlines?: DeadlineOptions
  /** Follow settlement events (default true). */
  watch?: boolean
  /**
   * 20-byte tokens (20 zero bytes: native coin) the payee side accepts channels funded in.
   * Default: `settlement.token` when the settlement has one configured, else the native coin only.
   */
  acceptTokens?: readonly Uint8Array[] | undefined
  /** Smallest deposit the payee side accepts a channel with (default 1). */
  minCapacity?: bigint | undefined
}

/** A wallet event. */
export type WalletEvent<K extends keyof WalletEvents = keyof WalletEvents> = CustomEvent<WalletEvents[K]>

export class Wallet extends EventTarget {
  private unwatch: (() => void) | undefined

  constructor(
    readonly peerKey: PeerKeyPair,
    readonly settlementKey: SettlementKeyPair,
    readonly channels: WalletChannels,
    readonly settlement: Settlement,
    private readonly store: WalletStore,
  ) {
    super()
  }

  /** Starts following settlement events. */
  watchSettlement(): void {
    this.unwatch ??= this.settlement.watch((event) => {
      this.channels.onSettlementEvent(event).catch((error: unknown) => {
        this.dispatchEvent(new CustomEvent('error', { detail: error }))
      })
    })
  }

  /** Group-commit counters of the store. */
  get storeStats(): { commits: number; writes: number } {
    return { ...this.store.stats }
  }

  /** Commits what is queued and closes the store (the settlement belongs to the caller). */
  async close(): Promise<void> {
    this.unwatch?.()
    this.unwatch = undefined
    this.store.close()
  }
}

/** Opens the wallet in `dataDir`; keys are created on first start, never overwritten. */
export async function openWallet(options: OpenWalletOptions): Promise<Wallet> {
  const keys = options.keys ?? (await loadWalletKeys(options))
  const { settlement } = options
  if (hex(settlement.account) !== hex(keys.settlementKey.address)) {
    throw new SettlementAccountMismatchError(hex(keys.settlementKey.address), hex(settlement.account))
  }
  const store = WalletStore.open(join(options.dataDir, WALLET_DB_FILE))
  let wallet: Wallet | undefined
  const channels = new WalletChannels({
    store,
    settlement,
    peerKey: keys.peerKey,
    settlementKey: keys.settlementKey,
    emit: (type, detail) => wallet?.dispatchEvent(new CustomEvent(type, { detail })),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    ...(options.acceptTokens ? { acceptTokens: options.acceptTokens } : {}),
    ...(options.minCapacity === undefined ? {} : { minCapacity: options.minCapacity }),
  })
  wallet = new Wallet(keys.peerKey, keys.settlementKey, channels, settlement, store)
  try {
    await channels.recoverOpening()
  } catch (err) {
    store.close()
    throw err
  }
  if (options.watch !== false) wallet.watchSettlement()
  return wallet
}
