/**
 * Errors of the control API. Each carries the HTTP status and a stable `code` that the JSON error
 * body repeats, plus a `hint` that tells the caller what to do next.
 */

/** Base of every control API error: serialized as `{ error: { code, message, hint } }`. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly hint: string | undefined

  constructor(status: number, code: string, message: string, hint?: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.hint = hint
  }
}

export class UnauthorizedError extends ApiError {
  constructor() {
    super(
      401,
      'unauthorized',
      'missing or wrong bearer token',
      'send "Authorization: Bearer <token>" with the token from <data-dir>/api.token',
    )
    this.name = 'UnauthorizedError'
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string) {
    super(404, 'not_found', `no route or resource: ${what}`, 'see packages/node/openapi.yaml for the routes')
    this.name = 'NotFoundError'
  }
}

export class BadRequestError extends ApiError {
  readonly field: string | undefined

  constructor(message: string, field?: string, options?: ErrorOptions) {
    super(400, 'bad_request', message, 'fix the request body or query; see openapi.yaml', options)
    this.name = 'BadRequestError'
    this.field = field
  }
}

export class BodyTooLargeError extends ApiError {
  readonly limit: number

  constructor(limit: number) {
    super(413, 'body_too_large', `request body exceeds ${limit} bytes`, 'send a smaller input')
    this.name = 'BodyTooLargeError'
    this.limit = limit
  }
}

export class MethodNotAllowedError extends ApiError {
  constructor(method: string, path: string) {
    super(405, 'method_not_allowed', `${method} is not allowed on ${path}`)
    this.name = 'MethodNotAllowedError'
  }
}

/** A node operation failed; `code` is the node error's `.name` so scripts can branch on it. */
export class OperationFailedError extends ApiError {
  constructor(status: number, cause: unknown) {
    const name = cause instanceof Error ? cause.name : 'Error'
    const message = cause instanceof Error ? cause.message : String(cause)
    super(status, name, message, undefined, { cause })
    this.name = 'OperationFailedError'
  }
}

/** Maps an error thrown by the node to the status the API answers. */
export function statusForNodeError(error: unknown): number {
  const name = error instanceof Error ? error.name : ''
  if (/NotFound|NoProvider|NoCandidate/i.test(name)) return 404
  if (/Budget|Spending|Limit|Invalid|Validation/i.test(name)) return 422
  if (/Timeout|Deadline|Abort/i.test(name)) return 504
  return 502
}
