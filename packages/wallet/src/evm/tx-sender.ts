/**
 * Sends the adapter's transactions through the journal: record, estimate (a contract rule error
 * surfaces here, before anything is signed), sign, record the signed bytes, broadcast, confirm.
 * After an RPC failure or a restart, `recover()` finishes every unfinished entry: a mined one is
 * marked done, a signed one is broadcast again with the same bytes (so it can never apply twice),
 * an unsigned one is sent afresh; a rule refusal (already closed, already paid out) proves it
 * unnecessary. Failures that may pass (the endpoint is down) are retried on a timer.
 */
import {
  type Account,
  type Chain,
  type Hex,
  keccak256,
  type Log,
  type PublicClient,
  TransactionReceiptNotFoundError,
  type Transport,
  type WalletClient,
} from 'viem'
import type { TxRef } from '../settlement/types.js'
import { toSettlementError } from './decode-error.js'
import { type EvmSettlementError, SettlementRuleError, TransactionFailedError } from './errors.js'
import type { JournalEntry, SettlementIntent, SettlementJournal } from './tx-journal.js'

/** Default pause between recovery attempts while the endpoint fails (ms). */
export const DEFAULT_RETRY_INTERVAL_MS = 2_000

export interface TxSenderInit {
  publicClient: PublicClient<Transport, Chain>
  walletClient: WalletClient<Transport, Chain, Account>
  confirmations: number
  pollingIntervalMs: number
  journal?: SettlementJournal | undefined
  retryIntervalMs?: number | undefined
  /** Told about each failure that will be retried (no keys or payloads in it). */
  onRetry?: ((error: EvmSettlementError) => void) | undefined
}

/** What recovery did with one unfinished journal entry. */
export interface RecoveredEntry {
  id: string
  action: SettlementIntent['action']
  outcome: 'confirmed' | 'unnecessary' | 'failed' | 'retrying'
  tx?: TxRef
  error?: EvmSettlementError
}

/** A failure that is final for the entry: the chain answered (a rule, a reverted transaction). */
function isFinal(error: EvmSettlementError): boolean {
  return (
    error instanceof SettlementRuleError ||
    (error.name === 'TransactionFailedError' && error.cause === undefined)
  )
}

export class TxSender {
  private queue: Promise<unknown> = Promise.resolve()
  private retryTimer: NodeJS.Timeout | undefined
  private recovering: Promise<RecoveredEntry[]> | undefined
  private stopped = false

  constructor(private readonly init: TxSenderInit) {}

  /** Records (when journaled), sends and confirms one transaction. */
  async execute(intent: SettlementIntent, existingId?: string): Promise<{ tx: TxRef; logs: Log[] }> {
    const journal = this.init.journal
    const id = existingId ?? (journal === undefined ? undefined : await journal.record(intent))
    let hash: Hex | undefined
    try {
      hash = await this.serial(async () => {
        const { walletClient } = this.init
        const request = await walletClient.prepareTransactionRequest({
          to: intent.to,
          data: intent.data,
          value: intent.value,
        })
        const raw = await walletClient.signTransaction(request as never)
        const txHash = keccak256(raw)
        if (id !== undefined) await journal?.signed(id, raw, txHash)
        await walletClient.sendRawTransaction({ serializedTransaction: raw })
        return txHash
      })
      return await this.confirm(intent.action, hash, id)
    } catch (err) {
      const error = toSettlementError(err, intent.action, hash)
      if (id !== undefined) {
        if (isFinal(error)) await journal?.done(id, { error })
        else this.scheduleRetry(error)
      }
      throw error
    }
  }

  /** Finishes every unfinished journal entry, oldest first (one recovery at a time). */
  recover(): Promise<RecoveredEntry[]> {
    this.recovering ??= this.recoverOnce().finally(() => {
      this.recovering = undefined
    })
    return this.recovering
  }

  private async recoverOnce(): Promise<RecoveredEntry[]> {
    const journal = this.init.journal
    if (journal === undefined) return []
    const report: RecoveredEntry[] = []
    for (const entry of await journal.pending()) {
      const r = await this.recoverEntry(entry)
      report.push(r)
      // Keep the order of a node's transactions: stop at the first that must wait.
      if (r.outcome === 'retrying') break
    }
    return report
  }

  private async recoverEntry(entry: JournalEntry): Promise<RecoveredEntry> {
    const { id, intent } = entry
    const base = { id, action: intent.action }
    try {
      if (entry.raw !== undefined && entry.txHash !== undefined) {
        if ((await this.receipt(entry.txHash)) !== undefined) {
          return {
            ...base,
            outcome: 'confirmed',
            tx: (await this.confirm(intent.action, entry.txHash, id)).tx,
          }
        }
        const rebroadcast = await this.init.walletClient
          .sendRawTransaction({ serializedTransaction: entry.raw })
          .then(() => true)
          .catch(async (err: unknown) => {
            if (toSettlementError(err, intent.action).name === 'RpcUnavailableError') throw err
            if (/already known|already imported/i.test(String((err as Error).message))) return true
            // Refused for good (its nonce went to another transaction, its fee is now too low):
            // unless it was mined after all, send afresh. The fresh one takes the same nonce
            // unless that nonce is spent, so at most one of the two can ever apply.
            return (await this.receipt(entry.txHash!)) !== undefined
          })
        if (rebroadcast) {
          return {
            ...base,
            outcome: 'confirmed',
            tx: (await this.confirm(intent.action, entry.txHash, id)).tx,
          }
        }
      }
      return { ...base, outcome: 'confirmed', tx: (await this.execute(intent, id)).tx }
    } catch (err) {
      const error = toSettlementError(err, intent.action, entry.txHash)
      if (error instanceof SettlementRuleError) return { ...base, outcome: 'unnecessary', error }
      if (isFinal(error)) return { ...base, outcome: 'failed', error }
      this.scheduleRetry(error)
      return { ...base, outcome: 'retrying', error }
    }
  }

  private async receipt(hash: Hex) {
    try {
      return await this.init.publicClient.getTransactionReceipt({ hash })
    } catch (err) {
      if (err instanceof TransactionReceiptNotFoundError) return undefined
      throw err
    }
  }

  private async confirm(
    action: string,
    hash: Hex,
    id: string | undefined,
  ): Promise<{ tx: TxRef; logs: Log[] }> {
    const receipt = await this.init.publicClient.waitForTransactionReceipt({
      hash,
      confirmations: this.init.confirmations,
      pollingInterval: this.init.pollingIntervalMs,
    })
    if (receipt.status !== 'success') {
      const error = new TransactionFailedError(action, hash)
      if (id !== undefined) await this.init.journal?.done(id, { error })
      throw error
    }
    const tx = { ref: hash, height: receipt.blockNumber }
    if (id !== undefined) await this.init.journal?.done(id, { tx })
    return { tx, logs: receipt.logs }
  }

  /** Runs sends one after another, so that nonces are taken in order. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn)
    this.queue = run.catch(() => undefined)
    return run
  }

  private scheduleRetry(error: EvmSettlementError): void {
    this.init.onRetry?.(error)
    if (this.stopped || this.retryTimer !== undefined || this.init.journal === undefined) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      this.recover().catch(() => undefined)
    }, this.init.retryIntervalMs ?? DEFAULT_RETRY_INTERVAL_MS)
  }

  /** Stops retrying and waits for sends in progress. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer)
    await this.queue
    await this.recovering?.catch(() => undefined)
  }
}
