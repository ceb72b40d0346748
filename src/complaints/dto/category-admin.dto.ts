import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { trim } from '../../common/validation/validators';
import { UnitRef } from './complaint-views.dto';

export class CreateCategoryDto {
  @ApiProperty({ example: 'street_lighting', description: 'a short code, lower case (a-z, 0-9, _)' })
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'code must be 1-64 characters of a-z, 0-9 and _' })
  code!: string;

  @ApiProperty({ example: 'ไฟฟ้าสาธารณะ' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameTh!: string;

  @ApiProperty({ example: 'Street lighting' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameEn!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'ไฟถนนดับ ไฟกะพริบ เสาไฟชำรุด' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  descriptionTh?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  descriptionEn?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'new complaints of this category go to this (active) unit; null: intake assigns',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  defaultUnitId?: string | null;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  sortOrder?: number;
}

export class UpdateCategoryDto extends PartialType(CreateCategoryDto) {
  @ApiPropertyOptional({ description: 'false: no longer offered for new complaints (its cases stay)' })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class CategoryAdminView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ type: String, nullable: true }) descriptionTh!: string | null;
  @ApiProperty({ type: String, nullable: true }) descriptionEn!: string | null;
  @ApiProperty({ type: UnitRef, nullable: true, description: 'where new complaints are routed' })
  defaultUnit!: UnitRef | null;
  @ApiProperty() sortOrder!: number;
  @ApiProperty() isActive!: boolean;
}
