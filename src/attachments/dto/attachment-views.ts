import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Attachment } from '../entities/attachment.entity';

export const STORED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

/** A file of a case, as listed (the bytes are fetched from `downloadUrl`, the preview from `thumbnailUrl`). */
export class AttachmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: STORED_TYPES, description: 'the type stored (read from the bytes, after cleaning)' })
  contentType!: string;
  @ApiProperty({ description: 'bytes stored (after metadata was removed)' }) sizeBytes!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the uploader’s file name, cleaned; null on the integrity channel',
  })
  fileName!: string | null;
  @ApiProperty({ enum: ['citizen', 'reporter', 'officer'] }) source!: string;
  @ApiProperty({ description: 'shown on the public tracking page' }) isPublic!: boolean;
  @ApiProperty({ example: '2026-04-10' }) attachedOn!: string;
  @ApiProperty({ description: 'GET this for the file (Content-Disposition: attachment)' })
  downloadUrl!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'a WebP preview of at most 320×320 (images only)',
  })
  thumbnailUrl!: string | null;
}

/** A published file on the public tracking page (no name, no uploader). */
export class PublicAttachmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: STORED_TYPES }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ enum: ['citizen', 'officer'] }) source!: string;
  @ApiProperty() downloadUrl!: string;
  @ApiProperty({ type: String, nullable: true }) thumbnailUrl!: string | null;
}

/** Officers' uploads: `internal` (default) stays among officers, `public` shows on the tracking page. */
export class OfficerUploadQuery {
  @ApiPropertyOptional({ enum: ['internal', 'public'], default: 'internal' })
  @IsOptional()
  @IsIn(['internal', 'public'])
  visibility?: 'internal' | 'public';
}

export class AttachmentVisibilityDto {
  @ApiProperty({ description: 'true: shown on the public tracking page; false: officers only' })
  @Transform(({ value }) => value)
  @IsBoolean()
  isPublic!: boolean;
}

/** The multipart body of every upload route: one or more parts named `file`. */
export const UPLOAD_BODY_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: {
    file: {
      type: 'array',
      items: { type: 'string', format: 'binary' },
      description:
        'JPEG, PNG, WebP, HEIC photos or PDF documents, typed by their bytes; metadata is removed before storing',
    },
  },
};

/** The download responses: the stored type, as an attachment. */
export const FILE_CONTENT = Object.fromEntries(
  STORED_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
);
export const THUMBNAIL_CONTENT = { 'image/webp': { schema: { type: 'string', format: 'binary' } } };

export function attachmentView(a: Attachment, base: string): AttachmentView {
  return {
    id: a.id,
    contentType: a.contentType,
    sizeBytes: Number(a.sizeBytes),
    fileName: a.fileName,
    source: a.source,
    isPublic: a.isPublic,
    attachedOn: a.attachedOn,
    downloadUrl: `${base}/${a.id}`,
    thumbnailUrl: hasPreview(a) ? `${base}/${a.id}/thumbnail` : null,
  };
}

export function publicAttachmentView(a: Attachment, base: string): PublicAttachmentView {
  return {
    id: a.id,
    contentType: a.contentType,
    sizeBytes: Number(a.sizeBytes),
    source: a.source,
    downloadUrl: `${base}/${a.id}`,
    thumbnailUrl: hasPreview(a) ? `${base}/${a.id}/thumbnail` : null,
  };
}

/** Every image has a preview: made on its first view if it was not yet (see AttachmentsService.open). */
export const hasPreview = (a: Attachment) => a.thumbnailKey !== null || a.contentType.startsWith('image/');
