import { readUint64, writeUint64 } from './uint64.js'
import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface ChannelOpenBody {
  version: number
  chainId: bigint
  contract: Uint8Array<ArrayBuffer>
  payerKey: Uint8Array<ArrayBuffer>
  payeeKey: Uint8Array<ArrayBuffer>
  payerAddress: Uint8Array<ArrayBuffer>
  payeeAddress: Uint8Array<ArrayBuffer>
  token: Uint8Array<ArrayBuffer>
  capacity: bigint
  expiry: bigint
  nonce: bigint
  channelId: Uint8Array<ArrayBuffer>
  disputeWindow: number
  issuedAt: bigint
}

export namespace ChannelOpenBody {
  let _codec: Codec<ChannelOpenBody>

  export const codec = (): Codec<ChannelOpenBody> => {
    if (_codec == null) {
      _codec = message<ChannelOpenBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.chainId != null && obj.chainId !== 0n)) {
          w.uint32(16)
          writeUint64(w, obj.chainId)
        }

        if ((obj.contract != null && obj.contract.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.contract)
        }

        if ((obj.payerKey != null && obj.payerKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.payerKey)
        }

        if ((obj.payeeKey != null && obj.payeeKey.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.payeeKey)
        }

        if ((obj.payerAddress != null && obj.payerAddress.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.payerAddress)
        }

        if ((obj.payeeAddress != null && obj.payeeAddress.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.payeeAddress)
        }

        if ((obj.token != null && obj.token.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.token)
        }

        if ((obj.capacity != null && obj.capacity !== 0n)) {
          w.uint32(72)
          writeUint64(w, obj.capacity)
        }

        if ((obj.expiry != null && obj.expiry !== 0n)) {
          w.uint32(80)
          writeUint64(w, obj.expiry)
        }

        if ((obj.nonce != null && obj.nonce !== 0n)) {
          w.uint32(88)
          writeUint64(w, obj.nonce)
        }

        if ((obj.channelId != null && obj.channelId.byteLength > 0)) {
          w.uint32(98)
          w.bytes(obj.channelId)
        }

        if ((obj.disputeWindow != null && obj.disputeWindow !== 0)) {
          w.uint32(104)
          w.uint32(obj.disputeWindow)
        }

