import type { MultipartFile } from '@fastify/multipart';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import pLimit, { LimitFunction } from 'p-limit';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Pieces } from './already-clean';
import { cleanFile, CleanFile, makePreview } from './clean-file';
import { Attachment, AttachmentSource } from './entities/attachment.entity';
import { AttachmentUpload } from './entities/attachment-upload.entity';
import { cleanFileName, fileKindOf, SNIFF_BYTES } from './file-kinds';
import { openBlob, sealBlob } from './sealed-blob';
import { BLOB_STORE, BlobStore } from './storage/blob-store';
import { hasPreview } from './dto/attachment-views';
import { UploadBudget } from './upload-budget';

/** How the files of one upload request are received. */
export interface ReceiveOptions {
  /** pseudonymous client key the hourly byte budget is counted under */
  budgetClient: string;
  /** integrity evidence: encrypted with this report data key before it reaches the store */
  dataKey?: Buffer;
  /** keep the uploader's (cleaned) file name; false on the integrity channel */
  keepNames: boolean;
}

/** A cleaned file in the store, not yet linked to a case. */
export interface ReceivedFile {
  blobKey: string;
  contentType: string;
  sizeBytes: number;
  fileName: string | null;
  fileSeal: Buffer | null;
}

/** The case a file is linked to, and how. */
export interface LinkTarget {
  organizationId: string;
  caseTrack: string;
  caseId: string;
  source: AttachmentSource;
  uploadedBy: string | null;
  isPublic: boolean;
}

export interface OpenedFile {
  stream: Readable;
  contentType: string;
  fileName: string;
}

/** A sweep removes uploads left unlinked for at least this long (they are dated to the hour). */
export const ABANDONED_AFTER_HOURS = 2;

const newBlobKey = () => randomBytes(18).toString('base64url');

/**
 * Attachments of any track's cases (the engine knows tracks only by the name a caller gives).
 * An upload is received part by part: each file is read (at most ATTACHMENT_MAX_FILE_BYTES), typed
 * by its bytes, cleaned of metadata, optionally encrypted, and written to the blob store with an
 * `attachment_uploads` row (in the same commit, for the embedded store); the caller then links the
 * files to its case in its own transaction, which removes those rows. Any failure before the commit removes what was written; what a crash leaves
 * is removed by the sweeper. An image's preview is not made on upload but on its first view (`open`),
 * and stored once (same store, encrypted with the same data key as the file).
 */
