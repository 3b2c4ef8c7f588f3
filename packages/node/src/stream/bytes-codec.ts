import type { FrameCodec } from './frame-stream.js'

/** Frames carried as raw bytes, for messages verified exactly as received. */
export const bytesCodec: FrameCodec<Uint8Array> = {
  encode: (frame) => frame,
  decode: (bytes) => bytes,
}
