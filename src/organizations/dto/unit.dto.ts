import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { trim } from '../../common/validation/validators';

export class CreateUnitDto {
  @ApiProperty({ example: 'engineering', description: 'a short code, lower case (a-z, 0-9, _)' })
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'code must be 1-64 characters of a-z, 0-9 and _' })
  code!: string;

  @ApiProperty({ example: 'กองช่าง' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameTh!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Engineering Division' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  nameEn?: string | null;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  sortOrder?: number;
}

export class UpdateUnitDto extends PartialType(CreateUnitDto) {
  @ApiPropertyOptional({ description: 'false: no new work is assigned to it (its cases stay)' })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class RemovalView {
  @ApiProperty({
    enum: ['deleted', 'deactivated'],
    description: 'deleted when nothing refers to it; deactivated (kept for its history) otherwise',
  })
  outcome!: 'deleted' | 'deactivated';
}
