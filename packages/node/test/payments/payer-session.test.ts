/**
 * The payer's end of a pay stream, against a scripted payee: acks are cumulative and checked in
 * batches (one check of the highest confirms the updates before it); a bad ack is refused alone.
 */
import type { PayFrame } from '@bazaar/protocol'
import type { Logger } from '@libp2p/interface'
import { describe, expect, it } from 'vitest'
import { PayerSession } from '../../src/payments/payer-session.js'
import type { WalletAck, WalletChannels, WalletUpdate } from '../../src/payments/wallet-api.js'
import type { FrameStream } from '../../src/stream/frame-stream.js'

const CHANNEL = new Uint8Array(32).fill(1)
const log = Object.assign(() => {}, { error: () => {}, trace: () => {} }) as unknown as Logger

/** A frame stream whose inbound frames the test pushes. */
function scriptedStream() {
  const inbound: PayFrame[] = []
  const waiting: Array<(frame: PayFrame) => void> = []
  const sent: PayFrame[] = []
  const frames = {
    done: false,
    send: async (frame: PayFrame) => {
      sent.push(frame)
    },
    next: () => {
      const frame = inbound.shift()
      return frame !== undefined ? Promise.resolve(frame) : new Promise<PayFrame>((r) => waiting.push(r))
    },
    abort: () => {},
  }
  const push = (frame: PayFrame): void => {
    const waiter = waiting.shift()
    if (waiter !== undefined) waiter(frame)
    else inbound.push(frame)
  }
  return { frames: frames as unknown as FrameStream<PayFrame>, push, sent }
}

function update(sequence: bigint): WalletUpdate {
  return {
    version: 1,
    channelId: CHANNEL,
    sequence,
    previousStateHash: new Uint8Array(32),
    cumulativePaid: 0n,
    lockedTotal: 0n,
    locksRoot: new Uint8Array(32),
    jobId: new Uint8Array(32),
    locks: [],
    signature: new Uint8Array(65),
  }
}

function ack(sequence: bigint, valid = true): WalletAck {
  return {
    channelId: CHANNEL,
    sequence,
    stateHash: new Uint8Array(32),
    signature: new Uint8Array(64).fill(valid ? 1 : 0),
  }
}

describe('PayerSession', () => {
  it('checks a batch of acks once, by its highest (acks are cumulative); refuses a bad ack on its own', async () => {
    const checked: bigint[] = []
    const channels = {
      handleReestablish: async () => ({ status: 'ok' as const }),
      receiveAck: async (a: WalletAck) => {
        checked.push(a.sequence)
        if (a.signature[0] === 0) throw new Error(`bad ack ${a.sequence}`)
      },
    } as unknown as WalletChannels
    const { frames, push } = scriptedStream()
    const session = new PayerSession(CHANNEL, frames, channels, 10_000, log)
    push({ reestablish: { channelId: CHANNEL, lastSequence: 0n, lastStateHash: CHANNEL } })
    await session.handshake({ reestablish: { channelId: CHANNEL, lastSequence: 0n, lastStateHash: CHANNEL } })

    // Each write resolves once the update is on the stream, with the promise of its ack.
    const write = async (s: bigint) => ({ acked: (await session.write(update(s))).acked })
    const first = (await Promise.all([1n, 2n, 3n].map(write))).map((w) => w.acked)
    for (const s of [1n, 2n, 3n]) push({ ack: ack(s) })
    await expect(Promise.all(first)).resolves.toHaveLength(3)
    expect(checked).toEqual([3n])

    // A payee that acks a run of updates once: the ack of the last confirms them all.
    checked.length = 0
    const run = (await Promise.all([4n, 5n, 6n].map(write))).map((w) => w.acked)
    push({ ack: ack(6n) })
    await expect(Promise.all(run)).resolves.toHaveLength(3)
    expect(checked).toEqual([6n])

    checked.length = 0
    const second = (await Promise.all([7n, 8n].map(write))).map((w) => w.acked)
    push({ ack: ack(7n) })
    push({ ack: ack(8n, false) })
    await expect(second[0]).resolves.toMatchObject({ sequence: 7n })
    await expect(second[1]).rejects.toThrow('bad ack 8')
    expect(checked).toEqual([8n, 7n, 8n])
    session.close(new Error('done'))
  })
})
