import type { SkillCandidate } from './types.js'

/** Default ranking: cheapest first; ties by score (higher first), then peer id for a stable order. */
export function rankByPrice(candidates: SkillCandidate[]): SkillCandidate[] {
  return [...candidates].sort((a, b) => {
    if (a.price !== b.price) return a.price < b.price ? -1 : 1
    const scores = (b.score ?? 0) - (a.score ?? 0)
    if (scores !== 0) return scores
    return a.peer.toString() < b.peer.toString() ? -1 : 1
  })
}
