import { Writable } from 'node:stream';

/** A log destination for createTestApp that keeps each JSON log line; `messages()` gives their `msg`. */
export function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return {
    destination,
    lines,
    messages: () => lines.map((l) => String((JSON.parse(l) as { msg?: unknown }).msg ?? '')),
  };
}
