// Reads a response body under a byte cap, decoding gzip, deflate and brotli on the way, with the cap applied
// to the decoded bytes: a small compressed body that inflates past the cap (a decompression bomb) fails as
// soon as the cap is crossed, without ever holding more than the cap in memory.
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(
    readonly limit: number,
    readonly decoded: boolean,
  ) {
    super(`body exceeds ${limit} bytes${decoded ? ' once decompressed' : ''}`);
  }
}

export class BodyDecodingError extends Error {
  override name = 'BodyDecodingError';
}

/** The decoders for a Content-Encoding header, in the order to apply them; unknown codings are left alone. */
export function decodersFor(contentEncoding: string | undefined): Array<'gzip' | 'deflate' | 'br'> {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  const decoders: Array<'gzip' | 'deflate' | 'br'> = [];
  for (const c of codings.reverse()) {
    if (c === 'gzip' || c === 'x-gzip') decoders.push('gzip');
    else if (c === 'deflate') decoders.push('deflate');
    else if (c === 'br') decoders.push('br');
    // An unknown coding: we cannot decode it, and a wrong label ("utf-8") is common; hand back the bytes.
    else return [];
  }
  return decoders;
}

function decoder(kind: 'gzip' | 'deflate' | 'br'): Transform {
  // Lenient flushes: many servers end gzip/deflate streams without a clean trailer; browsers accept that.
  if (kind === 'gzip') return zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  if (kind === 'br') return zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  return new DeflateAutodetect();
}

/** "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: look at the first two bytes. */
class DeflateAutodetect extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | undefined;
  private pending = Buffer.alloc(0);

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    if (!this.inner) {
      this.pending = Buffer.concat([this.pending, chunk]);
      if (this.pending.length < 2) return done();
      const [b0, b1] = this.pending;
      const zlibHeader = (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
      const opts = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
      this.inner = zlibHeader ? zlib.createInflate(opts) : zlib.createInflateRaw(opts);
      this.inner.on('data', (d: Buffer) => this.push(d));
      this.inner.on('error', (e) => this.destroy(e));
      chunk = this.pending;
    }
    if (this.inner.write(chunk)) done();
    else this.inner.once('drain', () => done());
  }

  override _flush(done: (err?: Error | null) => void): void {
    if (!this.inner) return done();
    this.inner.once('end', () => done());
    this.inner.end();
  }
}

/** Ends the pipeline when a body is cut at its cap ('cut' mode): what came before the cap is the body. */
class BodyCutSignal extends Error {
  override name = 'BodyCutSignal';
}

/** What to do with a body over the cap: fail (feeds, where half a document is worse than none) or keep its head (pages). */
export type Oversize = 'fail' | 'cut';

/**
 * Counts bytes through a stream, failing past `limit`; in 'cut' mode it keeps the bytes up to the cap and stops.
 * The last stage keeps the body itself (`keep`): bytes still in flight between stages when a cut ends the pipeline
 * would otherwise be lost.
 */
function capped(limit: number, decoded: boolean, oversize: Oversize, keep?: (chunk: Buffer) => void): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const before = seen;
      seen += chunk.length;
      if (seen <= limit) {
        keep?.(chunk);
        return done(null, keep ? undefined : chunk);
      }
      if (oversize === 'fail') return done(new BodyTooLargeError(limit, decoded));
      if (limit > before) keep?.(chunk.subarray(0, limit - before));
      done(new BodyCutSignal());
    },
  });
}

/**
 * Reads `body` fully: the decoded bytes are capped at `limit`, and compressed bytes at `rawLimit`.
 * Rejects with BodyTooLargeError, BodyDecodingError, or the stream's own error (timeout, reset...).
 */
export async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  limit: number,
  rawLimit: number,
  signal?: AbortSignal,
  oversize: Oversize = 'fail',
): Promise<{ body: Buffer; decoded: boolean; truncated: boolean }> {
  const decoders = decodersFor(contentEncoding);
  const chunks: Buffer[] = [];
  const keep = (chunk: Buffer) => chunks.push(chunk);
  const collect = new Writable({
    write(_chunk: Buffer, _enc, done) {
      done();
    },
  });
  // Which error came from a decoder (corrupt data) rather than from the connection or a cap.
  let decodeError: Error | undefined;
  const decoding = decoders.map((kind) => decoder(kind).once('error', (e: Error) => (decodeError ??= e)));
  // Without decoding, the raw bytes are the body: the body's own cap applies to them.
  const stages =
    decoders.length > 0
      ? [capped(rawLimit, false, oversize), ...decoding, capped(limit, true, oversize, keep), collect]
      : [capped(limit, false, oversize, keep), collect];
  try {
    await pipeline([body, ...stages], signal ? { signal } : {});
  } catch (err) {
    if (err instanceof BodyCutSignal) {
      // The stages are torn down at once (the download stops); the bytes the last stage kept are the body.
      return { body: Buffer.concat(chunks), decoded: decoders.length > 0, truncated: true };
    }
    if (err instanceof BodyTooLargeError) throw err;
    if (decodeError && err === decodeError) throw new BodyDecodingError(`cannot decode ${contentEncoding} body: ${decodeError.message}`);
    throw err;
  }
  return { body: Buffer.concat(chunks), decoded: decoders.length > 0, truncated: false };
}
