/**
 * The settlement transaction journal: every transaction the adapter must send is recorded before
 * it is signed, its signed bytes before they are broadcast, and its outcome once known, so that a
 * node that crashes or loses its RPC endpoint finishes the job after restart without ever
 * applying a transaction twice (a re-broadcast reuses the same signed bytes, hence the same nonce).
 *
 * `SettlementJournal` is the interface (the wallet's store can implement it); `FileSettlementJournal`
 * is a small durable implementation: an append-only JSON-lines file, fsync'ed per record, mode 0600.
 */
import { open, readFile } from 'node:fs/promises'
import type { Hex } from 'viem'
import type { TxRef } from '../settlement/types.js'
import type { Address } from './convert.js'
import { JournalCorruptError } from './errors.js'

/** A transaction the adapter is about to send: enough to send it again after a crash. */
export interface SettlementIntent {
  action:
    | 'approve'
    | 'open'
    | 'topUp'
    | 'close'
    | 'challenge'
    | 'cooperativeClose'
    | 'claimLock'
    | 'claimLockFrom'
    | 'withdraw'
    | 'refund'
  /** 32-byte channel id, or undefined for an approve or an open (its id is known after it). */
  channelId?: Uint8Array
  to: Address
  data: Hex
  value: bigint
}

/** An unfinished journal entry. */
export interface JournalEntry {
  id: string
  intent: SettlementIntent
  /** The signed transaction and its hash, once signed (recorded before the broadcast). */
  raw?: Hex
  txHash?: Hex
}

/** Outcome of a journal entry: confirmed, or refused by a rule (nothing left to send). */
export type JournalOutcome = { tx: TxRef } | { error: Error }

/**
 * Where the adapter records transactions. Every method must be durable when it resolves; a
 * failure stops the send (nothing is sent that is not recorded).
 */
export interface SettlementJournal {
  /** Records an intent before anything is signed; returns its id. */
  record(intent: SettlementIntent): Promise<string>
  /** Records the signed bytes before they are broadcast. */
  signed(id: string, raw: Hex, txHash: Hex): Promise<void>
  /** Records the outcome: the entry is finished. */
  done(id: string, outcome: JournalOutcome): Promise<void>
  /** Unfinished entries, oldest first. */
  pending(): Promise<JournalEntry[]>
}

type Line =
  | {
      op: 'record'
      id: string
      action: SettlementIntent['action']
      channelId?: string
      to: Address
      data: Hex
      value: string
    }
  | { op: 'signed'; id: string; raw: Hex; txHash: Hex }
  | { op: 'done'; id: string; ref?: string; height?: string; error?: string }

/** A durable journal in one append-only file (JSON lines, fsync'ed per record, mode 0600). */
export class FileSettlementJournal implements SettlementJournal {
  private readonly entries = new Map<string, JournalEntry>()
  private nextId = 1
  private tail: Promise<unknown> = Promise.resolve()

  private constructor(readonly path: string) {}

  /**
   * Opens (or creates) the journal. A torn last line (a crash in the middle of a write) is
   * dropped; any other unreadable line is reported as {@link JournalCorruptError}.
   */
  static async open(path: string): Promise<FileSettlementJournal> {
    const journal = new FileSettlementJournal(path)
    let text = ''
    try {
      text = await readFile(path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
    const lines = text.split('\n')
    let validBytes = 0
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!
      const last = i === lines.length - 1
      if (line === '') {
        if (!last) throw new JournalCorruptError(path, i + 1, 'empty line')
        continue
      }
      let parsed: Line
      try {
        parsed = JSON.parse(line) as Line
      } catch (cause) {
        if (last) break // torn write at the end: the record never completed
        throw new JournalCorruptError(path, i + 1, 'unparsable line', { cause })
      }
      if (last) break // no newline after it: the write did not complete either
      journal.apply(parsed, i + 1)
      validBytes += Buffer.byteLength(line) + 1
    }
    const fh = await open(path, 'a+', 0o600)
    try {
      if ((await fh.stat()).size !== validBytes) await fh.truncate(validBytes)
      await fh.chmod(0o600)
    } finally {
      await fh.close()
    }
    return journal
  }

  private apply(line: Line, lineNo: number): void {
    const n = Number.parseInt(line.id, 10)
    if (!Number.isSafeInteger(n)) throw new JournalCorruptError(this.path, lineNo, `bad id ${line.id}`)
    if (n >= this.nextId) this.nextId = n + 1
    if (line.op === 'record') {
      const intent: SettlementIntent = {
        action: line.action,
        to: line.to,
        data: line.data,
        value: BigInt(line.value),
      }
      if (line.channelId !== undefined) intent.channelId = Buffer.from(line.channelId, 'hex')
      this.entries.set(line.id, { id: line.id, intent })
    } else if (line.op === 'signed') {
      const e = this.entries.get(line.id)
      if (e === undefined)
        throw new JournalCorruptError(this.path, lineNo, `signed before record (${line.id})`)
      e.raw = line.raw
      e.txHash = line.txHash
    } else if (line.op === 'done') {
      this.entries.delete(line.id)
    } else {
      throw new JournalCorruptError(this.path, lineNo, 'unknown record')
    }
  }

  private async append(line: Line): Promise<void> {
    const write = this.tail.then(async () => {
      const fh = await open(this.path, 'a', 0o600)
      try {
        await fh.write(`${JSON.stringify(line)}\n`)
        await fh.datasync()
      } finally {
        await fh.close()
      }
      this.apply(line, 0)
    })
    this.tail = write.catch(() => undefined)
    await write
  }

  async record(intent: SettlementIntent): Promise<string> {
    const id = String(this.nextId++)
    const line: Line = {
      op: 'record',
      id,
      action: intent.action,
      to: intent.to,
      data: intent.data,
      value: intent.value.toString(),
    }
    if (intent.channelId !== undefined) line.channelId = Buffer.from(intent.channelId).toString('hex')
    await this.append(line)
    return id
  }

  async signed(id: string, raw: Hex, txHash: Hex): Promise<void> {
    await this.append({ op: 'signed', id, raw, txHash })
  }

  async done(id: string, outcome: JournalOutcome): Promise<void> {
    await this.append(
      'tx' in outcome
        ? { op: 'done', id, ref: outcome.tx.ref, height: outcome.tx.height.toString() }
        : { op: 'done', id, error: outcome.error.name },
    )
  }

  async pending(): Promise<JournalEntry[]> {
    return [...this.entries.values()].map((e) => ({ ...e }))
  }
}
