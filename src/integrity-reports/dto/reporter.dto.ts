import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { normalizeReceipt } from '../receipt';
import { KINDS, REPORTER_RELATIONS, ReporterRelation, ReportKind } from '../workflow';
import { incidentDate, IsThaiNationalId, maxChars, minChars, oneOf, trim } from './field-rules';

/** Size limits of the public form (characters). */
export const LIMITS = {
  description: 10_000,
  shortText: 200,
  place: 500,
  evidence: 5_000,
  witnesses: 2_000,
  message: 5_000,
} as const;

export class AccusedDto {
  @ApiPropertyOptional({ maxLength: LIMITS.shortText, example: 'นายสมมติ ตัวอย่าง' })
  @IsOptional()
  @trim()
  @IsString()
  @maxChars(LIMITS.shortText)
  name?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.shortText, example: 'นักวิชาการพัสดุ' })
  @IsOptional()
  @trim()
  @IsString()
  @maxChars(LIMITS.shortText)
  position?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.shortText, example: 'กองคลัง' })
  @IsOptional()
  @trim()
  @IsString()
  @maxChars(LIMITS.shortText)
  unit?: string;
}

export class EvidenceDto {
  @ApiPropertyOptional({ maxLength: LIMITS.evidence, description: 'What evidence exists and where' })
  @IsOptional()
  @trim()
  @IsString()
  @maxChars(LIMITS.evidence)
  description?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.witnesses })
  @IsOptional()
  @trim()
  @IsString()
  @maxChars(LIMITS.witnesses)
  witnesses?: string;
}

export class ReporterIdentityDto {
  @ApiPropertyOptional({ maxLength: LIMITS.shortText })
  @IsOptional()
  @trim()
  @IsString()
  @maxChars(LIMITS.shortText)
  name?: string;

  @ApiPropertyOptional({ example: '081 234 5678' })
  @IsOptional()
  @trim()
  @Matches(/^\+?[0-9][0-9 ()-]{5,19}$/, {
    message: 'หมายเลขโทรศัพท์ไม่ถูกต้อง / must be a telephone number',
  })
  phone?: string;

  @ApiPropertyOptional({ maxLength: 254 })
  @IsOptional()
  @trim()
  @IsEmail({}, { message: 'อีเมลไม่ถูกต้อง / must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: '13-digit Thai national id' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/[\s-]/g, '') : value,
  )
  @IsThaiNationalId()
  nationalId?: string;

  @ApiPropertyOptional({
    description: 'May we e-mail you that there is an update (never its content)? Needs an e-mail.',
  })
  @IsOptional()
  @IsBoolean()
  consentToContact?: boolean;
}

export class SubmitIntegrityReportDto {
  @ApiProperty({ enum: KINDS, description: 'complaint (ร้องเรียน) or tip (เบาะแส)' })
  @oneOf(KINDS)
  kind!: ReportKind;

  @ApiProperty({ example: 'procurement_fraud', description: 'GET …/integrity-reports/allegation-types' })
  @IsString()
  @maxChars(64)
  allegationType!: string;

  @ApiProperty({ minLength: 10, maxLength: LIMITS.description })
  @trim()
  @IsString()
  @minChars(10)
  @maxChars(LIMITS.description)
  description!: string;

  @ApiPropertyOptional({ type: AccusedDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AccusedDto)
  accused?: AccusedDto;

  @ApiPropertyOptional({ example: '2026-03-15', description: 'When it happened, if known (YYYY-MM-DD)' })
  @IsOptional()
  @incidentDate()
  incidentDate?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.shortText, example: 'ช่วงเดือนมีนาคม 2569' })
  @IsOptional()
  @trim()
  @IsString()
  @maxChars(LIMITS.shortText)
  incidentPeriod?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.place })
  @IsOptional()
  @trim()
  @IsString()
  @maxChars(LIMITS.place)
  place?: string;

  @ApiPropertyOptional({ type: EvidenceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto;

  @ApiPropertyOptional({ enum: REPORTER_RELATIONS })
  @IsOptional()
  @oneOf(REPORTER_RELATIONS)
  reporterRelation?: ReporterRelation;

  @ApiPropertyOptional({
    type: ReporterIdentityDto,
    description: 'Optional. Stored encrypted; officers see only whether it was given.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReporterIdentityDto)
  identity?: ReporterIdentityDto;
}

export class AllegationTypeView {
  @ApiProperty({ example: 'bribery_extortion' }) code!: string;
  @ApiProperty({ example: 'การเรียกรับสินบนหรือการเรียกรับผลประโยชน์' }) nameTh!: string;
  @ApiProperty({ example: 'Bribery or extortion' }) nameEn!: string;
}

export class ReceiptView {
  @ApiProperty({
    example: '4821 0937 5512 0046',
    description: 'Shown once and never again: the only way back to the report',
  })
  receipt!: string;
}

export class OpenSessionDto {
  @ApiProperty({ example: '4821 0937 5512 0046', description: 'Spaces and dashes are ignored' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (normalizeReceipt(value) ?? value) : value,
  )
  @IsString()
  @Matches(/^\d{16}$/, { message: 'รหัสรับเรื่องต้องเป็นตัวเลข 16 หลัก / must be the 16-digit receipt' })
  receipt!: string;
}

export class ReporterSessionView {
  @ApiProperty({ description: 'Send as `Authorization: Bearer …` to the /integrity-reports/session routes' })
  token!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the session ends' }) expiresIn!: number;
}

/** A message, from the reporter or an officer, or an internal note. */
export class MessageBodyDto {
  @ApiProperty({ maxLength: LIMITS.message })
  @trim()
  @IsString()
  @minChars(1)
  @maxChars(LIMITS.message)
  body!: string;
}

class TextView {
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

export class ReporterMessageView {
  @ApiProperty({ enum: ['reporter', 'officer'] }) from!: 'reporter' | 'officer';
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date' }) on!: string;
}

export class ReporterReportView {
  @ApiProperty({ enum: KINDS }) kind!: ReportKind;
  @ApiProperty() allegationType!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: TextView }) statusText!: TextView;
  @ApiPropertyOptional({ type: TextView, nullable: true }) outcome!: TextView | null;
  @ApiPropertyOptional({ type: TextView, nullable: true, description: 'Agency the report went to' })
  referredTo!: TextView | null;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description: 'An officer answers you by this day (null once answered)',
  })
  responseDueOn!: string | null;
  @ApiProperty({
    description:
      'The answer is late: that day has passed without one. The integrity officers have been alerted.',
  })
  responseOverdue!: boolean;
  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description:
      'A decision on the report (not admissible, referred, or the conclusion of an investigation) is due by this day (null once decided)',
  })
  decisionDueOn!: string | null;
  @ApiProperty() canAddInformation!: boolean;
  @ApiProperty({ type: [ReporterMessageView] }) messages!: ReporterMessageView[];
}
