/**
 * The simulation's skills (pure functions a client can check) and how each worker behaviour
 * answers a job. Every handler honours the job's AbortSignal, so a stopped node never leaves a
 * timer behind.
 */
import { createHash } from 'node:crypto'
import type { SkillHandler } from '../api/node-port.js'
import { Rng } from './rng.js'
import type { Behaviour } from './scenario.js'

/** The correct result of `skill` on `input`. */
export function computeSkill(skill: string, input: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(input)
  switch (skill) {
    case 'reverse':
      return new TextEncoder().encode([...text].reverse().join(''))
    case 'uppercase':
      return new TextEncoder().encode(text.toUpperCase())
    case 'sha256':
      return new TextEncoder().encode(createHash('sha256').update(input).digest('hex'))
    default:
      throw new RangeError(`unknown sim skill ${skill}`)
  }
}

/** True if `output` is the correct result. */
export function checkResult(skill: string, input: Uint8Array, output: Uint8Array): boolean {
  return Buffer.from(computeSkill(skill, input)).equals(Buffer.from(output))
}

/** Resolves after `ms`, or rejects when `signal` aborts. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason)
      return
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * A skill handler as data, so that a node in another thread can build it: a behaviour's handler
 * (its random stream from `seed`), or the Sybil ring's own skill (the input reversed).
 */
export type SimSkill =
  | { kind: 'behaviour'; behaviour: Behaviour; skill: string; seed: number; slowMs: [number, number] }
  | { kind: 'ring' }

/** Builds the handler a `SimSkill` describes. */
export function simHandler(spec: SimSkill): SkillHandler {
  if (spec.kind === 'ring') return async (input) => input.slice().reverse()
  return behaviourHandler(spec.behaviour, spec.skill, new Rng(spec.seed), spec.slowMs)
}

/** The handler a worker of `behaviour` serves `skill` with. */
export function behaviourHandler(
  behaviour: Behaviour,
  skill: string,
  rng: Rng,
  slowMs: [number, number],
): SkillHandler {
  switch (behaviour) {
    case 'honest':
      return async (input) => computeSkill(skill, input)
    case 'slow':
      return async (input, context) => {
        await delay(rng.int(slowMs[0], slowMs[1]), context.signal)
        return computeSkill(skill, input)
      }
    case 'never-deliver':
      // Holds the job until the client gives up (its deadline) or the node stops.
      return (_input, context) => delay(2 ** 31 - 1, context.signal).then(() => new Uint8Array())
    case 'garbage':
    case 'sybil':
      return async (input) => {
        const size = Math.max(8, computeSkill(skill, input).length)
        const out = new Uint8Array(size)
        for (let i = 0; i < size; i++) out[i] = 97 + (rng.nextUint32() % 26)
        return out
      }
  }
}
