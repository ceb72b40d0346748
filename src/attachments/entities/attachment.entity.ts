import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Who added a file: the citizen (tracking code), the anonymous reporter (receipt session), an officer. */
export type AttachmentSource = 'citizen' | 'reporter' | 'officer';

/** Who attached a file, on screen (GET /labels). */
export const ATTACHMENT_SOURCE_LABELS: Record<AttachmentSource, { th: string; en: string }> = {
  citizen: { th: 'ผู้ร้อง', en: 'Complainant' },
  reporter: { th: 'ผู้แจ้ง', en: 'Reporter' },
  officer: { th: 'เจ้าหน้าที่', en: 'Officer' },
};

/**
 * A file attached to a case of some track (the engine knows tracks only by name: `complaint`,
 * `integrity_report`). Linked in the same transaction that commits it; its bytes live in the blob
 * store under `blobKey` (and a small WebP preview under `thumbnailKey` for images). Dated to the day,
 * no instant: a reporter's upload must not be dated to the second.
 */
@Entity('attachments')
@Unique('uq_attachments_case_ordinal', ['caseTrack', 'caseId', 'ordinal'])
@Check('ck_attachments_source', `source IN ('citizen', 'reporter', 'officer')`)
export class Attachment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_attachments' })
  id!: string;

  /**
   * 1, 2, 3, … within its case (lists are shown in this order). Per case, not a global sequence: a
   * global one would place a reporter's upload between other, dated, uploads.
   */
  @Column('int')
  ordinal!: number;

  @Column('uuid')
  organizationId!: string;

  @Column('text')
  caseTrack!: string;

  @Column('uuid')
  caseId!: string;

  @Column('text')
  source!: AttachmentSource;

  /** The officer who uploaded it; null for citizens and reporters. */
  @Column('uuid', { nullable: true })
  uploadedBy!: string | null;

  /** Shown on the public tracking page (officer's public documents, citizen photos an officer published). */
  @Column('boolean', { default: false })
  isPublic!: boolean;

  /** The stored (re-encoded) type: image/jpeg, image/png, image/webp or application/pdf. */
  @Column('text')
  contentType!: string;

  @Column('bigint')
  sizeBytes!: string;

  /** The name given by the uploader, cleaned; null on the integrity channel (names can identify). */
  @Column('text', { nullable: true })
  fileName!: string | null;

  @Column('text')
  blobKey!: string;

  @Column('text', { nullable: true })
  thumbnailKey!: string | null;

  /** AES-256-GCM nonce and tag of the stored file (integrity evidence); null when stored in clear. */
  @Column('bytea', { nullable: true })
  fileSeal!: Buffer | null;

  @Column('bytea', { nullable: true })
  thumbnailSeal!: Buffer | null;

  @Column('date', { default: () => 'CURRENT_DATE' })
  attachedOn!: string;
}