        if ((obj.issuedAt != null && obj.issuedAt !== 0n)) {
          w.uint32(112)
          writeUint64(w, obj.issuedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          chainId: 0n,
          contract: uint8ArrayAlloc(0),
          payerKey: uint8ArrayAlloc(0),
          payeeKey: uint8ArrayAlloc(0),
          payerAddress: uint8ArrayAlloc(0),
          payeeAddress: uint8ArrayAlloc(0),
          token: uint8ArrayAlloc(0),
          capacity: 0n,
          expiry: 0n,
          nonce: 0n,
          channelId: uint8ArrayAlloc(0),
          disputeWindow: 0,
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
              obj.chainId = readUint64(reader)
              break
            }
            case 3: {
              obj.contract = reader.bytes()
              break
            }
            case 4: {
              obj.payerKey = reader.bytes()
              break
            }
            case 5: {
              obj.payeeKey = reader.bytes()
              break
            }
            case 6: {
              obj.payerAddress = reader.bytes()
              break
            }
            case 7: {
              obj.payeeAddress = reader.bytes()
              break
            }
            case 8: {
              obj.token = reader.bytes()
              break
            }
            case 9: {
              obj.capacity = readUint64(reader)
              break
            }
            case 10: {
              obj.expiry = readUint64(reader)
              break
            }
            case 11: {
              obj.nonce = readUint64(reader)
              break
            }
            case 12: {
              obj.channelId = reader.bytes()
              break
            }
            case 13: {
              obj.disputeWindow = reader.uint32()
              break
            }
            case 14: {
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
                field: `${prefix}.chainId`,
                value: readUint64(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.contract`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.payerKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.payeeKey`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.payerAddress`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.payeeAddress`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.token`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.capacity`,
                value: readUint64(reader)
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.expiry`,
                value: readUint64(reader)
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.nonce`,
                value: readUint64(reader)
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.channelId`,
                value: reader.bytes()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.disputeWindow`,
                value: reader.uint32()
              }
              break
            }
            case 14: {
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

  export interface ChannelOpenBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface ChannelOpenBodyChainIdFieldEvent {
    field: '$.chainId'
    value: bigint
  }

  export interface ChannelOpenBodyContractFieldEvent {
    field: '$.contract'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelOpenBodyPayerKeyFieldEvent {
    field: '$.payerKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelOpenBodyPayeeKeyFieldEvent {
    field: '$.payeeKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelOpenBodyPayerAddressFieldEvent {
    field: '$.payerAddress'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelOpenBodyPayeeAddressFieldEvent {
    field: '$.payeeAddress'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelOpenBodyTokenFieldEvent {
    field: '$.token'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelOpenBodyCapacityFieldEvent {
    field: '$.capacity'
    value: bigint
  }

  export interface ChannelOpenBodyExpiryFieldEvent {
    field: '$.expiry'
    value: bigint
  }

  export interface ChannelOpenBodyNonceFieldEvent {
    field: '$.nonce'
    value: bigint
  }

  export interface ChannelOpenBodyChannelIdFieldEvent {
    field: '$.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelOpenBodyDisputeWindowFieldEvent {
    field: '$.disputeWindow'
    value: number
  }

  export interface ChannelOpenBodyIssuedAtFieldEvent {
    field: '$.issuedAt'
    value: bigint
  }

  export function encode (obj: Partial<ChannelOpenBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChannelOpenBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelOpenBody>): ChannelOpenBody {
    return decodeMessage(buf, ChannelOpenBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelOpenBody>): Generator<ChannelOpenBodyVersionFieldEvent | ChannelOpenBodyChainIdFieldEvent | ChannelOpenBodyContractFieldEvent | ChannelOpenBodyPayerKeyFieldEvent | ChannelOpenBodyPayeeKeyFieldEvent | ChannelOpenBodyPayerAddressFieldEvent | ChannelOpenBodyPayeeAddressFieldEvent | ChannelOpenBodyTokenFieldEvent | ChannelOpenBodyCapacityFieldEvent | ChannelOpenBodyExpiryFieldEvent | ChannelOpenBodyNonceFieldEvent | ChannelOpenBodyChannelIdFieldEvent | ChannelOpenBodyDisputeWindowFieldEvent | ChannelOpenBodyIssuedAtFieldEvent> {
    return streamMessage(buf, ChannelOpenBody.codec(), opts)
  }
}

export interface ChannelOpen {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace ChannelOpen {
  let _codec: Codec<ChannelOpen>

  export const codec = (): Codec<ChannelOpen> => {
    if (_codec == null) {
      _codec = message<ChannelOpen>((obj, w, opts = {}) => {
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

  export interface ChannelOpenBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelOpenSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ChannelOpen>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChannelOpen.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelOpen>): ChannelOpen {
    return decodeMessage(buf, ChannelOpen.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelOpen>): Generator<ChannelOpenBodyFieldEvent | ChannelOpenSignatureFieldEvent> {
    return streamMessage(buf, ChannelOpen.codec(), opts)
  }
}

export interface Lock {
  hash: Uint8Array<ArrayBuffer>
  amount: bigint
  expiry: bigint
  jobId: Uint8Array<ArrayBuffer>
}

export namespace Lock {
  let _codec: Codec<Lock>

  export const codec = (): Codec<Lock> => {
    if (_codec == null) {
      _codec = message<Lock>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.hash != null && obj.hash.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.hash)
        }

        if ((obj.amount != null && obj.amount !== 0n)) {
          w.uint32(16)
          writeUint64(w, obj.amount)
        }

        if ((obj.expiry != null && obj.expiry !== 0n)) {
          w.uint32(24)
          writeUint64(w, obj.expiry)
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.jobId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          hash: uint8ArrayAlloc(0),
          amount: 0n,
          expiry: 0n,
          jobId: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.hash = reader.bytes()
              break
            }
            case 2: {
              obj.amount = readUint64(reader)
              break
            }
            case 3: {
              obj.expiry = readUint64(reader)
              break
            }
            case 4: {
              obj.jobId = reader.bytes()
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
                field: `${prefix}.hash`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.amount`,
                value: readUint64(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.expiry`,
                value: readUint64(reader)
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

  export interface LockHashFieldEvent {
    field: '$.hash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LockAmountFieldEvent {
    field: '$.amount'
    value: bigint
  }

  export interface LockExpiryFieldEvent {
    field: '$.expiry'
    value: bigint
  }

  export interface LockJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Lock>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Lock.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Lock>): Lock {
    return decodeMessage(buf, Lock.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Lock>): Generator<LockHashFieldEvent | LockAmountFieldEvent | LockExpiryFieldEvent | LockJobIdFieldEvent> {
    return streamMessage(buf, Lock.codec(), opts)
  }
}

export interface ChannelUpdate {
  version: number
  channelId: Uint8Array<ArrayBuffer>
  sequence: bigint
  previousStateHash: Uint8Array<ArrayBuffer>
  cumulativePaid: bigint
  lockedTotal: bigint
  locksRoot: Uint8Array<ArrayBuffer>
  jobId: Uint8Array<ArrayBuffer>
  locks: Lock[]
  signature: Uint8Array<ArrayBuffer>
}

export namespace ChannelUpdate {
  let _codec: Codec<ChannelUpdate>

  export const codec = (): Codec<ChannelUpdate> => {
    if (_codec == null) {
      _codec = message<ChannelUpdate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.channelId != null && obj.channelId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.channelId)
        }

        if ((obj.sequence != null && obj.sequence !== 0n)) {
          w.uint32(24)
          writeUint64(w, obj.sequence)
        }

        if ((obj.previousStateHash != null && obj.previousStateHash.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.previousStateHash)
        }

        if ((obj.cumulativePaid != null && obj.cumulativePaid !== 0n)) {
          w.uint32(40)
          writeUint64(w, obj.cumulativePaid)
        }

        if ((obj.lockedTotal != null && obj.lockedTotal !== 0n)) {
          w.uint32(48)
          writeUint64(w, obj.lockedTotal)
        }

        if ((obj.locksRoot != null && obj.locksRoot.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.locksRoot)
        }

        if ((obj.jobId != null && obj.jobId.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.jobId)
        }

        if (obj.locks != null && obj.locks.length > 0) {
          for (const value of obj.locks) {
            w.uint32(74)
            Lock.codec().encode(value, w)
          }
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(82)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          channelId: uint8ArrayAlloc(0),
          sequence: 0n,
          previousStateHash: uint8ArrayAlloc(0),
          cumulativePaid: 0n,
          lockedTotal: 0n,
          locksRoot: uint8ArrayAlloc(0),
          jobId: uint8ArrayAlloc(0),
          locks: [],
          signature: uint8ArrayAlloc(0)
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
              obj.channelId = reader.bytes()
              break
            }
            case 3: {
              obj.sequence = readUint64(reader)
              break
            }
            case 4: {
              obj.previousStateHash = reader.bytes()
              break
            }
            case 5: {
              obj.cumulativePaid = readUint64(reader)
              break
            }
            case 6: {
              obj.lockedTotal = readUint64(reader)
              break
            }
            case 7: {
              obj.locksRoot = reader.bytes()
              break
            }
            case 8: {
              obj.jobId = reader.bytes()
              break
            }
            case 9: {
              if (opts.limits?.locks != null && obj.locks.length === opts.limits.locks) {
                throw new MaxLengthError('Decode error - repeated field "locks" had too many elements')
              }

              obj.locks.push(Lock.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.locks$
              }))
              break
            }
            case 10: {
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
        const obj = {
          locks: 0
        }

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
                field: `${prefix}.previousStateHash`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.cumulativePaid`,
                value: readUint64(reader)
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.lockedTotal`,
                value: readUint64(reader)
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.locksRoot`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              if (opts.limits?.locks != null && obj.locks === opts.limits.locks) {
                throw new MaxLengthError('Streaming decode error - repeated field "locks" had too many elements')
              }

              for (const evt of Lock.codec().stream(reader, reader.uint32(), `${prefix}.locks[]`, {
                limits: opts.limits?.locks$
              })) {
                yield {
                  ...evt,
                  index: obj.locks
                }
              }

              obj.locks++

              break
            }
            case 10: {
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

  export interface ChannelUpdateVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface ChannelUpdateChannelIdFieldEvent {
    field: '$.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelUpdateSequenceFieldEvent {
    field: '$.sequence'
    value: bigint
  }

  export interface ChannelUpdatePreviousStateHashFieldEvent {
    field: '$.previousStateHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelUpdateCumulativePaidFieldEvent {
    field: '$.cumulativePaid'
    value: bigint
  }

  export interface ChannelUpdateLockedTotalFieldEvent {
    field: '$.lockedTotal'
    value: bigint
  }

  export interface ChannelUpdateLocksRootFieldEvent {
    field: '$.locksRoot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelUpdateJobIdFieldEvent {
    field: '$.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelUpdateLocksHashFieldEvent {
    field: '$.locks[].hash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChannelUpdateLocksAmountFieldEvent {
    field: '$.locks[].amount'
    value: bigint
    index: number
  }

  export interface ChannelUpdateLocksExpiryFieldEvent {
    field: '$.locks[].expiry'
    value: bigint
    index: number
  }

  export interface ChannelUpdateLocksJobIdFieldEvent {
    field: '$.locks[].jobId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChannelUpdateSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ChannelUpdate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChannelUpdate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelUpdate>): ChannelUpdate {
    return decodeMessage(buf, ChannelUpdate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelUpdate>): Generator<ChannelUpdateVersionFieldEvent | ChannelUpdateChannelIdFieldEvent | ChannelUpdateSequenceFieldEvent | ChannelUpdatePreviousStateHashFieldEvent | ChannelUpdateCumulativePaidFieldEvent | ChannelUpdateLockedTotalFieldEvent | ChannelUpdateLocksRootFieldEvent | ChannelUpdateJobIdFieldEvent | ChannelUpdateLocksHashFieldEvent | ChannelUpdateLocksAmountFieldEvent | ChannelUpdateLocksExpiryFieldEvent | ChannelUpdateLocksJobIdFieldEvent | ChannelUpdateSignatureFieldEvent> {
    return streamMessage(buf, ChannelUpdate.codec(), opts)
  }
}

export interface ChannelAck {
  channelId: Uint8Array<ArrayBuffer>
  sequence: bigint
  stateHash: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace ChannelAck {
  let _codec: Codec<ChannelAck>

  export const codec = (): Codec<ChannelAck> => {
    if (_codec == null) {
      _codec = message<ChannelAck>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.channelId != null && obj.channelId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.channelId)
        }

        if ((obj.sequence != null && obj.sequence !== 0n)) {
          w.uint32(16)
          writeUint64(w, obj.sequence)
        }

        if ((obj.stateHash != null && obj.stateHash.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.stateHash)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          channelId: uint8ArrayAlloc(0),
          sequence: 0n,
          stateHash: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.channelId = reader.bytes()
              break
            }
            case 2: {
              obj.sequence = readUint64(reader)
              break
            }
            case 3: {
              obj.stateHash = reader.bytes()
              break
            }
            case 4: {
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
                field: `${prefix}.channelId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.sequence`,
                value: readUint64(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.stateHash`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
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

  export interface ChannelAckChannelIdFieldEvent {
    field: '$.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelAckSequenceFieldEvent {
    field: '$.sequence'
    value: bigint
  }

  export interface ChannelAckStateHashFieldEvent {
    field: '$.stateHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelAckSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ChannelAck>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChannelAck.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelAck>): ChannelAck {
    return decodeMessage(buf, ChannelAck.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelAck>): Generator<ChannelAckChannelIdFieldEvent | ChannelAckSequenceFieldEvent | ChannelAckStateHashFieldEvent | ChannelAckSignatureFieldEvent> {
    return streamMessage(buf, ChannelAck.codec(), opts)
  }
}

export interface ChannelReestablish {
  channelId: Uint8Array<ArrayBuffer>
  lastSequence: bigint
  lastStateHash: Uint8Array<ArrayBuffer>
}

export namespace ChannelReestablish {
  let _codec: Codec<ChannelReestablish>

  export const codec = (): Codec<ChannelReestablish> => {
    if (_codec == null) {
      _codec = message<ChannelReestablish>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.channelId != null && obj.channelId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.channelId)
        }

        if ((obj.lastSequence != null && obj.lastSequence !== 0n)) {
          w.uint32(16)
          writeUint64(w, obj.lastSequence)
        }

        if ((obj.lastStateHash != null && obj.lastStateHash.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.lastStateHash)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          channelId: uint8ArrayAlloc(0),
          lastSequence: 0n,
          lastStateHash: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.channelId = reader.bytes()
              break
            }
            case 2: {
              obj.lastSequence = readUint64(reader)
              break
            }
            case 3: {
              obj.lastStateHash = reader.bytes()
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
                field: `${prefix}.channelId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.lastSequence`,
                value: readUint64(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.lastStateHash`,
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

  export interface ChannelReestablishChannelIdFieldEvent {
    field: '$.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelReestablishLastSequenceFieldEvent {
    field: '$.lastSequence'
    value: bigint
  }

  export interface ChannelReestablishLastStateHashFieldEvent {
    field: '$.lastStateHash'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ChannelReestablish>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChannelReestablish.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelReestablish>): ChannelReestablish {
    return decodeMessage(buf, ChannelReestablish.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelReestablish>): Generator<ChannelReestablishChannelIdFieldEvent | ChannelReestablishLastSequenceFieldEvent | ChannelReestablishLastStateHashFieldEvent> {
    return streamMessage(buf, ChannelReestablish.codec(), opts)
  }
}

export interface ChannelClose {
  channelId: Uint8Array<ArrayBuffer>
  sequence: bigint
  payeeAmount: bigint
  payerSignature: Uint8Array<ArrayBuffer>
  payeeSignature: Uint8Array<ArrayBuffer>
}

export namespace ChannelClose {
  let _codec: Codec<ChannelClose>

  export const codec = (): Codec<ChannelClose> => {
    if (_codec == null) {
      _codec = message<ChannelClose>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.channelId != null && obj.channelId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.channelId)
        }

        if ((obj.sequence != null && obj.sequence !== 0n)) {
          w.uint32(16)
          writeUint64(w, obj.sequence)
        }

        if ((obj.payeeAmount != null && obj.payeeAmount !== 0n)) {
          w.uint32(24)
          writeUint64(w, obj.payeeAmount)
        }

        if ((obj.payerSignature != null && obj.payerSignature.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.payerSignature)
        }

        if ((obj.payeeSignature != null && obj.payeeSignature.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.payeeSignature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          channelId: uint8ArrayAlloc(0),
          sequence: 0n,
          payeeAmount: 0n,
          payerSignature: uint8ArrayAlloc(0),
          payeeSignature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.channelId = reader.bytes()
              break
            }
            case 2: {
              obj.sequence = readUint64(reader)
              break
            }
            case 3: {
              obj.payeeAmount = readUint64(reader)
              break
            }
            case 4: {
              obj.payerSignature = reader.bytes()
              break
            }
            case 5: {
              obj.payeeSignature = reader.bytes()
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
                field: `${prefix}.channelId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.sequence`,
                value: readUint64(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.payeeAmount`,
                value: readUint64(reader)
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.payerSignature`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.payeeSignature`,
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

  export interface ChannelCloseChannelIdFieldEvent {
    field: '$.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelCloseSequenceFieldEvent {
    field: '$.sequence'
    value: bigint
  }

  export interface ChannelClosePayeeAmountFieldEvent {
    field: '$.payeeAmount'
    value: bigint
  }

  export interface ChannelClosePayerSignatureFieldEvent {
    field: '$.payerSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelClosePayeeSignatureFieldEvent {
    field: '$.payeeSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ChannelClose>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChannelClose.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelClose>): ChannelClose {
    return decodeMessage(buf, ChannelClose.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelClose>): Generator<ChannelCloseChannelIdFieldEvent | ChannelCloseSequenceFieldEvent | ChannelClosePayeeAmountFieldEvent | ChannelClosePayerSignatureFieldEvent | ChannelClosePayeeSignatureFieldEvent> {
    return streamMessage(buf, ChannelClose.codec(), opts)
  }
}

export interface ChannelError {
  channelId: Uint8Array<ArrayBuffer>
  code: number
  message: string
  sequence: bigint
}

export namespace ChannelError {
  let _codec: Codec<ChannelError>

  export const codec = (): Codec<ChannelError> => {
    if (_codec == null) {
      _codec = message<ChannelError>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.channelId != null && obj.channelId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.channelId)
        }

        if ((obj.code != null && obj.code !== 0)) {
          w.uint32(16)
          w.uint32(obj.code)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(26)
          w.string(obj.message)
        }

        if ((obj.sequence != null && obj.sequence !== 0n)) {
          w.uint32(32)
          writeUint64(w, obj.sequence)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          channelId: uint8ArrayAlloc(0),
          code: 0,
          message: '',
          sequence: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.channelId = reader.bytes()
              break
            }
            case 2: {
              obj.code = reader.uint32()
              break
            }
            case 3: {
              obj.message = reader.string()
              break
            }
            case 4: {
              obj.sequence = readUint64(reader)
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
                field: `${prefix}.channelId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.code`,
                value: reader.uint32()
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
            case 4: {
              yield {
                field: `${prefix}.sequence`,
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

  export interface ChannelErrorChannelIdFieldEvent {
    field: '$.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChannelErrorCodeFieldEvent {
    field: '$.code'
    value: number
  }

  export interface ChannelErrorMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface ChannelErrorSequenceFieldEvent {
    field: '$.sequence'
    value: bigint
  }

  export function encode (obj: Partial<ChannelError>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChannelError.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelError>): ChannelError {
    return decodeMessage(buf, ChannelError.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChannelError>): Generator<ChannelErrorChannelIdFieldEvent | ChannelErrorCodeFieldEvent | ChannelErrorMessageFieldEvent | ChannelErrorSequenceFieldEvent> {
    return streamMessage(buf, ChannelError.codec(), opts)
  }
}

export interface PayFrame {
  open?: ChannelOpen
  update?: ChannelUpdate
  ack?: ChannelAck
  reestablish?: ChannelReestablish
  close?: ChannelClose
  error?: ChannelError
}

export namespace PayFrame {
  let _codec: Codec<PayFrame>

  export const codec = (): Codec<PayFrame> => {
    if (_codec == null) {
      _codec = message<PayFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.error != null) {
          obj.close = undefined
          obj.reestablish = undefined
          obj.ack = undefined
          obj.update = undefined
          obj.open = undefined
        }

        if (obj.close != null) {
          obj.error = undefined
          obj.reestablish = undefined
          obj.ack = undefined
          obj.update = undefined
          obj.open = undefined
        }

        if (obj.reestablish != null) {
          obj.error = undefined
          obj.close = undefined
          obj.ack = undefined
          obj.update = undefined
          obj.open = undefined
        }

        if (obj.ack != null) {
          obj.error = undefined
          obj.close = undefined
          obj.reestablish = undefined
          obj.update = undefined
          obj.open = undefined
        }

        if (obj.update != null) {
          obj.error = undefined
          obj.close = undefined
          obj.reestablish = undefined
          obj.ack = undefined
          obj.open = undefined
        }

        if (obj.open != null) {
          obj.error = undefined
          obj.close = undefined
          obj.reestablish = undefined
          obj.ack = undefined
          obj.update = undefined
        }

        if (obj.open != null) {
          w.uint32(10)
          ChannelOpen.codec().encode(obj.open, w)
        }

        if (obj.update != null) {
          w.uint32(18)
          ChannelUpdate.codec().encode(obj.update, w)
        }

        if (obj.ack != null) {
          w.uint32(26)
          ChannelAck.codec().encode(obj.ack, w)
        }

        if (obj.reestablish != null) {
          w.uint32(34)
          ChannelReestablish.codec().encode(obj.reestablish, w)
        }

        if (obj.close != null) {
          w.uint32(42)
          ChannelClose.codec().encode(obj.close, w)
        }

        if (obj.error != null) {
          w.uint32(50)
          ChannelError.codec().encode(obj.error, w)
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
              obj.open = ChannelOpen.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.open
              })
              break
            }
            case 2: {
              obj.update = ChannelUpdate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.update
              })
              break
            }
            case 3: {
              obj.ack = ChannelAck.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ack
              })
              break
            }
            case 4: {
              obj.reestablish = ChannelReestablish.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.reestablish
              })
              break
            }
            case 5: {
              obj.close = ChannelClose.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.close
              })
              break
            }
            case 6: {
              obj.error = ChannelError.codec().decode(reader, reader.uint32(), {
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
          delete obj.close
          delete obj.reestablish
          delete obj.ack
          delete obj.update
          delete obj.open
        }

        if (obj.close != null) {
          delete obj.error
          delete obj.reestablish
          delete obj.ack
          delete obj.update
          delete obj.open
        }

        if (obj.reestablish != null) {
          delete obj.error
          delete obj.close
          delete obj.ack
          delete obj.update
          delete obj.open
        }

        if (obj.ack != null) {
          delete obj.error
          delete obj.close
          delete obj.reestablish
          delete obj.update
          delete obj.open
        }

        if (obj.update != null) {
          delete obj.error
          delete obj.close
          delete obj.reestablish
          delete obj.ack
          delete obj.open
        }

        if (obj.open != null) {
          delete obj.error
          delete obj.close
          delete obj.reestablish
          delete obj.ack
          delete obj.update
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * ChannelOpen.codec().stream(reader, reader.uint32(), `${prefix}.open`, {
                limits: opts.limits?.open
              })

              break
            }
            case 2: {
              yield * ChannelUpdate.codec().stream(reader, reader.uint32(), `${prefix}.update`, {
                limits: opts.limits?.update
              })

              break
            }
            case 3: {
              yield * ChannelAck.codec().stream(reader, reader.uint32(), `${prefix}.ack`, {
                limits: opts.limits?.ack
              })

              break
            }
            case 4: {
              yield * ChannelReestablish.codec().stream(reader, reader.uint32(), `${prefix}.reestablish`, {
                limits: opts.limits?.reestablish
              })

              break
            }
            case 5: {
              yield * ChannelClose.codec().stream(reader, reader.uint32(), `${prefix}.close`, {
                limits: opts.limits?.close
              })

              break
            }
            case 6: {
              yield * ChannelError.codec().stream(reader, reader.uint32(), `${prefix}.error`, {
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

  export interface PayFrameOpenBodyFieldEvent {
    field: '$.open.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameOpenSignatureFieldEvent {
    field: '$.open.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameUpdateVersionFieldEvent {
    field: '$.update.version'
    value: number
  }

  export interface PayFrameUpdateChannelIdFieldEvent {
    field: '$.update.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameUpdateSequenceFieldEvent {
    field: '$.update.sequence'
    value: bigint
  }

  export interface PayFrameUpdatePreviousStateHashFieldEvent {
    field: '$.update.previousStateHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameUpdateCumulativePaidFieldEvent {
    field: '$.update.cumulativePaid'
    value: bigint
  }

  export interface PayFrameUpdateLockedTotalFieldEvent {
    field: '$.update.lockedTotal'
    value: bigint
  }

  export interface PayFrameUpdateLocksRootFieldEvent {
    field: '$.update.locksRoot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameUpdateJobIdFieldEvent {
    field: '$.update.jobId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameUpdateLocksHashFieldEvent {
    field: '$.update.locks[].hash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PayFrameUpdateLocksAmountFieldEvent {
    field: '$.update.locks[].amount'
    value: bigint
    index: number
  }

  export interface PayFrameUpdateLocksExpiryFieldEvent {
    field: '$.update.locks[].expiry'
    value: bigint
    index: number
  }

  export interface PayFrameUpdateLocksJobIdFieldEvent {
    field: '$.update.locks[].jobId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PayFrameUpdateSignatureFieldEvent {
    field: '$.update.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameAckChannelIdFieldEvent {
    field: '$.ack.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameAckSequenceFieldEvent {
    field: '$.ack.sequence'
    value: bigint
  }

  export interface PayFrameAckStateHashFieldEvent {
    field: '$.ack.stateHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameAckSignatureFieldEvent {
    field: '$.ack.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameReestablishChannelIdFieldEvent {
    field: '$.reestablish.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameReestablishLastSequenceFieldEvent {
    field: '$.reestablish.lastSequence'
    value: bigint
  }

  export interface PayFrameReestablishLastStateHashFieldEvent {
    field: '$.reestablish.lastStateHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameCloseChannelIdFieldEvent {
    field: '$.close.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameCloseSequenceFieldEvent {
    field: '$.close.sequence'
    value: bigint
  }

  export interface PayFrameClosePayeeAmountFieldEvent {
    field: '$.close.payeeAmount'
    value: bigint
  }

  export interface PayFrameClosePayerSignatureFieldEvent {
    field: '$.close.payerSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameClosePayeeSignatureFieldEvent {
    field: '$.close.payeeSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameErrorChannelIdFieldEvent {
    field: '$.error.channelId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PayFrameErrorCodeFieldEvent {
    field: '$.error.code'
    value: number
  }

  export interface PayFrameErrorMessageFieldEvent {
    field: '$.error.message'
    value: string
  }

  export interface PayFrameErrorSequenceFieldEvent {
    field: '$.error.sequence'
    value: bigint
  }

  export function encode (obj: Partial<PayFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PayFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PayFrame>): PayFrame {
    return decodeMessage(buf, PayFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PayFrame>): Generator<PayFrameOpenBodyFieldEvent | PayFrameOpenSignatureFieldEvent | PayFrameUpdateVersionFieldEvent | PayFrameUpdateChannelIdFieldEvent | PayFrameUpdateSequenceFieldEvent | PayFrameUpdatePreviousStateHashFieldEvent | PayFrameUpdateCumulativePaidFieldEvent | PayFrameUpdateLockedTotalFieldEvent | PayFrameUpdateLocksRootFieldEvent | PayFrameUpdateJobIdFieldEvent | PayFrameUpdateLocksHashFieldEvent | PayFrameUpdateLocksAmountFieldEvent | PayFrameUpdateLocksExpiryFieldEvent | PayFrameUpdateLocksJobIdFieldEvent | PayFrameUpdateSignatureFieldEvent | PayFrameAckChannelIdFieldEvent | PayFrameAckSequenceFieldEvent | PayFrameAckStateHashFieldEvent | PayFrameAckSignatureFieldEvent | PayFrameReestablishChannelIdFieldEvent | PayFrameReestablishLastSequenceFieldEvent | PayFrameReestablishLastStateHashFieldEvent | PayFrameCloseChannelIdFieldEvent | PayFrameCloseSequenceFieldEvent | PayFrameClosePayeeAmountFieldEvent | PayFrameClosePayerSignatureFieldEvent | PayFrameClosePayeeSignatureFieldEvent | PayFrameErrorChannelIdFieldEvent | PayFrameErrorCodeFieldEvent | PayFrameErrorMessageFieldEvent | PayFrameErrorSequenceFieldEvent> {
    return streamMessage(buf, PayFrame.codec(), opts)
  }
}
