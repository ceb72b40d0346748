import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ComplaintChannel } from '../channels';
import { SubmissionKind } from '../submission-kinds';
import { ComplaintAction, ComplaintStatus } from '../complaint-workflow';
import { ComplaintEventType } from '../entities/complaint-event.entity';
import { DeadlineView } from '../../deadlines/dto/deadline-view';
import { StatusLabel } from './submit-complaint.dto';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

const DAYS_LEFT = {
  nullable: true,
  type: Number,
  description:
    "open cases not yet due: days left to the due date in the case's counting mode (working days skip " +
    'weekends and holidays); 0 on the due date',
} as const;
const DAYS_OVERDUE = {
  nullable: true,
  type: Number,
  description: "open cases past the due date: days overdue in the case's counting mode (at least 1)",
} as const;

export class ListComplaintsQuery {
  @ApiPropertyOptional({ enum: ComplaintStatus, isArray: true, description: 'comma-separated' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsEnum(ComplaintStatus, { each: true })
  status?: ComplaintStatus[];

  @ApiPropertyOptional({ enum: SubmissionKind, description: 'complaint, suggestion or compliment' })
  @IsOptional()
  @IsEnum(SubmissionKind)
  kind?: SubmissionKind;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z0-9_]{1,64}$/) categoryCode?: string;
  @ApiPropertyOptional({ enum: ComplaintChannel })
  @IsOptional()
  @IsEnum(ComplaintChannel)
  channel?: ComplaintChannel;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;

  @ApiPropertyOptional({ description: 'Only cases past their due date without a result' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only open cases due within this many days (Bangkok dates)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  dueWithinDays?: number;

  @ApiPropertyOptional({ example: '2026-04-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedFrom?: string;
  @ApiPropertyOptional({ example: '2026-04-30' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedTo?: string;

  @ApiPropertyOptional({
    description:
      'Words to find in subject or description (Thai works), a reference number (2570/000001), a ' +
      "complainant's phone number (081-234-5678, +66812345678) or a tracking code; a search that could " +
      'match contact data or a tracking code is audited',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'assigned to me or my unit' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({
    enum: ['receivedAt', '-receivedAt', 'dueDate', '-dueDate', 'referenceNo', '-referenceNo'],
  })
  @IsOptional()
  @IsIn(['receivedAt', '-receivedAt', 'dueDate', '-dueDate', 'referenceNo', '-referenceNo'])
  sort?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  page?: number;
  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class ComplaintSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() referenceNo!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() categoryCode!: string;
  @ApiProperty({ enum: SubmissionKind }) kind!: SubmissionKind;
  @ApiProperty({ example: 'ไฟฟ้าสาธารณะ' }) categoryNameTh!: string;
  @ApiProperty({ enum: ComplaintChannel }) channel!: string;
  @ApiProperty({ enum: ComplaintStatus }) status!: ComplaintStatus;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'กองช่าง' }) unitNameTh!: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeId!: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeName!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ nullable: true, type: String }) dueDate!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['open', 'overdue', 'answered'] })
  deadlineState!: string | null;
  @ApiProperty({ ...DAYS_LEFT }) daysLeft!: number | null;
  @ApiProperty({ ...DAYS_OVERDUE }) daysOverdue!: number | null;
}

export class ComplaintPage {
  @ApiProperty({ type: [ComplaintSummary] }) items!: ComplaintSummary[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class TimelineEntry {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    description: 'complainant_answer: "you answered" (the message is what the complainant wrote)',
  })
  type!: string;
  @ApiPropertyOptional({ type: StatusLabel, description: 'what the entry is, for entries without a status' })
  label?: StatusLabel;
  @ApiPropertyOptional({ enum: ComplaintStatus }) status?: string;
  @ApiPropertyOptional({ type: StatusLabel }) statusLabel?: StatusLabel;
  @ApiPropertyOptional() message?: string;
}

/** What a duplicate's complainant sees of the complaint theirs repeats: its status and dates only. */
export class DuplicateOfView {
  @ApiProperty({ enum: ComplaintStatus }) status!: string;
  @ApiProperty({ type: StatusLabel }) statusLabel!: StatusLabel;
  @ApiProperty({ example: '2026-04-10' }) receivedDate!: string;
  @ApiProperty({ nullable: true, type: String }) dueDate!: string | null;
  @ApiProperty() extended!: boolean;
}

export class TrackingView {
  @ApiProperty() referenceNo!: string;
  @ApiProperty({ enum: SubmissionKind }) kind!: SubmissionKind;
  @ApiProperty({ type: StatusLabel, description: 'the kind in Thai and English' }) kindLabel!: StatusLabel;
  @ApiProperty() category!: StatusLabel;
  @ApiProperty({ enum: ComplaintStatus }) status!: string;
  @ApiProperty({ type: StatusLabel }) statusLabel!: StatusLabel;
  @ApiProperty({ example: '2026-04-10' }) receivedDate!: string;
  @ApiProperty({ nullable: true, type: String }) dueDate!: string | null;
  @ApiProperty() extended!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) extensionReason!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: DuplicateOfView,
    description:
      'A duplicate shows the status and dates of the complaint it repeats (also in status, dueDate and ' +
      'extended), never its timeline: that was written to another complainant',
  })
  duplicateOf!: DuplicateOfView | null;
  @ApiProperty() canGiveFeedback!: boolean;
  @ApiProperty({
    description:
      'the organisation asked for information and waits: the complainant may answer ' +
      '(POST /track/{trackingCode}/answers)',
  })
  canAnswer!: boolean;
  @ApiProperty({ type: [TimelineEntry] }) timeline!: TimelineEntry[];
}

