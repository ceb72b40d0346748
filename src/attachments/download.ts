import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiConsumes, ApiBody, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { AcceptsUploads, RouteLimitKind } from '../infrastructure/http/route-limits';
import { ApiErrors } from '../common/errors/api-errors';
import { FILE_CONTENT, THUMBNAIL_CONTENT, UPLOAD_BODY_SCHEMA } from './dto/attachment-views';
import { OpenedFile } from './attachments.service';

/** `Content-Disposition: attachment` with the name in ASCII and in UTF-8 (RFC 6266, RFC 5987). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/**
 * A download: always as an attachment (never shown inline by the browser), with the stored type and
 * `nosniff`, so no uploaded file can run as a page of this site.
 */
export function download(file: OpenedFile): StreamableFile {
  return new StreamableFile(file.stream, {
    type: file.contentType,
    disposition: attachmentDisposition(file.fileName),
  });
}

/** The OpenAPI description of an upload route (multipart, one or more `file` parts). */
export const UploadRoute = (limit?: RouteLimitKind) =>
  applyDecorators(
    AcceptsUploads(limit),
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: UPLOAD_BODY_SCHEMA as never }),
    ApiErrors(413, 415),
  );

export const FileResponse = (which: 'file' | 'thumbnail') =>
  applyDecorators(
    ApiProduces(...Object.keys(which === 'file' ? FILE_CONTENT : THUMBNAIL_CONTENT)),
    ApiOkResponse({
      description: which === 'file' ? 'the file, as an attachment' : 'a WebP preview (images only)',
      content: which === 'file' ? FILE_CONTENT : THUMBNAIL_CONTENT,
    }),
    // a preview is made on first view: an image whose pixels do not decode has none (PREVIEW_NOT_AVAILABLE)
    ...(which === 'thumbnail' ? [ApiErrors(422)] : []),
  );
