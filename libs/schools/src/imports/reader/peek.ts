/** Peeking at the first bytes of a stream without losing them. */
import { Readable } from 'stream';

export interface Peeked {
  head: Buffer;
  /** true when `head` is the whole input */
  ended: boolean;
  /** the whole input again, head included */
  stream: Readable;
}

export async function peek(source: Readable, minBytes: number): Promise<Peeked> {
  const it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const chunks: Buffer[] = [];
  let len = 0;
  let ended = false;
  while (len < minBytes) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    chunks.push(b);
    len += b.length;
  }
  const head = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (ended) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    }
  }
  const stream = Readable.from(replay(), { objectMode: false });
  stream.on('close', () => {
    if (!ended) source.destroy();
  });
  return { head, ended, stream };
}
