import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A blob being written and not yet linked to a case. Deleted in the transaction that links the file;
 * the sweeper removes the blobs of rows left behind (a crash, a dropped connection). Dated to the
 * clock hour only.
 */
@Entity('attachment_uploads')
export class AttachmentUpload {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_attachment_uploads' })
  blobKey!: string;

  @Column('timestamptz', { default: () => "date_trunc('hour', now())" })
  startedHour!: Date;
}
