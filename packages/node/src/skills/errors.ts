/** Errors of skills. Identify them by `.name`. */

/** A skill id or definition is not acceptable. */
export class InvalidSkillError extends Error {
  override name = 'InvalidSkillError'
}

/** The skill is not advertised by this node. */
export class UnknownSkillError extends Error {
  override name = 'UnknownSkillError'
  constructor(readonly skillId: string) {
    super(`skill ${skillId} is not advertised here`)
  }
}
