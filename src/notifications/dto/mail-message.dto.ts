import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { OUTBOX_STATUSES, OutboxStatus } from '../entities/outbox-message.entity';
import { RECIPIENT_KINDS, RecipientKind } from '../message-template';

/** The statuses listed when none is asked for: what needs an administrator's eye. */
export const ATTENTION_STATUSES: OutboxStatus[] = ['failed', 'pending', 'sending', 'not_sent'];

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;

export class ListMailMessagesQuery {
  @ApiPropertyOptional({
    enum: OUTBOX_STATUSES,
    isArray: true,
    description: 'comma-separated or repeated; default failed,pending,sending,not_sent',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(OUTBOX_STATUSES, { each: true })
  status?: OutboxStatus[];

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

/**
 * One message as an administrator sees it: never its body. Integrity messages show neither their
 * subject line nor what they are about, and a reporter's address is never shown.
 */
export class MailMessageView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'template key, e.g. complaint.acknowledged' }) template!: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status!: OutboxStatus;
  @ApiProperty({ enum: RECIPIENT_KINDS }) recipientKind!: RecipientKind;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'null for reporters and when there was no consent',
  })
  recipient!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'the mail subject line; null for integrity messages',
  })
  subjectLine!: string | null;
  @ApiProperty({ nullable: true, type: String }) aboutType!: string | null;
  @ApiProperty({ nullable: true, type: String }) aboutId!: string | null;
  @ApiProperty({ description: 'RFC 5322 Message-ID, the same on every attempt' }) messageId!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "the SMTP server's answer to the last failed attempt",
  })
  lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) notBefore!: Date;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastAttemptAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt!: Date | null;
}

export class MailMessagePage {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [MailMessageView] }) items!: MailMessageView[];
}

export class MailSummary {
  @ApiProperty({ description: 'false: SMTP_URL is empty and every message is recorded as not sent' })
  smtpConfigured!: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
    description: 'messages by status',
    example: { pending: 0, sent: 12, failed: 1 },
  })
  counts!: Record<OutboxStatus, number>;
  @ApiProperty({ nullable: true, type: Number, description: 'age of the oldest due pending message' })
  oldestPendingSeconds!: number | null;
}
