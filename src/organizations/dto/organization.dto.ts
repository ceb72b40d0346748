import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DLA_CODE, SLUG } from '../dla-csv';
import { Organization } from '../entities/organization.entity';
import { ORGANIZATION_TYPE_LABELS, OrganizationType } from '../organization-types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

const TYPES = Object.entries(ORGANIZATION_TYPE_LABELS)
  .map(([code, l]) => `${code} (${l.th})`)
  .join(', ');

export class FirstAdministratorDto {
  @ApiProperty({ example: 'palad@example.go.th' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'ปลัด อบต.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;
}

export class OrganizationFieldsDto {
  @ApiProperty({ example: 'ban-mai', description: 'Name in public URLs: lowercase letters, digits and "-"' })
  @Transform(trim)
  @Matches(SLUG, { message: 'slug must be lowercase letters, digits and "-" (2-63 characters)' })
  slug!: string;

  @ApiProperty({ example: 'องค์การบริหารส่วนตำบลบ้านใหม่' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameTh!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Ban Mai SAO' })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameEn?: string | null;

  @ApiProperty({ enum: OrganizationType, description: TYPES })
  @IsEnum(OrganizationType)
  type!: OrganizationType;

  @ApiProperty({ example: '6300101', description: 'รหัส อปท. of the Department of Local Administration' })
  @Transform(trim)
  @Matches(DLA_CODE, { message: 'dlaCode must be 4 to 12 digits' })
  dlaCode!: string;

  @ApiProperty({ example: 'ตาก' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  province!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'เมืองตาก' })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'saraban@banmai.go.th' })
  @Transform(trimLower)
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '055 000 000' })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(50)
  contactPhone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;
}

export class CreateOrganizationDto extends OrganizationFieldsDto {
  @ApiPropertyOptional({
    type: FirstAdministratorDto,
    description: 'Invite the first administrator at once (one-time link by e-mail)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => FirstAdministratorDto)
  administrator?: FirstAdministratorDto;
}

export class UpdateOrganizationDto extends PartialType(OrganizationFieldsDto) {}

export class OrganizationListQuery {
  @ApiPropertyOptional({ example: 'ตาก' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  province?: string;

  @ApiPropertyOptional({ enum: OrganizationType })
  @IsOptional()
  @IsEnum(OrganizationType)
  type?: OrganizationType;

  @ApiPropertyOptional({
    example: 'บ้านใหม่',
    description: 'words in the names, slug, DLA code, district or province',
  })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class OrganizationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
  @ApiProperty({ enum: OrganizationType, nullable: true }) type!: OrganizationType | null;
  @ApiProperty({ type: String, nullable: true }) dlaCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) province!: string | null;
  @ApiProperty({ type: String, nullable: true }) district!: string | null;
  @ApiProperty({ type: String, nullable: true }) contactEmail!: string | null;
  @ApiProperty({ type: String, nullable: true }) contactPhone!: string | null;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;

  static of(o: Organization): OrganizationView {
    return {
      id: o.id,
      slug: o.slug,
      nameTh: o.nameTh,
      nameEn: o.nameEn,
      type: o.type,
      dlaCode: o.dlaCode,
      province: o.province,
      district: o.district,
      contactEmail: o.contactEmail,
      contactPhone: o.contactPhone,
      address: o.address,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    };
  }
}
