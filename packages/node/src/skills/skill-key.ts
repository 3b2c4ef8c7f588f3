import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { MAX_SKILL_ID_BYTES, SKILL_KEY_PREFIX } from './constants.js'
import { InvalidSkillError } from './errors.js'

/** The DHT key a skill is provided under: CIDv1(raw, sha256("bazaar:skill:" + skillId)). */
export async function skillCid(skillId: string): Promise<CID> {
  assertSkillId(skillId)
  const digest = await sha256.digest(new TextEncoder().encode(SKILL_KEY_PREFIX + skillId))
  return CID.createV1(raw.code, digest)
}

/** Skill ids are short, well-formed, printable strings. */
export function assertSkillId(skillId: string): void {
  const bytes = new TextEncoder().encode(skillId).byteLength
  if (bytes === 0 || bytes > MAX_SKILL_ID_BYTES || !skillId.isWellFormed() || /[\s\p{Cc}]/u.test(skillId)) {
    throw new InvalidSkillError(`invalid skill id ${JSON.stringify(skillId)}`)
  }
}
