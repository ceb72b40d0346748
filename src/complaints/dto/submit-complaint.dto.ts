import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { InsideThailand, IsThaiPhone, trim } from '../../common/validation/validators';
import { OFFICER_CHANNELS, ComplaintChannel } from '../channels';
import { SUBMISSION_KINDS, SubmissionKind } from '../submission-kinds';

export class LocationDto {
  @ApiPropertyOptional({ maxLength: 500, example: 'หน้าโรงเรียนบ้านหนองบัว ถนนสายหลัก' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'หมู่ 3 บ้านหนองบัว' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  village?: string;

  @ApiPropertyOptional({ example: 15.2287, description: 'WGS84 latitude inside Thailand' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @InsideThailand('lat')
  lat?: number;

  @ApiPropertyOptional({ example: 104.8564, description: 'WGS84 longitude inside Thailand' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @InsideThailand('lng')
  lng?: number;
}

export class ComplainantDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'สมศรี ใจงาม' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '0812345678', description: 'Thai mobile or landline number' })
  @IsOptional()
  @IsString()
  @IsThaiPhone()
  phone?: string;

  @ApiPropertyOptional({ example: 'somsri@example.com' })
  @IsOptional()
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'May the organisation contact me with news of this complaint?' })
  @IsOptional()
  @IsBoolean()
  consentToContact?: boolean;
}

/** What a citizen sends from the web form. Without contact details the complaint is followed by code only. */
export class SubmitComplaintDto {
  @ApiPropertyOptional({
    enum: SubmissionKind,
    description:
      'complaint when omitted (เรื่องร้องเรียน/ร้องทุกข์), suggestion (ข้อเสนอแนะ) or compliment (คำชมเชย); ' +
      'only complaints count in the complaint figures and the 15-day compliance',
  })
  @IsOptional()
  @IsEnum(SubmissionKind, {
    message: `ประเภทเรื่องไม่ถูกต้อง / kind must be one of: ${SUBMISSION_KINDS.join(', ')}`,
  })
  kind?: SubmissionKind;

  @ApiProperty({ example: 'street_lighting', description: 'A code from GET /orgs/{orgSlug}/categories' })
  @IsString()
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'categoryCode must be a category code' })
  categoryCode!: string;

  @ApiProperty({ maxLength: 200, example: 'ไฟฟ้าส่องสว่างดับหน้าโรงเรียน' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject!: string;

  @ApiProperty({ maxLength: 5000, example: 'ไฟถนนดับมาสามคืนแล้ว เด็กนักเรียนเดินกลับบ้านลำบาก' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  description!: string;

  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @ApiPropertyOptional({ type: ComplainantDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComplainantDto)
  complainant?: ComplainantDto;
}

/** An officer registers a complaint received offline (walk-in, phone, letter, …). */
export class RegisterComplaintDto extends SubmitComplaintDto {
  @ApiProperty({ enum: OFFICER_CHANNELS })
  @IsEnum(OFFICER_CHANNELS, { message: `channel must be one of: ${OFFICER_CHANNELS.join(', ')}` })
  channel!: ComplaintChannel;

  @ApiProperty({
    example: '2026-04-10T09:15:00+07:00',
    description: 'When it was actually received (the deadline counts from it); not in the future',
  })
  @IsISO8601({ strict: true })
  receivedAt!: string;
}

export class StatusLabel {
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

export class ComplaintReceipt {
  @ApiProperty({ enum: SubmissionKind }) kind!: SubmissionKind;
  @ApiProperty({ example: '2569/000123' }) referenceNo!: string;
  @ApiProperty({ example: 'K7QM-4XPA-9RTB', description: 'Keep it: the only way to follow the complaint' })
  trackingCode!: string;
  @ApiProperty({ example: 'https://rongrian.example.go.th/track/K7QM-4XPA-9RTB' }) trackingUrl!: string;
  @ApiProperty({ example: 'received' }) status!: string;
  @ApiProperty({ type: StatusLabel }) statusLabel!: StatusLabel;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ example: '2026-04-27', description: 'Response due (Bangkok date)' }) dueDate!: string;
  [key: string]: unknown;
}
