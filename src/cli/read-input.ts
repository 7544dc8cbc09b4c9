// Reading command-line inputs (a file path or standard input) with a size cap, for the commands that take many.
import { open, stat } from 'node:fs/promises';

/** What to do with an input over the cap: cut it (pages: the extractor caps them anyway) or refuse it (feeds). */
export type Oversize = 'cut' | 'refuse';

/** Reads a regular file, at most maxBytes of it; failures are one readable sentence naming the path. */
export async function readFileCapped(path: string, maxBytes: number, oversize: Oversize): Promise<Buffer> {
  try {
    return await readRegularFile(path, maxBytes, oversize);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`no such file: ${path}`);
    if (code === 'EISDIR') throw new Error(`is a directory: ${path}`);
    if (code === 'EACCES') throw new Error(`permission denied: ${path}`);
    if (code === 'ENOTFILE' || code === 'ETOOBIG') throw new Error(`${(err as Error).message}: ${path}`);
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
}

async function readRegularFile(path: string, maxBytes: number, oversize: Oversize): Promise<Buffer> {
  // stat before open: opening a FIFO would wait for a writer, and a device (/dev/zero) never ends.
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!info.isFile()) throw Object.assign(new Error('not a regular file (use - to read standard input)'), { code: 'ENOTFILE' });
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes && oversize === 'refuse') {
      throw Object.assign(new Error(`the file is larger than the size cap of ${maxBytes} bytes`), { code: 'ETOOBIG' });
    }
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    let offset = 0;
    while (offset < length) {
      const { bytesRead } = await handle.read(buffer, offset, length - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

/** Reads standard input up to maxBytes, then stops reading (`- < /dev/zero` must end). */
export async function readStdinCapped(maxBytes: number, oversize: Oversize): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer;
    if (total + buf.length > maxBytes && oversize === 'refuse') {
      throw Object.assign(new Error(`standard input is larger than the size cap of ${maxBytes} bytes`), { code: 'ETOOBIG' });
    }
    chunks.push(buf.subarray(0, maxBytes - total));
    total += buf.length;
    if (total >= maxBytes) break;
  }
  return Buffer.concat(chunks);
}

export function isHttpUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}
