/**
 * A token bucket per key (a peer id): `capacity` requests at once, refilled at `perSecond`.
 * Buckets of idle keys are dropped once full again, so the map stays bounded by active peers.
 */
export interface RateLimiterOptions {
  /** Burst size: requests allowed at once. */
  capacity: number
  /** Sustained requests per second. */
  perSecond: number
  /** Most keys tracked; beyond it the oldest bucket is forgotten. */
  maxKeys?: number
}

interface Bucket {
  tokens: number
  updated: number
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  private readonly maxKeys: number

  constructor(private readonly options: RateLimiterOptions) {
    this.maxKeys = options.maxKeys ?? 10_000
  }

  /** Takes one token for `key`; false means the caller is over its rate. */
  tryTake(key: string, now = performance.now()): boolean {
    let bucket = this.buckets.get(key)
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxKeys) this.evict(now)
      bucket = { tokens: this.options.capacity, updated: now }
      this.buckets.set(key, bucket)
    } else {
      const refill = ((now - bucket.updated) / 1000) * this.options.perSecond
      bucket.tokens = Math.min(this.options.capacity, bucket.tokens + refill)
      bucket.updated = now
    }
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }

  private evict(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const refill = ((now - bucket.updated) / 1000) * this.options.perSecond
      if (bucket.tokens + refill >= this.options.capacity) this.buckets.delete(key)
    }
    if (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next().value
      if (oldest !== undefined) this.buckets.delete(oldest)
    }
  }
}
