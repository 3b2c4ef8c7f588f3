import { readUint64, writeUint64 } from './uint64.js'
import { decodeMessage, encodeMessage, enumeration, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum JobState {
  JOB_STATE_UNSPECIFIED = 'JOB_STATE_UNSPECIFIED',
  SUBMITTED = 'SUBMITTED',
  WORKING = 'WORKING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELED = 'CANCELED',
  INPUT_REQUIRED = 'INPUT_REQUIRED',
  REJECTED = 'REJECTED',
  AUTH_REQUIRED = 'AUTH_REQUIRED'
}

enum __JobStateValues {
  JOB_STATE_UNSPECIFIED = 0,
  SUBMITTED = 1,
  WORKING = 2,
  COMPLETED = 3,
  FAILED = 4,
  CANCELED = 5,
  INPUT_REQUIRED = 6,
  REJECTED = 7,
  AUTH_REQUIRED = 8
}

export namespace JobState {
  export const codec = (): Codec<JobState> => {
    return enumeration<JobState>(__JobStateValues)
  }
}

export enum PaymentStatus {
  PAYMENT_STATUS_UNSPECIFIED = 'PAYMENT_STATUS_UNSPECIFIED',
  PAYMENT_REQUIRED = 'PAYMENT_REQUIRED',
  PAYMENT_SUBMITTED = 'PAYMENT_SUBMITTED',
  PAYMENT_REJECTED = 'PAYMENT_REJECTED',
  PAYMENT_VERIFIED = 'PAYMENT_VERIFIED',
  PAYMENT_COMPLETED = 'PAYMENT_COMPLETED',
  PAYMENT_FAILED = 'PAYMENT_FAILED'
}

enum __PaymentStatusValues {
  PAYMENT_STATUS_UNSPECIFIED = 0,
  PAYMENT_REQUIRED = 1,
  PAYMENT_SUBMITTED = 2,
  PAYMENT_REJECTED = 3,
  PAYMENT_VERIFIED = 4,
  PAYMENT_COMPLETED = 5,
  PAYMENT_FAILED = 6
}

export namespace PaymentStatus {
  export const codec = (): Codec<PaymentStatus> => {
    return enumeration<PaymentStatus>(__PaymentStatusValues)
  }
}

export enum ErrorCode {
  ERROR_CODE_UNSPECIFIED = 'ERROR_CODE_UNSPECIFIED',
  MALFORMED = 'MALFORMED',
  TOO_LARGE = 'TOO_LARGE',
  UNSUPPORTED_VERSION = 'UNSUPPORTED_VERSION',
  BAD_SIGNATURE = 'BAD_SIGNATURE',
  UNEXPECTED_MESSAGE = 'UNEXPECTED_MESSAGE',
  TIMEOUT = 'TIMEOUT',
  RATE_LIMITED = 'RATE_LIMITED',
  BUSY = 'BUSY',
  SHUTTING_DOWN = 'SHUTTING_DOWN',
  INTERNAL = 'INTERNAL',
  UNKNOWN_SKILL = 'UNKNOWN_SKILL',
  BUDGET_TOO_LOW = 'BUDGET_TOO_LOW',
  DEADLINE_TOO_SHORT = 'DEADLINE_TOO_SHORT',
  DEADLINE_EXCEEDED = 'DEADLINE_EXCEEDED',
  CANCELED = 'CANCELED',
  HANDLER_FAILED = 'HANDLER_FAILED',
  QUOTE_EXPIRED = 'QUOTE_EXPIRED',
  INPUT_TOO_LARGE = 'INPUT_TOO_LARGE',
  PAYMENT_REQUIRED = 'PAYMENT_REQUIRED',
  PAYMENT_INVALID = 'PAYMENT_INVALID',
  CHANNEL_UNKNOWN = 'CHANNEL_UNKNOWN',
  CHANNEL_CLOSED = 'CHANNEL_CLOSED',
  CHANNEL_EXPIRED = 'CHANNEL_EXPIRED',
  STALE_SEQUENCE = 'STALE_SEQUENCE',
  SEQUENCE_GAP = 'SEQUENCE_GAP',
  PREVIOUS_HASH_MISMATCH = 'PREVIOUS_HASH_MISMATCH',
  AMOUNT_DECREASED = 'AMOUNT_DECREASED',
  INSUFFICIENT_CAPACITY = 'INSUFFICIENT_CAPACITY',
  LOCK_INVALID = 'LOCK_INVALID',
  WRONG_NETWORK = 'WRONG_NETWORK',
  NOT_PARTY = 'NOT_PARTY',
  TIME_OUT_OF_RANGE = 'TIME_OUT_OF_RANGE',
  ASSET_NOT_ACCEPTED = 'ASSET_NOT_ACCEPTED'
}

enum __ErrorCodeValues {
  ERROR_CODE_UNSPECIFIED = 0,
  MALFORMED = 1,
  TOO_LARGE = 2,
  UNSUPPORTED_VERSION = 3,
  BAD_SIGNATURE = 4,
  UNEXPECTED_MESSAGE = 5,
  TIMEOUT = 6,
  RATE_LIMITED = 7,
  BUSY = 8,
  SHUTTING_DOWN = 9,
  INTERNAL = 10,
  UNKNOWN_SKILL = 11,
  BUDGET_TOO_LOW = 12,
  DEADLINE_TOO_SHORT = 13,
  DEADLINE_EXCEEDED = 14,
  CANCELED = 15,
  HANDLER_FAILED = 16,
  QUOTE_EXPIRED = 17,
  INPUT_TOO_LARGE = 18,
  PAYMENT_REQUIRED = 19,
  PAYMENT_INVALID = 20,
  CHANNEL_UNKNOWN = 21,
  CHANNEL_CLOSED = 22,
  CHANNEL_EXPIRED = 23,
  STALE_SEQUENCE = 24,
  SEQUENCE_GAP = 25,
  PREVIOUS_HASH_MISMATCH = 26,
  AMOUNT_DECREASED = 27,
  INSUFFICIENT_CAPACITY = 28,
  LOCK_INVALID = 29,
  WRONG_NETWORK = 30,
  NOT_PARTY = 31,
  TIME_OUT_OF_RANGE = 32,
  ASSET_NOT_ACCEPTED = 33
}

export namespace ErrorCode {
  export const codec = (): Codec<ErrorCode> => {
    return enumeration<ErrorCode>(__ErrorCodeValues)
  }
}

export interface JobRequestBody {
  version: number
  jobId: Uint8Array<ArrayBuffer>
  clientKey: Uint8Array<ArrayBuffer>
  workerKey: Uint8Array<ArrayBuffer>
  skill: string
  skillVersion: string
  input: Uint8Array<ArrayBuffer>
  contentType: string
  budget: bigint
  asset: string
  deadline: bigint
  issuedAt: bigint
  quoteFirst: boolean
  channelId: Uint8Array<ArrayBuffer>
}

export namespace JobRequestBody {
  let _codec: Codec<JobRequestBody>

  export const codec = (): Codec<JobRequestBody> => {
    if (_codec == null) {
      _codec = message<JobRequestBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.jobId)
        }

        if ((obj.clientKey != null && obj.clientKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.clientKey)
        }

        if ((obj.workerKey != null && obj.workerKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.workerKey)
        }

        if ((obj.skill != null && obj.skill !== '')) {
          w.uint32(42)
          w.string(obj.skill)
        }

        if ((obj.skillVersion != null && obj.skillVersion !== '')) {
          w.uint32(50)
          w.string(obj.skillVersion)
        }

        if ((obj.input != null && obj.input.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.input)
        }

        if ((obj.contentType != null && obj.contentType !== '')) {
          w.uint32(66)
          w.string(obj.contentType)
        }

        if ((obj.budget != null && obj.budget !== 0n)) {
          w.uint32(72)
          writeUint64(w, obj.budget)
        }

        if ((obj.asset != null && obj.asset !== '')) {
          w.uint32(82)
          w.string(obj.asset)
        }

        if ((obj.deadline != null && obj.deadline !== 0n)) {
          w.uint32(88)
          writeUint64(w, obj.deadline)
        }

        if ((obj.issuedAt != null && obj.issuedAt !== 0n)) {
          w.uint32(96)
          writeUint64(w, obj.issuedAt)
        }

        if ((obj.quoteFirst != null && obj.quoteFirst !== false)) {
          w.uint32(104)
          w.bool(obj.quoteFirst)
        }

        if ((obj.channelId != null && obj.channelId.byteLength > 0)) {
          w.uint32(114)
          w.bytes(obj.channelId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          jobId: uint8ArrayAlloc(0),
          clientKey: uint8ArrayAlloc(0),
          workerKey: uint8ArrayAlloc(0),
          skill: '',
          skillVersion: '',
          input: uint8ArrayAlloc(0),
          contentType: '',
          budget: 0n,
          asset: '',
          deadline: 0n,
          issuedAt: 0n,
          quoteFirst: false,
          channelId: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.jobId = reader.bytes()
              break
            }
            case 3: {
              obj.clientKey = reader.bytes()
              break
            }
            case 4: {
              obj.workerKey = reader.bytes()
              break
            }
            case 5: {
              obj.skill = reader.string()
              break
            }
            case 6: {
              obj.skillVersion = reader.string()
              break
            }
            case 7: {
              obj.input = reader.bytes()
              break
            }
            case 8: {
              obj.contentType = reader.string()
              break
            }
            case 9: {
              obj.budget = readUint64(reader)
              break
            }
            case 10: {
              obj.asset = reader.string()
              break
            }
            case 11: {
              obj.deadline = readUint64(reader)
              break
            }
            case 12: {
              obj.issuedAt = readUint64(reader)
              break
            }
            case 13: {
              obj.quoteFirst = reader.bool()
              break
            }
            case 14: {
              obj.channelId = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.clientKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.workerKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.skill`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.skillVersion`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.input`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.contentType`,
                value: reader.string()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.budget`,
                value: readUint64(reader)
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.asset`,
                value: reader.string()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.deadline`,
                value: readUint64(reader)
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.issuedAt`,
                value: readUint64(reader)
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.quoteFirst`,
                value: reader.bool()
              }
              break
            }
            case 14: {
              yield {
                field: `${prefix}.channelId`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface JobRequestBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface JobRequestBodyJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobRequestBodyClientKeyFieldEvent {
    field: '$.clientKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobRequestBodyWorkerKeyFieldEvent {
    field: '$.workerKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobRequestBodySkillFieldEvent {
    field: '$.skill'
    value: string
  }

  export interface JobRequestBodySkillVersionFieldEvent {
    field: '$.skillVersion'
    value: string
  }

  export interface JobRequestBodyInputFieldEvent {
    field: '$.input'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobRequestBodyContentTypeFieldEvent {
    field: '$.contentType'
    value: string
  }

  export interface JobRequestBodyBudgetFieldEvent {
    field: '$.budget'
    value: bigint
  }

  export interface JobRequestBodyAssetFieldEvent {
    field: '$.asset'
    value: string
  }

  export interface JobRequestBodyDeadlineFieldEvent {
    field: '$.deadline'
    value: bigint
  }

  export interface JobRequestBodyIssuedAtFieldEvent {
    field: '$.issuedAt'
    value: bigint
  }

  export interface JobRequestBodyQuoteFirstFieldEvent {
    field: '$.quoteFirst'
    value: boolean
  }

  export interface JobRequestBodyChannelIdFieldEvent {
    field: '$.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<JobRequestBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobRequestBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobRequestBody>): JobRequestBody {
    return decodeMessage(buf, JobRequestBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobRequestBody>): Generator<JobRequestBodyVersionFieldEvent | JobRequestBodyJobIdFieldEvent | JobRequestBodyClientKeyFieldEvent | JobRequestBodyWorkerKeyFieldEvent | JobRequestBodySkillFieldEvent | JobRequestBodySkillVersionFieldEvent | JobRequestBodyInputFieldEvent | JobRequestBodyContentTypeFieldEvent | JobRequestBodyBudgetFieldEvent | JobRequestBodyAssetFieldEvent | JobRequestBodyDeadlineFieldEvent | JobRequestBodyIssuedAtFieldEvent | JobRequestBodyQuoteFirstFieldEvent | JobRequestBodyChannelIdFieldEvent> {
    return streamMessage(buf, JobRequestBody.codec(), opts)
  }
}

export interface JobRequest {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace JobRequest {
  let _codec: Codec<JobRequest>

  export const codec = (): Codec<JobRequest> => {
    if (_codec == null) {
      _codec = message<JobRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.body)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          body: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.bytes()
              break
            }
            case 2: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.body`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface JobRequestBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobRequestSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<JobRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobRequest>): JobRequest {
    return decodeMessage(buf, JobRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobRequest>): Generator<JobRequestBodyFieldEvent | JobRequestSignatureFieldEvent> {
    return streamMessage(buf, JobRequest.codec(), opts)
  }
}

export interface QuoteBody {
  version: number
  jobId: Uint8Array<ArrayBuffer>
  workerKey: Uint8Array<ArrayBuffer>
  clientKey: Uint8Array<ArrayBuffer>
  price: bigint
  asset: string
  expiresAt: bigint
  terms: string
  issuedAt: bigint
}

export namespace QuoteBody {
  let _codec: Codec<QuoteBody>

  export const codec = (): Codec<QuoteBody> => {
    if (_codec == null) {
      _codec = message<QuoteBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.jobId)
        }

        if ((obj.workerKey != null && obj.workerKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.workerKey)
        }

        if ((obj.clientKey != null && obj.clientKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.clientKey)
        }

        if ((obj.price != null && obj.price !== 0n)) {
          w.uint32(40)
          writeUint64(w, obj.price)
        }

        if ((obj.asset != null && obj.asset !== '')) {
          w.uint32(50)
          w.string(obj.asset)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0n)) {
          w.uint32(56)
          writeUint64(w, obj.expiresAt)
        }

        if ((obj.terms != null && obj.terms !== '')) {
          w.uint32(66)
          w.string(obj.terms)
        }

        if ((obj.issuedAt != null && obj.issuedAt !== 0n)) {
          w.uint32(72)
          writeUint64(w, obj.issuedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          jobId: uint8ArrayAlloc(0),
          workerKey: uint8ArrayAlloc(0),
          clientKey: uint8ArrayAlloc(0),
          price: 0n,
          asset: '',
          expiresAt: 0n,
          terms: '',
          issuedAt: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.jobId = reader.bytes()
              break
            }
            case 3: {
              obj.workerKey = reader.bytes()
              break
            }
            case 4: {
              obj.clientKey = reader.bytes()
              break
            }
            case 5: {
              obj.price = readUint64(reader)
              break
            }
            case 6: {
              obj.asset = reader.string()
              break
            }
            case 7: {
              obj.expiresAt = readUint64(reader)
              break
            }
            case 8: {
              obj.terms = reader.string()
              break
            }
            case 9: {
              obj.issuedAt = readUint64(reader)
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.workerKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.clientKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.price`,
                value: readUint64(reader)
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.asset`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.expiresAt`,
                value: readUint64(reader)
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.terms`,
                value: reader.string()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.issuedAt`,
                value: readUint64(reader)
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface QuoteBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface QuoteBodyJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface QuoteBodyWorkerKeyFieldEvent {
    field: '$.workerKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface QuoteBodyClientKeyFieldEvent {
    field: '$.clientKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface QuoteBodyPriceFieldEvent {
    field: '$.price'
    value: bigint
  }

  export interface QuoteBodyAssetFieldEvent {
    field: '$.asset'
    value: string
  }

  export interface QuoteBodyExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: bigint
  }

  export interface QuoteBodyTermsFieldEvent {
    field: '$.terms'
    value: string
  }

  export interface QuoteBodyIssuedAtFieldEvent {
    field: '$.issuedAt'
    value: bigint
  }

  export function encode (obj: Partial<QuoteBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, QuoteBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<QuoteBody>): QuoteBody {
    return decodeMessage(buf, QuoteBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<QuoteBody>): Generator<QuoteBodyVersionFieldEvent | QuoteBodyJobIdFieldEvent | QuoteBodyWorkerKeyFieldEvent | QuoteBodyClientKeyFieldEvent | QuoteBodyPriceFieldEvent | QuoteBodyAssetFieldEvent | QuoteBodyExpiresAtFieldEvent | QuoteBodyTermsFieldEvent | QuoteBodyIssuedAtFieldEvent> {
    return streamMessage(buf, QuoteBody.codec(), opts)
  }
}

export interface Quote {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace Quote {
  let _codec: Codec<Quote>

  export const codec = (): Codec<Quote> => {
    if (_codec == null) {
      _codec = message<Quote>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.body)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          body: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.bytes()
              break
            }
            case 2: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.body`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface QuoteBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface QuoteSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Quote>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Quote.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Quote>): Quote {
    return decodeMessage(buf, Quote.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Quote>): Generator<QuoteBodyFieldEvent | QuoteSignatureFieldEvent> {
    return streamMessage(buf, Quote.codec(), opts)
  }
}

export interface Accept {
  jobId: Uint8Array<ArrayBuffer>
  quoteHash: Uint8Array<ArrayBuffer>
}

export namespace Accept {
  let _codec: Codec<Accept>

  export const codec = (): Codec<Accept> => {
    if (_codec == null) {
      _codec = message<Accept>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.jobId)
        }

        if ((obj.quoteHash != null && obj.quoteHash.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.quoteHash)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: uint8ArrayAlloc(0),
          quoteHash: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.jobId = reader.bytes()
              break
            }
            case 2: {
              obj.quoteHash = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.quoteHash`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface AcceptJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AcceptQuoteHashFieldEvent {
    field: '$.quoteHash'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Accept>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Accept.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Accept>): Accept {
    return decodeMessage(buf, Accept.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Accept>): Generator<AcceptJobIdFieldEvent | AcceptQuoteHashFieldEvent> {
    return streamMessage(buf, Accept.codec(), opts)
  }
}

export interface Reject {
  jobId: Uint8Array<ArrayBuffer>
  code: ErrorCode
  message: string
}

export namespace Reject {
  let _codec: Codec<Reject>

  export const codec = (): Codec<Reject> => {
    if (_codec == null) {
      _codec = message<Reject>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.jobId)
        }

        if (obj.code != null && __ErrorCodeValues[obj.code] !== 0) {
          w.uint32(16)
          ErrorCode.codec().encode(obj.code, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(26)
          w.string(obj.message)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: uint8ArrayAlloc(0),
          code: ErrorCode.ERROR_CODE_UNSPECIFIED,
          message: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.jobId = reader.bytes()
              break
            }
            case 2: {
              obj.code = ErrorCode.codec().decode(reader)
              break
            }
            case 3: {
              obj.message = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.code`,
                value: ErrorCode.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface RejectJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RejectCodeFieldEvent {
    field: '$.code'
    value: ErrorCode
  }

  export interface RejectMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export function encode (obj: Partial<Reject>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Reject.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reject>): Reject {
    return decodeMessage(buf, Reject.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reject>): Generator<RejectJobIdFieldEvent | RejectCodeFieldEvent | RejectMessageFieldEvent> {
    return streamMessage(buf, Reject.codec(), opts)
  }
}

export interface Progress {
  jobId: Uint8Array<ArrayBuffer>
  state: JobState
  permille: number
  message: string
}

export namespace Progress {
  let _codec: Codec<Progress>

  export const codec = (): Codec<Progress> => {
    if (_codec == null) {
      _codec = message<Progress>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.jobId)
        }

        if (obj.state != null && __JobStateValues[obj.state] !== 0) {
          w.uint32(16)
          JobState.codec().encode(obj.state, w)
        }

        if ((obj.permille != null && obj.permille !== 0)) {
          w.uint32(24)
          w.uint32(obj.permille)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(34)
          w.string(obj.message)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: uint8ArrayAlloc(0),
          state: JobState.JOB_STATE_UNSPECIFIED,
          permille: 0,
          message: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.jobId = reader.bytes()
              break
            }
            case 2: {
              obj.state = JobState.codec().decode(reader)
              break
            }
            case 3: {
              obj.permille = reader.uint32()
              break
            }
            case 4: {
              obj.message = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.state`,
                value: JobState.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.permille`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ProgressJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProgressStateFieldEvent {
    field: '$.state'
    value: JobState
  }

  export interface ProgressPermilleFieldEvent {
    field: '$.permille'
    value: number
  }

  export interface ProgressMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export function encode (obj: Partial<Progress>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Progress.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Progress>): Progress {
    return decodeMessage(buf, Progress.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Progress>): Generator<ProgressJobIdFieldEvent | ProgressStateFieldEvent | ProgressPermilleFieldEvent | ProgressMessageFieldEvent> {
    return streamMessage(buf, Progress.codec(), opts)
  }
}

export interface DeliveryBody {
  version: number
  jobId: Uint8Array<ArrayBuffer>
  workerKey: Uint8Array<ArrayBuffer>
  clientKey: Uint8Array<ArrayBuffer>
  price: bigint
  asset: string
  resultHash: Uint8Array<ArrayBuffer>
  ciphertextHash: Uint8Array<ArrayBuffer>
  lockHash: Uint8Array<ArrayBuffer>
  contentType: string
  lockExpiry: bigint
  issuedAt: bigint
}

export namespace DeliveryBody {
  let _codec: Codec<DeliveryBody>

  export const codec = (): Codec<DeliveryBody> => {
    if (_codec == null) {
      _codec = message<DeliveryBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.jobId)
        }

        if ((obj.workerKey != null && obj.workerKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.workerKey)
        }

        if ((obj.clientKey != null && obj.clientKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.clientKey)
        }

        if ((obj.price != null && obj.price !== 0n)) {
          w.uint32(40)
          writeUint64(w, obj.price)
        }

        if ((obj.asset != null && obj.asset !== '')) {
          w.uint32(50)
          w.string(obj.asset)
        }

        if ((obj.resultHash != null && obj.resultHash.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.resultHash)
        }

        if ((obj.ciphertextHash != null && obj.ciphertextHash.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.ciphertextHash)
        }

        if ((obj.lockHash != null && obj.lockHash.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.lockHash)
        }

        if ((obj.contentType != null && obj.contentType !== '')) {
          w.uint32(82)
          w.string(obj.contentType)
        }

        if ((obj.lockExpiry != null && obj.lockExpiry !== 0n)) {
          w.uint32(88)
          writeUint64(w, obj.lockExpiry)
        }

        if ((obj.issuedAt != null && obj.issuedAt !== 0n)) {
          w.uint32(96)
          writeUint64(w, obj.issuedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          jobId: uint8ArrayAlloc(0),
          workerKey: uint8ArrayAlloc(0),
          clientKey: uint8ArrayAlloc(0),
          price: 0n,
          asset: '',
          resultHash: uint8ArrayAlloc(0),
          ciphertextHash: uint8ArrayAlloc(0),
          lockHash: uint8ArrayAlloc(0),
          contentType: '',
          lockExpiry: 0n,
          issuedAt: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.jobId = reader.bytes()
              break
            }
            case 3: {
              obj.workerKey = reader.bytes()
              break
            }
            case 4: {
              obj.clientKey = reader.bytes()
              break
            }
            case 5: {
              obj.price = readUint64(reader)
              break
            }
            case 6: {
              obj.asset = reader.string()
              break
            }
            case 7: {
              obj.resultHash = reader.bytes()
              break
            }
            case 8: {
              obj.ciphertextHash = reader.bytes()
              break
            }
            case 9: {
              obj.lockHash = reader.bytes()
              break
            }
            case 10: {
              obj.contentType = reader.string()
              break
            }
            case 11: {
              obj.lockExpiry = readUint64(reader)
              break
            }
            case 12: {
              obj.issuedAt = readUint64(reader)
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.workerKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.clientKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.price`,
                value: readUint64(reader)
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.asset`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.resultHash`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.ciphertextHash`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.lockHash`,
                value: reader.bytes()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.contentType`,
                value: reader.string()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.lockExpiry`,
                value: readUint64(reader)
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.issuedAt`,
                value: readUint64(reader)
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface DeliveryBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface DeliveryBodyJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeliveryBodyWorkerKeyFieldEvent {
    field: '$.workerKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeliveryBodyClientKeyFieldEvent {
    field: '$.clientKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeliveryBodyPriceFieldEvent {
    field: '$.price'
    value: bigint
  }

  export interface DeliveryBodyAssetFieldEvent {
    field: '$.asset'
    value: string
  }

  export interface DeliveryBodyResultHashFieldEvent {
    field: '$.resultHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeliveryBodyCiphertextHashFieldEvent {
    field: '$.ciphertextHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeliveryBodyLockHashFieldEvent {
    field: '$.lockHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeliveryBodyContentTypeFieldEvent {
    field: '$.contentType'
    value: string
  }

  export interface DeliveryBodyLockExpiryFieldEvent {
    field: '$.lockExpiry'
    value: bigint
  }

  export interface DeliveryBodyIssuedAtFieldEvent {
    field: '$.issuedAt'
    value: bigint
  }

  export function encode (obj: Partial<DeliveryBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeliveryBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeliveryBody>): DeliveryBody {
    return decodeMessage(buf, DeliveryBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeliveryBody>): Generator<DeliveryBodyVersionFieldEvent | DeliveryBodyJobIdFieldEvent | DeliveryBodyWorkerKeyFieldEvent | DeliveryBodyClientKeyFieldEvent | DeliveryBodyPriceFieldEvent | DeliveryBodyAssetFieldEvent | DeliveryBodyResultHashFieldEvent | DeliveryBodyCiphertextHashFieldEvent | DeliveryBodyLockHashFieldEvent | DeliveryBodyContentTypeFieldEvent | DeliveryBodyLockExpiryFieldEvent | DeliveryBodyIssuedAtFieldEvent> {
    return streamMessage(buf, DeliveryBody.codec(), opts)
  }
}

export interface Delivery {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
  ciphertext: Uint8Array<ArrayBuffer>
}

export namespace Delivery {
  let _codec: Codec<Delivery>

  export const codec = (): Codec<Delivery> => {
    if (_codec == null) {
      _codec = message<Delivery>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.body)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if ((obj.ciphertext != null && obj.ciphertext.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.ciphertext)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          body: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0),
          ciphertext: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.bytes()
              break
            }
            case 2: {
              obj.signature = reader.bytes()
              break
            }
            case 3: {
              obj.ciphertext = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.body`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.ciphertext`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface DeliveryBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeliverySignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeliveryCiphertextFieldEvent {
    field: '$.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Delivery>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Delivery.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Delivery>): Delivery {
    return decodeMessage(buf, Delivery.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Delivery>): Generator<DeliveryBodyFieldEvent | DeliverySignatureFieldEvent | DeliveryCiphertextFieldEvent> {
    return streamMessage(buf, Delivery.codec(), opts)
  }
}

export interface ReceiptBody {
  version: number
  jobId: Uint8Array<ArrayBuffer>
  clientKey: Uint8Array<ArrayBuffer>
  workerKey: Uint8Array<ArrayBuffer>
  skill: string
  skillVersion: string
  price: bigint
  asset: string
  resultHash: Uint8Array<ArrayBuffer>
  channelId: Uint8Array<ArrayBuffer>
  sequence: bigint
  stateHash: Uint8Array<ArrayBuffer>
  completedAt: bigint
}

export namespace ReceiptBody {
  let _codec: Codec<ReceiptBody>

  export const codec = (): Codec<ReceiptBody> => {
    if (_codec == null) {
      _codec = message<ReceiptBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.jobId)
        }

        if ((obj.clientKey != null && obj.clientKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.clientKey)
        }

        if ((obj.workerKey != null && obj.workerKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.workerKey)
        }

        if ((obj.skill != null && obj.skill !== '')) {
          w.uint32(42)
          w.string(obj.skill)
        }

        if ((obj.skillVersion != null && obj.skillVersion !== '')) {
          w.uint32(50)
          w.string(obj.skillVersion)
        }

        if ((obj.price != null && obj.price !== 0n)) {
          w.uint32(56)
          writeUint64(w, obj.price)
        }

        if ((obj.asset != null && obj.asset !== '')) {
          w.uint32(66)
          w.string(obj.asset)
        }

        if ((obj.resultHash != null && obj.resultHash.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.resultHash)
        }

        if ((obj.channelId != null && obj.channelId.byteLength > 0)) {
          w.uint32(82)
          w.bytes(obj.channelId)
        }

        if ((obj.sequence != null && obj.sequence !== 0n)) {
          w.uint32(88)
          writeUint64(w, obj.sequence)
        }

        if ((obj.stateHash != null && obj.stateHash.byteLength > 0)) {
          w.uint32(98)
          w.bytes(obj.stateHash)
        }

        if ((obj.completedAt != null && obj.completedAt !== 0n)) {
          w.uint32(104)
          writeUint64(w, obj.completedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          jobId: uint8ArrayAlloc(0),
          clientKey: uint8ArrayAlloc(0),
          workerKey: uint8ArrayAlloc(0),
          skill: '',
          skillVersion: '',
          price: 0n,
          asset: '',
          resultHash: uint8ArrayAlloc(0),
          channelId: uint8ArrayAlloc(0),
          sequence: 0n,
          stateHash: uint8ArrayAlloc(0),
          completedAt: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.jobId = reader.bytes()
              break
            }
            case 3: {
              obj.clientKey = reader.bytes()
              break
            }
            case 4: {
              obj.workerKey = reader.bytes()
              break
            }
            case 5: {
              obj.skill = reader.string()
              break
            }
            case 6: {
              obj.skillVersion = reader.string()
              break
            }
            case 7: {
              obj.price = readUint64(reader)
              break
            }
            case 8: {
              obj.asset = reader.string()
              break
            }
            case 9: {
              obj.resultHash = reader.bytes()
              break
            }
            case 10: {
              obj.channelId = reader.bytes()
              break
            }
            case 11: {
              obj.sequence = readUint64(reader)
              break
            }
            case 12: {
              obj.stateHash = reader.bytes()
              break
            }
            case 13: {
              obj.completedAt = readUint64(reader)
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.clientKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.workerKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.skill`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.skillVersion`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.price`,
                value: readUint64(reader)
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.asset`,
                value: reader.string()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.resultHash`,
                value: reader.bytes()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.channelId`,
                value: reader.bytes()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.sequence`,
                value: readUint64(reader)
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.stateHash`,
                value: reader.bytes()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.completedAt`,
                value: readUint64(reader)
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ReceiptBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface ReceiptBodyJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiptBodyClientKeyFieldEvent {
    field: '$.clientKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiptBodyWorkerKeyFieldEvent {
    field: '$.workerKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiptBodySkillFieldEvent {
    field: '$.skill'
    value: string
  }

  export interface ReceiptBodySkillVersionFieldEvent {
    field: '$.skillVersion'
    value: string
  }

  export interface ReceiptBodyPriceFieldEvent {
    field: '$.price'
    value: bigint
  }

  export interface ReceiptBodyAssetFieldEvent {
    field: '$.asset'
    value: string
  }

  export interface ReceiptBodyResultHashFieldEvent {
    field: '$.resultHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiptBodyChannelIdFieldEvent {
    field: '$.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiptBodySequenceFieldEvent {
    field: '$.sequence'
    value: bigint
  }

  export interface ReceiptBodyStateHashFieldEvent {
    field: '$.stateHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiptBodyCompletedAtFieldEvent {
    field: '$.completedAt'
    value: bigint
  }

  export function encode (obj: Partial<ReceiptBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ReceiptBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ReceiptBody>): ReceiptBody {
    return decodeMessage(buf, ReceiptBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ReceiptBody>): Generator<ReceiptBodyVersionFieldEvent | ReceiptBodyJobIdFieldEvent | ReceiptBodyClientKeyFieldEvent | ReceiptBodyWorkerKeyFieldEvent | ReceiptBodySkillFieldEvent | ReceiptBodySkillVersionFieldEvent | ReceiptBodyPriceFieldEvent | ReceiptBodyAssetFieldEvent | ReceiptBodyResultHashFieldEvent | ReceiptBodyChannelIdFieldEvent | ReceiptBodySequenceFieldEvent | ReceiptBodyStateHashFieldEvent | ReceiptBodyCompletedAtFieldEvent> {
    return streamMessage(buf, ReceiptBody.codec(), opts)
  }
}

export interface Receipt {
  body: Uint8Array<ArrayBuffer>
  clientSignature: Uint8Array<ArrayBuffer>
  workerSignature: Uint8Array<ArrayBuffer>
}

export namespace Receipt {
  let _codec: Codec<Receipt>

  export const codec = (): Codec<Receipt> => {
    if (_codec == null) {
      _codec = message<Receipt>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.body)
        }

        if ((obj.clientSignature != null && obj.clientSignature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.clientSignature)
        }

        if ((obj.workerSignature != null && obj.workerSignature.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.workerSignature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          body: uint8ArrayAlloc(0),
          clientSignature: uint8ArrayAlloc(0),
          workerSignature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.bytes()
              break
            }
            case 2: {
              obj.clientSignature = reader.bytes()
              break
            }
            case 3: {
              obj.workerSignature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.body`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.clientSignature`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.workerSignature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ReceiptBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiptClientSignatureFieldEvent {
    field: '$.clientSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiptWorkerSignatureFieldEvent {
    field: '$.workerSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Receipt>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Receipt.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Receipt {
    return decodeMessage(buf, Receipt.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Generator<ReceiptBodyFieldEvent | ReceiptClientSignatureFieldEvent | ReceiptWorkerSignatureFieldEvent> {
    return streamMessage(buf, Receipt.codec(), opts)
  }
}

export interface Pay {
  jobId: Uint8Array<ArrayBuffer>
  channelId: Uint8Array<ArrayBuffer>
  sequence: bigint
  stateHash: Uint8Array<ArrayBuffer>
  receiptBody: Uint8Array<ArrayBuffer>
  clientSignature: Uint8Array<ArrayBuffer>
}

export namespace Pay {
  let _codec: Codec<Pay>

  export const codec = (): Codec<Pay> => {
    if (_codec == null) {
      _codec = message<Pay>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.jobId)
        }

        if ((obj.channelId != null && obj.channelId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.channelId)
        }

        if ((obj.sequence != null && obj.sequence !== 0n)) {
          w.uint32(24)
          writeUint64(w, obj.sequence)
        }

        if ((obj.stateHash != null && obj.stateHash.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.stateHash)
        }

        if ((obj.receiptBody != null && obj.receiptBody.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.receiptBody)
        }

        if ((obj.clientSignature != null && obj.clientSignature.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.clientSignature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: uint8ArrayAlloc(0),
          channelId: uint8ArrayAlloc(0),
          sequence: 0n,
          stateHash: uint8ArrayAlloc(0),
          receiptBody: uint8ArrayAlloc(0),
          clientSignature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.jobId = reader.bytes()
              break
            }
            case 2: {
              obj.channelId = reader.bytes()
              break
            }
            case 3: {
              obj.sequence = readUint64(reader)
              break
            }
            case 4: {
              obj.stateHash = reader.bytes()
              break
            }
            case 5: {
              obj.receiptBody = reader.bytes()
              break
            }
            case 6: {
              obj.clientSignature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.channelId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.sequence`,
                value: readUint64(reader)
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.stateHash`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.receiptBody`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.clientSignature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PayJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayChannelIdFieldEvent {
    field: '$.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PaySequenceFieldEvent {
    field: '$.sequence'
    value: bigint
  }

  export interface PayStateHashFieldEvent {
    field: '$.stateHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayReceiptBodyFieldEvent {
    field: '$.receiptBody'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayClientSignatureFieldEvent {
    field: '$.clientSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Pay>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Pay.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Pay>): Pay {
    return decodeMessage(buf, Pay.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Pay>): Generator<PayJobIdFieldEvent | PayChannelIdFieldEvent | PaySequenceFieldEvent | PayStateHashFieldEvent | PayReceiptBodyFieldEvent | PayClientSignatureFieldEvent> {
    return streamMessage(buf, Pay.codec(), opts)
  }
}

export interface Reveal {
  jobId: Uint8Array<ArrayBuffer>
  key: Uint8Array<ArrayBuffer>
  workerSignature: Uint8Array<ArrayBuffer>
}

export namespace Reveal {
  let _codec: Codec<Reveal>

  export const codec = (): Codec<Reveal> => {
    if (_codec == null) {
      _codec = message<Reveal>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.jobId)
        }

        if ((obj.key != null && obj.key.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.key)
        }

        if ((obj.workerSignature != null && obj.workerSignature.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.workerSignature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: uint8ArrayAlloc(0),
          key: uint8ArrayAlloc(0),
          workerSignature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.jobId = reader.bytes()
              break
            }
            case 2: {
              obj.key = reader.bytes()
              break
            }
            case 3: {
              obj.workerSignature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.key`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.workerSignature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface RevealJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RevealKeyFieldEvent {
    field: '$.key'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RevealWorkerSignatureFieldEvent {
    field: '$.workerSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Reveal>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Reveal.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reveal>): Reveal {
    return decodeMessage(buf, Reveal.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reveal>): Generator<RevealJobIdFieldEvent | RevealKeyFieldEvent | RevealWorkerSignatureFieldEvent> {
    return streamMessage(buf, Reveal.codec(), opts)
  }
}

export interface Cancel {
  jobId: Uint8Array<ArrayBuffer>
  code: ErrorCode
  message: string
}

export namespace Cancel {
  let _codec: Codec<Cancel>

  export const codec = (): Codec<Cancel> => {
    if (_codec == null) {
      _codec = message<Cancel>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.jobId)
        }

        if (obj.code != null && __ErrorCodeValues[obj.code] !== 0) {
          w.uint32(16)
          ErrorCode.codec().encode(obj.code, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(26)
          w.string(obj.message)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: uint8ArrayAlloc(0),
          code: ErrorCode.ERROR_CODE_UNSPECIFIED,
          message: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.jobId = reader.bytes()
              break
            }
            case 2: {
              obj.code = ErrorCode.codec().decode(reader)
              break
            }
            case 3: {
              obj.message = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.code`,
                value: ErrorCode.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface CancelJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CancelCodeFieldEvent {
    field: '$.code'
    value: ErrorCode
  }

  export interface CancelMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export function encode (obj: Partial<Cancel>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Cancel.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Cancel>): Cancel {
    return decodeMessage(buf, Cancel.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Cancel>): Generator<CancelJobIdFieldEvent | CancelCodeFieldEvent | CancelMessageFieldEvent> {
    return streamMessage(buf, Cancel.codec(), opts)
  }
}

export interface JobError {
  jobId: Uint8Array<ArrayBuffer>
  code: ErrorCode
  message: string
}

export namespace JobError {
  let _codec: Codec<JobError>

  export const codec = (): Codec<JobError> => {
    if (_codec == null) {
      _codec = message<JobError>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.jobId)
        }

        if (obj.code != null && __ErrorCodeValues[obj.code] !== 0) {
          w.uint32(16)
          ErrorCode.codec().encode(obj.code, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(26)
          w.string(obj.message)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: uint8ArrayAlloc(0),
          code: ErrorCode.ERROR_CODE_UNSPECIFIED,
          message: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.jobId = reader.bytes()
              break
            }
            case 2: {
              obj.code = ErrorCode.codec().decode(reader)
              break
            }
            case 3: {
              obj.message = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.code`,
                value: ErrorCode.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface JobErrorJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobErrorCodeFieldEvent {
    field: '$.code'
    value: ErrorCode
  }

  export interface JobErrorMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export function encode (obj: Partial<JobError>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobError.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobError>): JobError {
    return decodeMessage(buf, JobError.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobError>): Generator<JobErrorJobIdFieldEvent | JobErrorCodeFieldEvent | JobErrorMessageFieldEvent> {
    return streamMessage(buf, JobError.codec(), opts)
  }
}

export interface JobFrame {
  request?: JobRequest
  quote?: Quote
  accept?: Accept
  reject?: Reject
  progress?: Progress
  delivery?: Delivery
  pay?: Pay
  reveal?: Reveal
  cancel?: Cancel
  error?: JobError
}

export namespace JobFrame {
  let _codec: Codec<JobFrame>

  export const codec = (): Codec<JobFrame> => {
    if (_codec == null) {
      _codec = message<JobFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.error != null) {
          obj.cancel = undefined
          obj.reveal = undefined
          obj.pay = undefined
          obj.delivery = undefined
          obj.progress = undefined
          obj.reject = undefined
          obj.accept = undefined
          obj.quote = undefined
          obj.request = undefined
        }

        if (obj.cancel != null) {
          obj.error = undefined
          obj.reveal = undefined
          obj.pay = undefined
          obj.delivery = undefined
          obj.progress = undefined
          obj.reject = undefined
          obj.accept = undefined
          obj.quote = undefined
          obj.request = undefined
        }

        if (obj.reveal != null) {
          obj.error = undefined
          obj.cancel = undefined
          obj.pay = undefined
          obj.delivery = undefined
          obj.progress = undefined
          obj.reject = undefined
          obj.accept = undefined
          obj.quote = undefined
          obj.request = undefined
        }

        if (obj.pay != null) {
          obj.error = undefined
          obj.cancel = undefined
          obj.reveal = undefined
          obj.delivery = undefined
          obj.progress = undefined
          obj.reject = undefined
          obj.accept = undefined
          obj.quote = undefined
          obj.request = undefined
        }

        if (obj.delivery != null) {
          obj.error = undefined
          obj.cancel = undefined
          obj.reveal = undefined
          obj.pay = undefined
          obj.progress = undefined
          obj.reject = undefined
          obj.accept = undefined
          obj.quote = undefined
          obj.request = undefined
        }

        if (obj.progress != null) {
          obj.error = undefined
          obj.cancel = undefined
          obj.reveal = undefined
          obj.pay = undefined
          obj.delivery = undefined
          obj.reject = undefined
          obj.accept = undefined
          obj.quote = undefined
          obj.request = undefined
        }

        if (obj.reject != null) {
          obj.error = undefined
          obj.cancel = undefined
          obj.reveal = undefined
          obj.pay = undefined
          obj.delivery = undefined
          obj.progress = undefined
          obj.accept = undefined
          obj.quote = undefined
          obj.request = undefined
        }

        if (obj.accept != null) {
          obj.error = undefined
          obj.cancel = undefined
          obj.reveal = undefined
          obj.pay = undefined
          obj.delivery = undefined
          obj.progress = undefined
          obj.reject = undefined
          obj.quote = undefined
          obj.request = undefined
        }

        if (obj.quote != null) {
          obj.error = undefined
          obj.cancel = undefined
          obj.reveal = undefined
          obj.pay = undefined
          obj.delivery = undefined
          obj.progress = undefined
          obj.reject = undefined
          obj.accept = undefined
          obj.request = undefined
        }

        if (obj.request != null) {
          obj.error = undefined
          obj.cancel = undefined
          obj.reveal = undefined
          obj.pay = undefined
          obj.delivery = undefined
          obj.progress = undefined
          obj.reject = undefined
          obj.accept = undefined
          obj.quote = undefined
        }

        if (obj.request != null) {
          w.uint32(10)
          JobRequest.codec().encode(obj.request, w)
        }

        if (obj.quote != null) {
          w.uint32(18)
          Quote.codec().encode(obj.quote, w)
        }

        if (obj.accept != null) {
          w.uint32(26)
          Accept.codec().encode(obj.accept, w)
        }

        if (obj.reject != null) {
          w.uint32(34)
          Reject.codec().encode(obj.reject, w)
        }

        if (obj.progress != null) {
          w.uint32(42)
          Progress.codec().encode(obj.progress, w)
        }

        if (obj.delivery != null) {
          w.uint32(50)
          Delivery.codec().encode(obj.delivery, w)
        }

        if (obj.pay != null) {
          w.uint32(58)
          Pay.codec().encode(obj.pay, w)
        }

        if (obj.reveal != null) {
          w.uint32(66)
          Reveal.codec().encode(obj.reveal, w)
        }

        if (obj.cancel != null) {
          w.uint32(74)
          Cancel.codec().encode(obj.cancel, w)
        }

        if (obj.error != null) {
          w.uint32(82)
          JobError.codec().encode(obj.error, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.request = JobRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.request
              })
              break
            }
            case 2: {
              obj.quote = Quote.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.quote
              })
              break
            }
            case 3: {
              obj.accept = Accept.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.accept
              })
              break
            }
            case 4: {
              obj.reject = Reject.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.reject
              })
              break
            }
            case 5: {
              obj.progress = Progress.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.progress
              })
              break
            }
            case 6: {
              obj.delivery = Delivery.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.delivery
              })
              break
            }
            case 7: {
              obj.pay = Pay.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.pay
              })
              break
            }
            case 8: {
              obj.reveal = Reveal.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.reveal
              })
              break
            }
            case 9: {
              obj.cancel = Cancel.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.cancel
              })
              break
            }
            case 10: {
              obj.error = JobError.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.error
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.error != null) {
          delete obj.cancel
          delete obj.reveal
          delete obj.pay
          delete obj.delivery
          delete obj.progress
          delete obj.reject
          delete obj.accept
          delete obj.quote
          delete obj.request
        }

        if (obj.cancel != null) {
          delete obj.error
          delete obj.reveal
          delete obj.pay
          delete obj.delivery
          delete obj.progress
          delete obj.reject
          delete obj.accept
          delete obj.quote
          delete obj.request
        }

        if (obj.reveal != null) {
          delete obj.error
          delete obj.cancel
          delete obj.pay
          delete obj.delivery
          delete obj.progress
          delete obj.reject
          delete obj.accept
          delete obj.quote
          delete obj.request
        }

        if (obj.pay != null) {
          delete obj.error
          delete obj.cancel
          delete obj.reveal
          delete obj.delivery
          delete obj.progress
          delete obj.reject
          delete obj.accept
          delete obj.quote
          delete obj.request
        }

        if (obj.delivery != null) {
          delete obj.error
          delete obj.cancel
          delete obj.reveal
          delete obj.pay
          delete obj.progress
          delete obj.reject
          delete obj.accept
          delete obj.quote
          delete obj.request
        }

        if (obj.progress != null) {
          delete obj.error
          delete obj.cancel
          delete obj.reveal
          delete obj.pay
          delete obj.delivery
          delete obj.reject
          delete obj.accept
          delete obj.quote
          delete obj.request
        }

        if (obj.reject != null) {
          delete obj.error
          delete obj.cancel
          delete obj.reveal
          delete obj.pay
          delete obj.delivery
          delete obj.progress
          delete obj.accept
          delete obj.quote
          delete obj.request
        }

        if (obj.accept != null) {
          delete obj.error
          delete obj.cancel
          delete obj.reveal
          delete obj.pay
          delete obj.delivery
          delete obj.progress
          delete obj.reject
          delete obj.quote
          delete obj.request
        }

        if (obj.quote != null) {
          delete obj.error
          delete obj.cancel
          delete obj.reveal
          delete obj.pay
          delete obj.delivery
          delete obj.progress
          delete obj.reject
          delete obj.accept
          delete obj.request
        }

        if (obj.request != null) {
          delete obj.error
          delete obj.cancel
          delete obj.reveal
          delete obj.pay
          delete obj.delivery
          delete obj.progress
          delete obj.reject
          delete obj.accept
          delete obj.quote
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * JobRequest.codec().stream(reader, reader.uint32(), `${prefix}.request`, {
                limits: opts.limits?.request
              })

              break
            }
            case 2: {
              yield * Quote.codec().stream(reader, reader.uint32(), `${prefix}.quote`, {
                limits: opts.limits?.quote
              })

              break
            }
            case 3: {
              yield * Accept.codec().stream(reader, reader.uint32(), `${prefix}.accept`, {
                limits: opts.limits?.accept
              })

              break
            }
            case 4: {
              yield * Reject.codec().stream(reader, reader.uint32(), `${prefix}.reject`, {
                limits: opts.limits?.reject
              })

              break
            }
            case 5: {
              yield * Progress.codec().stream(reader, reader.uint32(), `${prefix}.progress`, {
                limits: opts.limits?.progress
              })

              break
            }
            case 6: {
              yield * Delivery.codec().stream(reader, reader.uint32(), `${prefix}.delivery`, {
                limits: opts.limits?.delivery
              })

              break
            }
            case 7: {
              yield * Pay.codec().stream(reader, reader.uint32(), `${prefix}.pay`, {
                limits: opts.limits?.pay
              })

              break
            }
            case 8: {
              yield * Reveal.codec().stream(reader, reader.uint32(), `${prefix}.reveal`, {
                limits: opts.limits?.reveal
              })

              break
            }
            case 9: {
              yield * Cancel.codec().stream(reader, reader.uint32(), `${prefix}.cancel`, {
                limits: opts.limits?.cancel
              })

              break
            }
            case 10: {
              yield * JobError.codec().stream(reader, reader.uint32(), `${prefix}.error`, {
                limits: opts.limits?.error
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface JobFrameRequestBodyFieldEvent {
    field: '$.request.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameRequestSignatureFieldEvent {
    field: '$.request.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameQuoteBodyFieldEvent {
    field: '$.quote.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameQuoteSignatureFieldEvent {
    field: '$.quote.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameAcceptJobIdFieldEvent {
    field: '$.accept.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameAcceptQuoteHashFieldEvent {
    field: '$.accept.quoteHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameRejectJobIdFieldEvent {
    field: '$.reject.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameRejectCodeFieldEvent {
    field: '$.reject.code'
    value: ErrorCode
  }

  export interface JobFrameRejectMessageFieldEvent {
    field: '$.reject.message'
    value: string
  }

  export interface JobFrameProgressJobIdFieldEvent {
    field: '$.progress.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameProgressStateFieldEvent {
    field: '$.progress.state'
    value: JobState
  }

  export interface JobFrameProgressPermilleFieldEvent {
    field: '$.progress.permille'
    value: number
  }

  export interface JobFrameProgressMessageFieldEvent {
    field: '$.progress.message'
    value: string
  }

  export interface JobFrameDeliveryBodyFieldEvent {
    field: '$.delivery.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameDeliverySignatureFieldEvent {
    field: '$.delivery.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameDeliveryCiphertextFieldEvent {
    field: '$.delivery.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFramePayJobIdFieldEvent {
    field: '$.pay.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFramePayChannelIdFieldEvent {
    field: '$.pay.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFramePaySequenceFieldEvent {
    field: '$.pay.sequence'
    value: bigint
  }

  export interface JobFramePayStateHashFieldEvent {
    field: '$.pay.stateHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFramePayReceiptBodyFieldEvent {
    field: '$.pay.receiptBody'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFramePayClientSignatureFieldEvent {
    field: '$.pay.clientSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameRevealJobIdFieldEvent {
    field: '$.reveal.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameRevealKeyFieldEvent {
    field: '$.reveal.key'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameRevealWorkerSignatureFieldEvent {
    field: '$.reveal.workerSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameCancelJobIdFieldEvent {
    field: '$.cancel.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameCancelCodeFieldEvent {
    field: '$.cancel.code'
    value: ErrorCode
  }

  export interface JobFrameCancelMessageFieldEvent {
    field: '$.cancel.message'
    value: string
  }

  export interface JobFrameErrorJobIdFieldEvent {
    field: '$.error.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobFrameErrorCodeFieldEvent {
    field: '$.error.code'
    value: ErrorCode
  }

  export interface JobFrameErrorMessageFieldEvent {
    field: '$.error.message'
    value: string
  }

  export function encode (obj: Partial<JobFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobFrame>): JobFrame {
    return decodeMessage(buf, JobFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobFrame>): Generator<JobFrameRequestBodyFieldEvent | JobFrameRequestSignatureFieldEvent | JobFrameQuoteBodyFieldEvent | JobFrameQuoteSignatureFieldEvent | JobFrameAcceptJobIdFieldEvent | JobFrameAcceptQuoteHashFieldEvent | JobFrameRejectJobIdFieldEvent | JobFrameRejectCodeFieldEvent | JobFrameRejectMessageFieldEvent | JobFrameProgressJobIdFieldEvent | JobFrameProgressStateFieldEvent | JobFrameProgressPermilleFieldEvent | JobFrameProgressMessageFieldEvent | JobFrameDeliveryBodyFieldEvent | JobFrameDeliverySignatureFieldEvent | JobFrameDeliveryCiphertextFieldEvent | JobFramePayJobIdFieldEvent | JobFramePayChannelIdFieldEvent | JobFramePaySequenceFieldEvent | JobFramePayStateHashFieldEvent | JobFramePayReceiptBodyFieldEvent | JobFramePayClientSignatureFieldEvent | JobFrameRevealJobIdFieldEvent | JobFrameRevealKeyFieldEvent | JobFrameRevealWorkerSignatureFieldEvent | JobFrameCancelJobIdFieldEvent | JobFrameCancelCodeFieldEvent | JobFrameCancelMessageFieldEvent | JobFrameErrorJobIdFieldEvent | JobFrameErrorCodeFieldEvent | JobFrameErrorMessageFieldEvent> {
    return streamMessage(buf, JobFrame.codec(), opts)
  }
}
