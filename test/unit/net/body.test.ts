// Body reading and decoding over in-memory streams.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BodyDecodingError, BodyTooLargeError, decodersFor, readBody } from '../../../src/net/body.js';

const stream = (data: Buffer, chunk = 1000) => Readable.from((function* () {
  for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
})());

describe('decodersFor', () => {
  it('lists decoders last-applied first and ignores identity', () => {
    expect(decodersFor(undefined)).toEqual([]);
    expect(decodersFor('identity')).toEqual([]);
    expect(decodersFor('GZIP')).toEqual(['gzip']);
    expect(decodersFor('x-gzip')).toEqual(['gzip']);
    expect(decodersFor('deflate, br')).toEqual(['br', 'deflate']);
  });
  it('leaves unknown codings undecoded', () => {
    expect(decodersFor('utf-8')).toEqual([]);
    expect(decodersFor('gzip, zstd')).toEqual([]);
  });
});

describe('readBody', () => {
  const text = Buffer.from('lanewatch '.repeat(5000));

  it.each([
    ['gzip', zlib.gzipSync(text)],
    ['deflate', zlib.deflateSync(text)],
    ['deflate', zlib.deflateRawSync(text)],
    ['br', zlib.brotliCompressSync(text)],
  ])('decodes %s', async (encoding, data) => {
    const { body, decoded } = await readBody(stream(data, 7), encoding, text.length, text.length);
    expect(decoded).toBe(true);
    expect(body.equals(text)).toBe(true);
  });

  it('decodes two layers', async () => {
    const data = zlib.brotliCompressSync(zlib.gzipSync(text));
    expect((await readBody(stream(data), 'gzip, br', text.length, text.length)).body.equals(text)).toBe(true);
  });

  it('caps plain bodies', async () => {
    await expect(readBody(stream(text), undefined, text.length - 1, text.length - 1)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect((await readBody(stream(text), undefined, text.length, text.length)).body.length).toBe(text.length);
  });

  it('caps the inflated size of a decompression bomb', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const err = await readBody(stream(bomb, 16384), 'gzip', 1024 * 1024, 1024 * 1024).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyTooLargeError);
    expect((err as Error).message).toContain('decompressed');
  });

  it('reports a corrupt compressed body', async () => {
    await expect(readBody(stream(Buffer.from('this is not gzip at all')), 'gzip', 1000, 1000)).rejects.toBeInstanceOf(BodyDecodingError);
    await expect(readBody(stream(Buffer.from('not brotli either, definitely')), 'br', 1000, 1000)).rejects.toBeInstanceOf(BodyDecodingError);
  });

  it('returns an unknown coding as raw bytes', async () => {
    const { body, decoded } = await readBody(stream(text), 'utf-8', text.length, text.length);
    expect(decoded).toBe(false);
    expect(body.equals(text)).toBe(true);
  });
});
