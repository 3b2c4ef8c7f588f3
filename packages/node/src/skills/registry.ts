/**
 * The skills this node serves: definition, published offer and handler, plus the count of jobs
 * running per skill (for the concurrency limit). Shared by the skills and job services.
 */
import type { SkillOffer } from '@bazaar/protocol'
import { DEFAULT_ASSET, DEFAULT_SKILL_VERSION } from './constants.js'
import { InvalidSkillError } from './errors.js'
import { assertSkillId } from './skill-key.js'
import type { SkillDefinition, SkillHandler } from './types.js'

export interface RegisteredSkill {
  definition: SkillDefinition
  offer: SkillOffer
  handler: SkillHandler
  running: number
}

/** Defaults for skill limits left unset (units in each field's name). */
export interface SkillLimitDefaults {
  maxInputBytes: number
  maxOutputBytes: number
  maxConcurrency: number
  maxDurationMs: number
}

export class SkillRegistry {
  private readonly skills = new Map<string, RegisteredSkill>()

  constructor(
    private readonly defaults: SkillLimitDefaults,
    /** CAIP-19 asset of skills that name none. */
    private readonly defaultAsset: string = DEFAULT_ASSET,
  ) {}

  register(definition: SkillDefinition, handler: SkillHandler): RegisteredSkill {
    assertSkillId(definition.id)
    if (typeof definition.price !== 'bigint' || definition.price < 0n || definition.price >= 2n ** 64n) {
      throw new InvalidSkillError(`price of ${definition.id} must be a uint64 bigint`)
    }
    const limits = { ...this.defaults, ...definition.limits }
    for (const [key, value] of Object.entries(limits)) {
      if (!Number.isSafeInteger(value) || value <= 0 || value > 0xffffffff) {
        throw new InvalidSkillError(`limit ${key} of ${definition.id} must be a positive uint32`)
      }
    }
    const offer: SkillOffer = {
      id: definition.id,
      version: definition.version ?? DEFAULT_SKILL_VERSION,
      description: definition.description ?? '',
      inputSchema: definition.inputSchema ?? '',
      outputSchema: definition.outputSchema ?? '',
      price: definition.price,
      asset: definition.asset ?? this.defaultAsset,
      limits,
    }
    const previous = this.skills.get(definition.id)
    const entry = { definition, offer, handler, running: previous?.running ?? 0 }
    this.skills.set(definition.id, entry)
    return entry
  }

  unregister(skillId: string): boolean {
    return this.skills.delete(skillId)
  }

  get(skillId: string): RegisteredSkill | undefined {
    return this.skills.get(skillId)
  }

  ids(): string[] {
    return [...this.skills.keys()]
  }
}
