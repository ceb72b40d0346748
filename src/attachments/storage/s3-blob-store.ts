import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable, Transform } from 'node:stream';
import { AppConfig } from '../../config/app-config';
import { BlobStore } from './blob-store';

/**
 * Any S3-compatible object store (AWS S3, MinIO, Garage, Ceph, Cloudflare R2, ...): uploads stream as
 * multipart uploads in 5 MiB parts (lib-storage), downloads stream the object body.
 */
export class S3BlobStore implements BlobStore {
  readonly name = 's3';
  private readonly bucket: string;
  readonly client: S3Client;

  constructor(config: AppConfig['attachments']['s3']) {
    this.bucket = config.bucket;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
    });
  }

  async put(key: string, data: Readable): Promise<number> {
    let total = 0;
    const counted = data.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          total += chunk.length;
          done(null, chunk);
        },
      }),
    );
    data.once('error', (error) => counted.destroy(error));
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counted },
      queueSize: 2,
      partSize: 5 * 1024 * 1024,
    });
    await upload.done();
    return total;
  }

  async get(key: string): Promise<Readable> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return object.Body as Readable;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  destroy(): void {
    this.client.destroy();
  }
}
