import { StatusLabel } from './submit-complaint.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { REFERENCE_NO } from '../../common/numbering/reference-numbers';
import { trim } from '../../common/validation/validators';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class OptionalNoteDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Internal note kept in the history' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** A message the complainant will read. */
export class PublicMessageDto {
  @ApiProperty({ maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  message!: string;
}

export enum RejectionReason {
  NotAComplaint = 'not_a_complaint',
  OutsideRemit = 'outside_remit',
  InsufficientInformation = 'insufficient_information',
  Other = 'other',
}

/** What a refusal's reason is called on screen (GET /labels). */
export const REJECTION_REASON_LABELS: Record<RejectionReason, { th: string; en: string }> = {
  [RejectionReason.NotAComplaint]: { th: 'ไม่ใช่เรื่องร้องเรียน', en: 'Not a complaint' },
  [RejectionReason.OutsideRemit]: { th: 'ไม่อยู่ในอำนาจหน้าที่', en: 'Outside our remit' },
  [RejectionReason.InsufficientInformation]: { th: 'ข้อมูลไม่เพียงพอ', en: 'Not enough information' },
  [RejectionReason.Other]: { th: 'อื่น ๆ', en: 'Other' },
};

export class RejectDto extends PublicMessageDto {
  @ApiProperty({ enum: RejectionReason })
  @IsEnum(RejectionReason)
  reasonCode!: RejectionReason;
}

export class ReferDto {
  @ApiProperty({ maxLength: 200, example: 'ที่ว่าการอำเภอเมือง' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agency!: string;

  @ApiProperty({ example: '2026-04-12', description: 'Date of referral (Bangkok date)' })
  @Matches(DATE, { message: 'referredOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  referredOn!: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'ที่ ศก 73301/123' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  letterNo?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Explanation to the complainant' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  message?: string;
}

/** The earlier complaint this one repeats, by id or by reference number (one of the two). */
export class MarkDuplicateDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The earlier complaint this one repeats' })
  @ValidateIf((o: MarkDuplicateDto) => o.duplicateOfReference === undefined)
  @IsUUID()
  duplicateOfId?: string;

  @ApiPropertyOptional({
    example: '2570/000001',
    description: 'The reference number of the earlier complaint (instead of its id); 2570/1 also works',
  })
  @ValidateIf((o: MarkDuplicateDto) => o.duplicateOfId === undefined)
  @Transform(trim)
  @Matches(REFERENCE_NO, { message: 'duplicateOfReference must be a reference number like 2570/000001' })
  duplicateOfReference?: string;
}

export class AssignDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An officer of that unit' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReopenDto {
  @ApiProperty({ maxLength: 2000, description: 'Why the case is reopened (shown to the complainant)' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class NoteDto extends PublicMessageDto {
  @ApiProperty({ description: 'true: a public reply the complainant sees; false: an internal note' })
  @IsBoolean()
  isPublic!: boolean;
}

export class ExtendDeadlineDto {
  @ApiProperty({ example: '2026-05-12', description: 'New due date (Bangkok date)' })
  @Matches(DATE, { message: 'newDueDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  newDueDate!: string;

  @ApiProperty({ maxLength: 2000, description: 'The explanation the complainant receives' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    description:
      'Supervisors only: why the new date lies more than EXTENSION_MAX_DAYS (default 90) days beyond the current due date (kept in the audit trail)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  longExtensionReason?: string;
}

/** The complainant's answer to a request for information, sent with the tracking code. */
export class ComplainantAnswerDto {
  @ApiProperty({ maxLength: 5000, example: 'เสาไฟฟ้าต้นที่ดับคือหมายเลข 12 หน้าบ้านเลขที่ 45' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  message!: string;
}

export class ComplainantAnswerReceipt {
  @ApiProperty({ format: 'date-time' }) answeredAt!: string;
  @ApiProperty({ example: 'in_progress', description: 'the status after the answer' }) status!: string;
  @ApiProperty({ type: StatusLabel }) statusLabel!: StatusLabel;
  @ApiProperty({
    description:
      "the answer restarted the deadline clock (the organisation's answerResumesClock setting); " +
      'otherwise the case waits for an officer to resume it',
  })
  clockResumed!: boolean;
}

export class FeedbackDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  comment?: string;
}
