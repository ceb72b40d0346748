import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
// s3rver: a fake S3 server speaking the real S3 REST protocol (signatures, multipart uploads), in process
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: object) => {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
};
import { S3BlobStore } from './s3-blob-store';

describe('S3BlobStore against an S3-protocol server (s3rver)', () => {
  let server: InstanceType<typeof S3rver>;
  let store: S3BlobStore;
  let directory: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'rongrian-s3-'));
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory,
      configureBuckets: [{ name: 'evidence' }],
    });
    const { port } = await server.run();
    store = new S3BlobStore({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket: 'evidence',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
  });
  afterAll(async () => {
    store.destroy();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it.each([
    ['empty', 0],
    ['small', 1000],
    // above the 5 MiB part size: a multipart upload of two parts
    ['multipart', 6 * 1024 * 1024 + 17],
  ])('a %s blob is written from a stream, read back the same, and deleted', async (_what, size) => {
    const bytes = randomBytes(size);
    const key = `blob-${size}`;
    const pieces = Readable.from([bytes.subarray(0, size >> 1), bytes.subarray(size >> 1)]);
    expect(await store.put(key, pieces)).toBe(size);
    expect((await buffer(await store.get(key))).equals(bytes)).toBe(true);
    await store.delete(key);
    await expect(store.get(key)).rejects.toThrow();
  });

  it('a source that fails mid-way fails the put', async () => {
    async function* failing() {
      yield randomBytes(1000);
      throw new Error('client went away');
    }
    await expect(store.put('broken', Readable.from(failing()))).rejects.toThrow();
  });

  // s3rver checks the access key of a SigV4 request but not its signature (the SDK signs; AWS, MinIO
  // and the others verify)
  it('an unknown access key is refused by the server, and the error reaches the caller', async () => {
    const endpoint = await store.client.config.endpoint!();
    const wrong = new S3BlobStore({
      endpoint: `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`,
      region: 'us-east-1',
      bucket: 'evidence',
      accessKeyId: 'NOT-A-KEY',
      secretAccessKey: 'not-the-secret',
      forcePathStyle: true,
    });
    await expect(wrong.put('x', Readable.from([Buffer.from('x')]))).rejects.toThrow(/Access Key Id/i);
    wrong.destroy();
  });
});
