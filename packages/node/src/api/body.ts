/** Bounded reading of request bodies: the limit is checked as bytes arrive, never after. */
import type { IncomingMessage } from 'node:http'
import { BadRequestError, BodyTooLargeError } from './errors.js'

/** Default most bytes of one request body (a hire's input travels base64 inside it). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/** Reads a JSON object body of at most `limit` bytes; an empty body is `{}`. */
export async function readJsonBody(
  request: IncomingMessage,
  limit: number = DEFAULT_MAX_BODY_BYTES,
): Promise<Record<string, unknown>> {
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > limit) throw new BodyTooLargeError(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) {
      request.destroy()
      throw new BodyTooLargeError(limit)
    }
    chunks.push(chunk)
  }
  if (size === 0) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch (error) {
    throw new BadRequestError('body is not valid JSON', undefined, { cause: error })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BadRequestError('body must be a JSON object')
  }
  return parsed as Record<string, unknown>
}
