import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The embedded blob store (ATTACHMENT_STORAGE=postgres): a file's bytes in pieces of at most 256 KiB. */
@Entity('attachment_chunks')
export class AttachmentChunk {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_attachment_chunks' })
  blobKey!: string;

  @PrimaryColumn('int', { primaryKeyConstraintName: 'pk_attachment_chunks' })
  seq!: number;

  @Column('bytea')
  data!: Buffer;
}