@Injectable()
export class AttachmentsService implements OnApplicationShutdown {
  private readonly logger = new Logger(AttachmentsService.name);
  /** files read and cleaned at once (each holds its bytes in memory while cleaned) */
  private readonly limit: LimitFunction;
  /** previews being made in this process, by attachment id: concurrent first views share one */
  private readonly previewing = new Map<string, Promise<{ key: string; seal: Buffer | null }>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
    private readonly budget: UploadBudget,
    private readonly config: AppConfig,
  ) {
    this.limit = pLimit(config.attachments.concurrency);
  }

  onApplicationShutdown(): void {
    (this.store as { destroy?: () => void }).destroy?.();
  }

  /**
   * Receives the upload, links its files in a transaction with `link`, and removes every stored byte
   * if anything fails before that transaction commits.
   */
  async attach<T>(
    request: FastifyRequest,
    options: ReceiveOptions,
    inTransaction: (tx: EntityManager, link: (target: LinkTarget) => Promise<Attachment[]>) => Promise<T>,
  ): Promise<T> {
    const files = await this.receive(request, options);
    try {
      return await this.db.transaction((tx) => inTransaction(tx, (target) => this.link(tx, files, target)));
    } catch (error) {
      await this.discard(files);
      throw error;
    }
  }

  /** Stores the files of a multipart request (not linked yet). Nothing stays behind if it fails. */
  async receive(request: FastifyRequest, options: ReceiveOptions): Promise<ReceivedFile[]> {
    if (!request.isMultipart()) throw new DomainError('MULTIPART_REQUIRED');
    const { maxFileBytes, maxFiles } = this.config.attachments;
    const written: ReceivedFile[] = [];
    try {
      const parts = request.files({
        limits: {
          fileSize: maxFileBytes,
          files: maxFiles,
          fields: 10,
          fieldSize: 1024,
          parts: maxFiles + 10,
        },
        throwFileSizeLimit: false,
      });
      for await (const part of parts) {
        await this.budget.check(options.budgetClient);
        const { input, clean } = await this.limit(() => this.readAndClean(part));
        written.push(await this.write(clean, part.filename, options));
        await this.budget.count(options.budgetClient, input);
      }
    } catch (error) {
      await this.discard(written);
      throw uploadError(error, this.config.attachments);
    }
    if (written.length === 0) throw new DomainError('NO_FILE');
    return written;
  }

  private async readAndClean(part: MultipartFile): Promise<{ input: number; clean: CleanFile }> {
    // the pieces as they came: a file kept as it is goes to the store without being copied into one
    const pieces: Buffer[] = [];
    let size = 0;
    for await (const piece of part.file as AsyncIterable<Buffer>) {
      pieces.push(piece);
      size += piece.length;
    }
    if (part.file.truncated)
      throw new DomainError('FILE_TOO_LARGE', { maxBytes: this.config.attachments.maxFileBytes });
    const kind = await fileKindOf(new Pieces(pieces).slice(0, SNIFF_BYTES));
    if (!kind) throw new DomainError('FILE_TYPE_NOT_ACCEPTED');
    return { input: size, clean: await cleanFile(kind, pieces) };
  }

  /** Writes a cleaned file to the store, recorded as an unlinked upload first. */
  private async write(clean: CleanFile, givenName: string, options: ReceiveOptions): Promise<ReceivedFile> {
    const file: ReceivedFile = {
      blobKey: newBlobKey(),
      contentType: clean.contentType,
      sizeBytes: clean.sizeBytes,
      fileName: options.keepNames ? cleanFileName(givenName, clean.contentType) : null,
      fileSeal: null,
    };
    try {
      file.fileSeal = await this.putUnlinked(file.blobKey, clean.bytes, options.dataKey);
    } catch (error) {
      await this.discard([file]);
      throw error;
    }
    return file;
  }

  /**
   * Stores a blob (encrypted with `dataKey` when given) recorded as an unlinked upload, so that a crash
   * leaves nothing the sweeper would not remove; resolves with the seal of an encrypted one.
   */
  private async putUnlinked(blobKey: string, bytes: Buffer[], dataKey?: Buffer): Promise<Buffer | null> {
    const { sealed, seal } = dataKey ? sealBlob(dataKey, blobKey, bytes) : { sealed: bytes, seal: null };
    const data = Readable.from(sealed);
    if (this.store.putUnlinked) {
      await this.store.putUnlinked(blobKey, data);
    } else {
      await this.db.getRepository(AttachmentUpload).insert({ blobKey });
      await this.store.put(blobKey, data);
    }
    return seal;
  }

  /** Links received files to a case inside the caller's transaction (which should hold the case's lock). */
  async link(tx: EntityManager, files: ReceivedFile[], target: LinkTarget): Promise<Attachment[]> {
    const adding = files.reduce((sum, f) => sum + f.sizeBytes, 0);
    const { maxCaseBytes } = this.config.attachments;
    // one round trip: the files' upload rows removed, the case's room and last ordinal read, and the
    // files inserted after it when they fit (a refusal below rolls the removal back with the rest)
    const [{ used, added }] = (await tx.query(
      `WITH linked AS (DELETE FROM attachment_uploads WHERE blob_key = ANY($3::text[])),
       room AS (
         SELECT coalesce(sum(size_bytes), 0)::bigint AS used, coalesce(max(ordinal), 0)::int AS last
           FROM attachments WHERE case_track = $1 AND case_id = $2),
       added AS (
         INSERT INTO attachments (ordinal, organization_id, case_track, case_id, source, uploaded_by,
                                  is_public, content_type, size_bytes, file_name, blob_key, file_seal)
         SELECT room.last + f.n, $4, $1, $2, $5, $6, $7, f.content_type, f.size_bytes, f.file_name,
                f.blob_key, f.file_seal
           FROM room, unnest($8::text[], $9::bigint[], $10::text[], $3::text[], $11::bytea[])
                      WITH ORDINALITY AS f(content_type, size_bytes, file_name, blob_key, file_seal, n)
          WHERE room.used + $12 <= $13
         RETURNING id, ordinal, attached_on::text AS "attachedOn")
       SELECT room.used, coalesce((SELECT json_agg(added ORDER BY ordinal) FROM added), '[]') AS added
         FROM room`,
      [
        target.caseTrack,
        target.caseId,
        files.map((f) => f.blobKey),
        target.organizationId,
        target.source,
        target.uploadedBy,
        target.isPublic,
        files.map((f) => f.contentType),
        files.map((f) => f.sizeBytes),
        files.map((f) => f.fileName),
        files.map((f) => f.fileSeal),
        adding,
        maxCaseBytes,
      ],
    )) as { used: string; added: { id: string; ordinal: number; attachedOn: string }[] }[];
    if (added.length === 0)
      throw new DomainError('CASE_ATTACHMENTS_FULL', { maxCaseBytes, usedBytes: Number(used) });
    const repo = tx.getRepository(Attachment);
    return files.map((f, i) =>
      repo.create({
        ...target,
        ...added[i],
        contentType: f.contentType,
        sizeBytes: String(f.sizeBytes),
        fileName: f.fileName,
        blobKey: f.blobKey,
        thumbnailKey: null,
        fileSeal: f.fileSeal,
        thumbnailSeal: null,
      }),
    );
  }

  /** Removes stored files that will not be linked (errors are left to the sweeper). */
  async discard(files: ReceivedFile[]): Promise<void> {
    for (const f of files) await this.discardBlob(f.blobKey);
  }

  private async discardBlob(key: string): Promise<void> {
    try {
      await this.store.delete(key);
      await this.db.getRepository(AttachmentUpload).delete({ blobKey: key });
    } catch {
      this.logger.warn('An unlinked upload could not be removed now; the sweeper will');
    }
  }

  /** The files of a case in the order they were attached (`publicOnly`: those on the tracking page). */
  list(caseTrack: string, caseId: string, publicOnly = false): Promise<Attachment[]> {
    return this.db.getRepository(Attachment).find({
      where: { caseTrack, caseId, ...(publicOnly ? { isPublic: true } : {}) },
      order: { ordinal: 'ASC' },
    });
  }

  /** One file of a case; ATTACHMENT_NOT_FOUND for another case's or an unknown one. */
  async find(
    manager: EntityManager,
    caseTrack: string,
    caseId: string,
    id: string,
    publicOnly = false,
  ): Promise<Attachment> {
    const row = await manager.getRepository(Attachment).findOneBy({
      id,
      caseTrack,
      caseId,
      ...(publicOnly ? { isPublic: true } : {}),
    });
    if (!row) throw new DomainError('ATTACHMENT_NOT_FOUND');
    return row;
  }

  /** A file of the track by its id alone (the caller then checks access to its case). */
  async findById(manager: EntityManager, caseTrack: string, id: string): Promise<Attachment> {
    const row = await manager.getRepository(Attachment).findOneBy({ id, caseTrack });
    if (!row) throw new DomainError('ATTACHMENT_NOT_FOUND');
    return row;
  }

  async setPublic(manager: EntityManager, attachment: Attachment, isPublic: boolean): Promise<void> {
    await manager.getRepository(Attachment).update({ id: attachment.id }, { isPublic });
    attachment.isPublic = isPublic;
  }

  /**
   * The file (or its preview) as a stream, decrypted with `dataKey` when it was stored encrypted. The
   * preview of an image is made on its first view; PREVIEW_NOT_AVAILABLE if its pixels do not decode.
   */
  async open(attachment: Attachment, which: 'file' | 'thumbnail', dataKey?: Buffer): Promise<OpenedFile> {
    if (which === 'thumbnail' && !attachment.thumbnailKey) {
      if (!hasPreview(attachment)) throw new DomainError('ATTACHMENT_NOT_FOUND');
      const { key, seal } = await this.preview(attachment, dataKey);
      attachment.thumbnailKey = key;
      attachment.thumbnailSeal = seal;
    }
    const key = which === 'file' ? attachment.blobKey : attachment.thumbnailKey!;
    const seal = which === 'file' ? attachment.fileSeal : attachment.thumbnailSeal;
    const stream = await this.read(key, seal, dataKey);
    const contentType = which === 'file' ? attachment.contentType : 'image/webp';
    const base = attachment.fileName ?? `attachment-${attachment.ordinal}.${contentType.split('/')[1]}`;
    const fileName = which === 'file' ? base : `${base.replace(/\.[^.]*$/, '')}-preview.webp`;
    return { stream, contentType, fileName: fileName.replace('.jpeg', '.jpg') };
  }

  private async read(key: string, seal: Buffer | null, dataKey?: Buffer): Promise<Readable> {
    const stored = await this.store.get(key);
    if (seal && !dataKey) throw new Error('an encrypted attachment needs its data key');
    return seal && dataKey ? openBlob(dataKey, key, seal, stored) : stored;
  }

  /** The preview of an image, made now if no request (of this process) is making it already. */
  private preview(attachment: Attachment, dataKey?: Buffer): Promise<{ key: string; seal: Buffer | null }> {
    let pending = this.previewing.get(attachment.id);
    if (!pending) {
      pending = this.makeAndStorePreview(attachment, dataKey).finally(() =>
        this.previewing.delete(attachment.id),
      );
      this.previewing.set(attachment.id, pending);
    }
    return pending;
  }

  /**
   * Decodes the stored image, stores its preview (recorded as an unlinked upload until it is linked,
   * so a crash leaves nothing the sweeper would not remove) and links it in one statement that only
   * succeeds while the row has none. Another process that linked one first wins: ours is removed and
   * theirs is read.
   */
  private async makeAndStorePreview(
    attachment: Attachment,
    dataKey?: Buffer,
  ): Promise<{ key: string; seal: Buffer | null }> {
    const source = await this.read(attachment.blobKey, attachment.fileSeal, dataKey);
    const preview = await this.limit(async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of source as AsyncIterable<Buffer>) chunks.push(chunk);
      return makePreview(Buffer.concat(chunks));
    });
    const key = newBlobKey();
    let seal: Buffer | null;
    try {
      seal = await this.putUnlinked(key, [preview], dataKey);
    } catch (error) {
      await this.discardBlob(key);
      throw error;
    }
    const [{ linked }] = (await this.db.query(
      `WITH linked AS (
         UPDATE attachments SET thumbnail_key = $2, thumbnail_seal = $3
          WHERE id = $1 AND thumbnail_key IS NULL RETURNING id),
       recorded AS (DELETE FROM attachment_uploads WHERE blob_key = $2 AND EXISTS (SELECT 1 FROM linked))
       SELECT count(*)::int AS linked FROM linked`,
      [attachment.id, key, seal],
    )) as { linked: number }[];
    if (linked === 1) return { key, seal };
    await this.discardBlob(key);
    const row = await this.db.getRepository(Attachment).findOneByOrFail({ id: attachment.id });
    return { key: row.thumbnailKey!, seal: row.thumbnailSeal };
  }

  /** Removes the blobs of uploads that were never linked (a crash, a dropped connection). */
  async sweepAbandoned(): Promise<number> {
    const rows = await this.db
      .getRepository(AttachmentUpload)
      .createQueryBuilder('u')
      .where(`u.started_hour <= date_trunc('hour', now()) - make_interval(hours => :hours)`, {
        hours: ABANDONED_AFTER_HOURS,
      })
      .limit(1000)
      .getMany();
    for (const row of rows) {
      await this.store.delete(row.blobKey);
      await this.db.getRepository(AttachmentUpload).delete({ blobKey: row.blobKey });
    }
    return rows.length;
  }
}

/** Multipart and stream failures as the standard errors; anything else unchanged. */
export function uploadError(error: unknown, limits: AppConfig['attachments']): unknown {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : '';
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
    return new DomainError('TOO_MANY_FILES', { maxFiles: limits.maxFiles });
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new DomainError('FILE_TOO_LARGE', { maxBytes: limits.maxFileBytes });
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new DomainError('MULTIPART_REQUIRED');
  if (code.startsWith('FST_') || /Unexpected end of|Malformed|boundary|aborted|premature/i.test(message))
    return new DomainError('BAD_REQUEST', { reason: 'the multipart body is incomplete or malformed' });
  return error;
}
