import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import type { RecipientKind } from '../message-template';

/**
 * pending    waiting to be sent (new, held until `notBefore`, or retrying after a transient error)
 * sending    handed to the SMTP server right now (or the worker died while it was: recovered later)
 * sent       the SMTP server accepted it
 * failed     the SMTP server refused it for good (5xx, bad address), or transient errors lasted too long
 * not_sent   no SMTP server is configured (SMTP_URL empty)
 * suppressed never sent on purpose: no consent, or the per-recipient hourly cap was reached
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'not_sent', 'suppressed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What each status of a message is called on screen (GET /labels). */
export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, { th: string; en: string }> = {
  failed: { th: 'ส่งไม่สำเร็จ', en: 'Failed' },
  pending: { th: 'รอส่ง', en: 'Waiting' },
  sending: { th: 'กำลังส่ง', en: 'Sending' },
  not_sent: { th: 'ไม่ได้ส่ง', en: 'Not sent' },
  sent: { th: 'ส่งแล้ว', en: 'Sent' },
  suppressed: { th: 'งดส่ง', en: 'Suppressed' },
};

/**
 * The transactional outbox: one row per message, written in the caller's transaction together with
 * the change it reports. The rows are the truth; the `mail` queue in Redis only carries their ids.
 */
@Entity('notification_outbox')
@Unique('uq_notification_outbox_dedupe', ['organizationId', 'dedupeKey'])
@Unique('uq_notification_outbox_message_id', ['messageId'])
@Index('ix_notification_outbox_due', ['status', 'notBefore'])
@Index('ix_notification_outbox_organization_status', ['organizationId', 'status', 'createdAt'])
@Index('ix_notification_outbox_recipient_attempt', ['recipientHash', 'lastAttemptAt'])
@Check(
  'ck_notification_outbox_status',
  `status IN ('pending', 'sending', 'sent', 'failed', 'not_sent', 'suppressed')`,
)
@Check('ck_notification_outbox_recipient_kind', `recipient_kind IN ('complainant', 'reporter', 'officer')`)
@Check(
  'ck_notification_outbox_resolve',
  `(resolve_type IS NULL AND resolve_id IS NULL) OR (resolve_type IS NOT NULL AND resolve_id IS NOT NULL AND recipient_email IS NULL)`,
)
export class OutboxMessage {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_notification_outbox' })
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_notification_outbox_organization' })
  organization?: Organization;

  /** a MessageTemplate value */
  @Column('text')
  template!: string;

  @Column('text')
  recipientKind!: RecipientKind;

  /** null when the contact gave no consent, and erased once a message to a reporter is done */
  @Column('text', { nullable: true })
  recipientEmail!: string | null;

  @Column('text', { nullable: true })
  recipientName!: string | null;

  /**
   * A recipient resolved at send time (RecipientResolvers): the kind of contact and its id, e.g.
   * `integrity_report` and the report's id. Such a row never holds the address (a check says so).
   */
  @Column('text', { nullable: true })
  resolveType!: string | null;

  @Column('text', { nullable: true })
  resolveId!: string | null;

  /**
   * keyed hash of the lower-case address (of the resolve reference for resolved recipients): counts
   * messages per recipient for the hourly cap
   */
  @Column('text', { nullable: true })
  recipientHash!: string | null;

  /** template values; cleared once the message is sent or suppressed (they may hold a tracking code) */
  @Column('jsonb', { nullable: true })
  params!: Record<string, unknown> | null;

  @Column('text')
  status!: OutboxStatus;

  /** not handed to the queue before this instant (office hours, retry after a long outage) */
  @Column('timestamptz')
  notBefore!: Date;

  /** the caller's idempotency key: a second message with the same key is ignored */
  @Column('text', { nullable: true })
  dedupeKey!: string | null;

  /** what the message is about (e.g. complaint + id), for the admin listing */
  @Column('text', { nullable: true })
  subjectType!: string | null;

  @Column('text', { nullable: true })
  subjectId!: string | null;

  /** RFC 5322 Message-ID, fixed at enqueue: every retry sends the same one */
  @Column('text')
  messageId!: string;

  /** incremented when a message goes round the queue again (admin retry, long outage); part of the job id */
  @Column('int', { default: 0 })
  round!: number;

  /** SMTP attempts so far */
  @Column('int', { default: 0 })
  attempts!: number;

  /** the SMTP server's answer (or the connection error) of the last failed attempt, or why not sent */
  @Column('text', { nullable: true })
  lastError!: string | null;

  /** the SMTP server's answer when it accepted the message */
  @Column('text', { nullable: true })
  smtpResponse!: string | null;

  @Column('text', { nullable: true })
  requestId!: string | null;

  /** when the dispatcher last handed it to the queue */
  @Column('timestamptz', { nullable: true })
  queuedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  lastAttemptAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;

  /** from the injectable Clock, like every time of this table, so tests can move time consistently */
  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt!: Date;
}
