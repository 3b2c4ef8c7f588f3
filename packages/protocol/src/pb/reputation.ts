import { readUint64, writeUint64 } from './uint64.js'
import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface AttestationBody {
  version: number
  attesterKey: Uint8Array<ArrayBuffer>
  subjectKey: Uint8Array<ArrayBuffer>
  jobId: Uint8Array<ArrayBuffer>
  skill: string
  receipt: Uint8Array<ArrayBuffer>
  rating: number
  issuedAt: bigint
}

export namespace AttestationBody {
  let _codec: Codec<AttestationBody>

  export const codec = (): Codec<AttestationBody> => {
    if (_codec == null) {
      _codec = message<AttestationBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.attesterKey != null && obj.attesterKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.attesterKey)
        }

        if ((obj.subjectKey != null && obj.subjectKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.subjectKey)
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.jobId)
        }

        if ((obj.skill != null && obj.skill !== '')) {
          w.uint32(42)
          w.string(obj.skill)
        }

        if ((obj.receipt != null && obj.receipt.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.receipt)
        }

        if ((obj.rating != null && obj.rating !== 0)) {
          w.uint32(56)
          w.uint32(obj.rating)
        }

        if ((obj.issuedAt != null && obj.issuedAt !== 0n)) {
          w.uint32(64)
          writeUint64(w, obj.issuedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          attesterKey: uint8ArrayAlloc(0),
          subjectKey: uint8ArrayAlloc(0),
          jobId: uint8ArrayAlloc(0),
          skill: '',
          receipt: uint8ArrayAlloc(0),
          rating: 0,
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
              obj.attesterKey = reader.bytes()
              break
            }
            case 3: {
              obj.subjectKey = reader.bytes()
              break
            }
            case 4: {
              obj.jobId = reader.bytes()
              break
            }
            case 5: {
              obj.skill = reader.string()
              break
            }
            case 6: {
              obj.receipt = reader.bytes()
              break
            }
            case 7: {
              obj.rating = reader.uint32()
              break
            }
            case 8: {
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
                field: `${prefix}.attesterKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.subjectKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.jobId`,
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
                field: `${prefix}.receipt`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.rating`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
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

  export interface AttestationBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface AttestationBodyAttesterKeyFieldEvent {
    field: '$.attesterKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestationBodySubjectKeyFieldEvent {
    field: '$.subjectKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestationBodyJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestationBodySkillFieldEvent {
    field: '$.skill'
    value: string
  }

  export interface AttestationBodyReceiptFieldEvent {
    field: '$.receipt'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestationBodyRatingFieldEvent {
    field: '$.rating'
    value: number
  }

  export interface AttestationBodyIssuedAtFieldEvent {
    field: '$.issuedAt'
    value: bigint
  }

  export function encode (obj: Partial<AttestationBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttestationBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttestationBody>): AttestationBody {
    return decodeMessage(buf, AttestationBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttestationBody>): Generator<AttestationBodyVersionFieldEvent | AttestationBodyAttesterKeyFieldEvent | AttestationBodySubjectKeyFieldEvent | AttestationBodyJobIdFieldEvent | AttestationBodySkillFieldEvent | AttestationBodyReceiptFieldEvent | AttestationBodyRatingFieldEvent | AttestationBodyIssuedAtFieldEvent> {
    return streamMessage(buf, AttestationBody.codec(), opts)
  }
}

export interface Attestation {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace Attestation {
  let _codec: Codec<Attestation>

  export const codec = (): Codec<Attestation> => {
    if (_codec == null) {
      _codec = message<Attestation>((obj, w, opts = {}) => {
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

  export interface AttestationBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestationSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Attestation>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Attestation.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Attestation>): Attestation {
    return decodeMessage(buf, Attestation.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Attestation>): Generator<AttestationBodyFieldEvent | AttestationSignatureFieldEvent> {
    return streamMessage(buf, Attestation.codec(), opts)
  }
}

export interface SyncRequest {
  since: bigint
  limit: number
}

export namespace SyncRequest {
  let _codec: Codec<SyncRequest>

  export const codec = (): Codec<SyncRequest> => {
    if (_codec == null) {
      _codec = message<SyncRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.since != null && obj.since !== 0n)) {
          w.uint32(8)
          writeUint64(w, obj.since)
        }

        if ((obj.limit != null && obj.limit !== 0)) {
          w.uint32(16)
          w.uint32(obj.limit)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          since: 0n,
          limit: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.since = readUint64(reader)
              break
            }
            case 2: {
              obj.limit = reader.uint32()
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
                field: `${prefix}.since`,
                value: readUint64(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.limit`,
                value: reader.uint32()
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

  export interface SyncRequestSinceFieldEvent {
    field: '$.since'
    value: bigint
  }

  export interface SyncRequestLimitFieldEvent {
    field: '$.limit'
    value: number
  }

  export function encode (obj: Partial<SyncRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SyncRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncRequest>): SyncRequest {
    return decodeMessage(buf, SyncRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncRequest>): Generator<SyncRequestSinceFieldEvent | SyncRequestLimitFieldEvent> {
    return streamMessage(buf, SyncRequest.codec(), opts)
  }
}

export interface SyncResponse {
  attestations: Uint8Array<ArrayBuffer>[]
  more: boolean
}

export namespace SyncResponse {
  let _codec: Codec<SyncResponse>

  export const codec = (): Codec<SyncResponse> => {
    if (_codec == null) {
      _codec = message<SyncResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.attestations != null && obj.attestations.length > 0) {
          for (const value of obj.attestations) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if ((obj.more != null && obj.more !== false)) {
          w.uint32(16)
          w.bool(obj.more)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          attestations: [],
          more: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.attestations != null && obj.attestations.length === opts.limits.attestations) {
                throw new MaxLengthError('Decode error - repeated field "attestations" had too many elements')
              }

              obj.attestations.push(reader.bytes())
              break
            }
            case 2: {
              obj.more = reader.bool()
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
        const obj = {
          attestations: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.attestations != null && obj.attestations === opts.limits.attestations) {
                throw new MaxLengthError('Streaming decode error - repeated field "attestations" had too many elements')
              }

              yield {
                field: `${prefix}.attestations[]`,
                index: obj.attestations,
                value: reader.bytes()
              }

              obj.attestations++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.more`,
                value: reader.bool()
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

  export interface SyncResponseAttestationsFieldEvent {
    field: '$.attestations[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SyncResponseMoreFieldEvent {
    field: '$.more'
    value: boolean
  }

  export function encode (obj: Partial<SyncResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SyncResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncResponse>): SyncResponse {
    return decodeMessage(buf, SyncResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncResponse>): Generator<SyncResponseAttestationsFieldEvent | SyncResponseMoreFieldEvent> {
    return streamMessage(buf, SyncResponse.codec(), opts)
  }
}
