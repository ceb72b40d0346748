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
import { ComplaintStatus } from '../complaint-workflow';
import { StatusLabel } from './submit-complaint.dto';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListComplaintsQuery {
  @ApiPropertyOptional({ enum: ComplaintStatus, isArray: true, description: 'comma-separated' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsEnum(ComplaintStatus, { each: true })
  status?: ComplaintStatus[];

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

  @ApiPropertyOptional({ description: 'Words to find in subject or description (Thai works)' })
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
  @ApiProperty() channel!: string;
  @ApiProperty({ enum: ComplaintStatus }) status!: ComplaintStatus;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeId!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ nullable: true, type: String }) dueDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) deadlineState!: string | null;
}

export class ComplaintPage {
  @ApiProperty({ type: [ComplaintSummary] }) items!: ComplaintSummary[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class TimelineEntry {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() type!: string;
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
  @ApiProperty({ type: [TimelineEntry] }) timeline!: TimelineEntry[];
}