export class CategoryView {
  @ApiProperty({ example: 'street_lighting' }) code!: string;
  @ApiProperty({ example: 'ไฟฟ้าสาธารณะ' }) nameTh!: string;
  @ApiProperty({ example: 'Street lighting' }) nameEn!: string;
}

/** A category on the public form: with what it covers, the neutral choice first (see publicCategoryOrder). */
export class PublicCategoryView extends CategoryView {
  @ApiProperty({ type: String, nullable: true, description: 'what it covers, in Thai' })
  descriptionTh!: string | null;
  @ApiProperty({ description: 'the neutral "other / not sure" choice, listed first' }) neutral!: boolean;
}

/** One entry of a complaint's full history (officers see internal entries too). */
export class ComplaintEventView {
  @ApiProperty({ description: 'increasing per complaint' }) id!: string;
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: ComplaintEventType }) type!: ComplaintEventType;
  @ApiProperty({ type: String, nullable: true }) action!: string | null;
  @ApiProperty({ type: String, nullable: true }) fromStatus!: string | null;
  @ApiProperty({ type: String, nullable: true }) toStatus!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId!: string | null;
  @ApiProperty() isPublic!: boolean;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  data!: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, nullable: true, description: "the officer's display name" })
  actorName!: string | null;
  @ApiProperty({ type: StatusLabel, nullable: true }) actionLabel!: StatusLabel | null;
  @ApiProperty({ type: String, nullable: true, description: 'the internal note typed with the action' })
  note!: string | null;
}

export class UnitRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'กองช่าง' }) nameTh!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
}

export class OfficerRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class ComplaintRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2570/000001' }) referenceNo!: string;
}

/** Everything an officer sees of one case, with its history and the actions open to them. */
export class ComplaintDetailView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ example: '2569/000123' }) referenceNo!: string;
  @ApiProperty({ example: 2569 }) fiscalYear!: number;
  @ApiProperty({ format: 'uuid' }) categoryId!: string;
  @ApiProperty({ enum: ComplaintChannel }) channel!: ComplaintChannel;
  @ApiProperty({ enum: SubmissionKind }) kind!: SubmissionKind;
  @ApiProperty({ enum: ComplaintStatus }) status!: ComplaintStatus;
  @ApiProperty({ type: StatusLabel }) statusLabel!: StatusLabel;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty() subject!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true }) locationAddress!: string | null;
  @ApiProperty({ type: String, nullable: true }) locationVillage!: string | null;
  @ApiProperty({ type: Number, nullable: true }) latitude!: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude!: number | null;
  @ApiProperty({ type: String, nullable: true }) complainantName!: string | null;
  @ApiProperty({ type: String, nullable: true }) complainantPhone!: string | null;
  @ApiProperty({ type: String, nullable: true }) complainantEmail!: string | null;
  @ApiProperty() consentToContact!: boolean;
  @ApiProperty({ format: 'date-time' }) receivedAt!: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) registeredById!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) duplicateOfId!: string | null;
  @ApiProperty() reopenCount!: number;
  @ApiProperty({ type: String, nullable: true }) resultMessage!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: Date | null;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 5 }) rating!: number | null;
  @ApiProperty({ type: String, nullable: true }) ratingComment!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) ratedAt!: Date | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ type: CategoryView }) category!: CategoryView;
  @ApiProperty({ type: UnitRef, nullable: true }) unit!: UnitRef | null;
  @ApiProperty({ type: OfficerRef, nullable: true }) assignee!: OfficerRef | null;
  @ApiProperty({ type: ComplaintRef, nullable: true }) duplicateOf!: ComplaintRef | null;
  @ApiProperty({ type: DeadlineView, nullable: true }) deadline!: DeadlineView | null;
  @ApiProperty({ ...DAYS_LEFT }) daysLeft!: number | null;
  @ApiProperty({ ...DAYS_OVERDUE }) daysOverdue!: number | null;
  @ApiProperty({
    enum: ComplaintAction,
    isArray: true,
    description:
      'what I may do now on this case (POST …/{id}/{action}), from the workflow, my roles and my unit',
  })
  allowedActions!: ComplaintAction[];
  @ApiProperty({ type: [ComplaintEventView] }) history!: ComplaintEventView[];
}
