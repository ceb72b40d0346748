import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Complaint } from './complaint.entity';

export enum ComplaintEventType {
  Received = 'received',
  StatusChanged = 'status_changed',
  PublicReply = 'public_reply',
  InternalNote = 'internal_note',
  DeadlineExtended = 'deadline_extended',
  DeadlineMilestone = 'deadline_milestone',
  Feedback = 'feedback',
  /** files attached (data: count, source; internal) or one made public or internal (data: attachmentId, isPublic) */
  FilesAdded = 'files_added',
  FileVisibilityChanged = 'file_visibility_changed',
  /** the complainant's online answer to a request for information (public: "you answered") */
  ComplainantAnswer = 'complainant_answer',
}

/** What each entry of a case's history is called on screen (GET /labels). */
export const EVENT_TYPE_LABELS: Record<ComplaintEventType, { th: string; en: string }> = {
  [ComplaintEventType.Received]: { th: 'รับเรื่อง', en: 'Received' },
  [ComplaintEventType.StatusChanged]: { th: 'เปลี่ยนสถานะ', en: 'Status changed' },
  [ComplaintEventType.PublicReply]: { th: 'ตอบผู้ร้อง', en: 'Reply to the complainant' },
  [ComplaintEventType.InternalNote]: { th: 'บันทึกภายใน', en: 'Internal note' },
  [ComplaintEventType.DeadlineExtended]: { th: 'ขยายกำหนด', en: 'Deadline extended' },
  [ComplaintEventType.DeadlineMilestone]: { th: 'กำหนดเวลา', en: 'Deadline' },
  [ComplaintEventType.Feedback]: { th: 'ความพึงพอใจ', en: 'Feedback' },
  [ComplaintEventType.FilesAdded]: { th: 'แนบไฟล์', en: 'Files attached' },
  [ComplaintEventType.FileVisibilityChanged]: { th: 'เปลี่ยนการเปิดเผยไฟล์', en: 'File visibility changed' },
  [ComplaintEventType.ComplainantAnswer]: { th: 'ผู้ร้องตอบ', en: 'Complainant answered' },
};

/**
 * Append-only history of a complaint: every action adds one row in the same transaction as the
 * change. Public rows form the complainant's timeline; the rest stay internal. Figures can be rebuilt
 * from these rows.
 */
@Entity('complaint_events')
@Index('ix_complaint_events_complaint', ['complaintId', 'id'])
export class ComplaintEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_complaint_events' })
  id!: string;

  @Column('uuid')
  complaintId!: string;

  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'fk_complaint_events_complaint' })
  complaint?: Complaint;

  @Column('uuid')
  organizationId!: string;

  @Column('text')
  type!: ComplaintEventType;

  /** the workflow action (accept, assign, …) for status changes */
  @Column('text', { nullable: true })
  action!: string | null;

  @Column('text', { nullable: true })
  fromStatus!: string | null;

  @Column('text', { nullable: true })
  toStatus!: string | null;

  /** null for the complainant and for the system (deadline jobs, auto-close) */
  @Column('uuid', { nullable: true })
  actorUserId!: string | null;

  /** shown in the public tracking timeline */
  @Column('boolean')
  isPublic!: boolean;

  @Column('text', { nullable: true })
  message!: string | null;

  @Column('jsonb', { nullable: true })
  data!: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
