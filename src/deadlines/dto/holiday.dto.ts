import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type { Holiday, HolidayKind } from '../entities/holiday.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

export const HOLIDAY_SCOPES = ['organization', 'national'] as const;
export type HolidayScope = (typeof HOLIDAY_SCOPES)[number];
const NATIONAL_KINDS = ['national', 'substitute', 'special'] as const;

export class HolidayListQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Gregorian year (CE, not BE); default: this year' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1900)
  @Max(2200)
  year?: number;
}

export class CreateHolidayDto {
  @ApiProperty({ format: 'date', example: '2026-04-27' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be a calendar date' })
  date!: string;

  @ApiProperty({ example: 'วันหยุดพิเศษ' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameTh!: string;

  @ApiPropertyOptional({ example: 'Special holiday' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  nameEn?: string;

  @ApiPropertyOptional({
    enum: HOLIDAY_SCOPES,
    default: 'organization',
    description:
      "`organization`: a day off of my organisation only. `national`: a day for every organisation of the deployment (a cabinet-announced special day); only administrators of the deployment's primary organisation (ORG_SLUG) may add or remove national days",
  })
  @IsOptional()
  @IsIn(HOLIDAY_SCOPES)
  scope?: HolidayScope;

  @ApiPropertyOptional({ enum: NATIONAL_KINDS, description: 'national days only; default `special`' })
  @IsOptional()
  @IsIn(NATIONAL_KINDS)
  kind?: (typeof NATIONAL_KINDS)[number];
}

export class HolidayView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ enum: ['national', 'substitute', 'special', 'local'] }) kind!: HolidayKind;
  @ApiProperty({ enum: HOLIDAY_SCOPES }) scope!: HolidayScope;

  static of(h: Holiday): HolidayView {
    return {
      id: h.id,
      date: h.date,
      nameTh: h.nameTh,
      nameEn: h.nameEn,
      kind: h.kind,
      scope: h.organizationId === null ? 'national' : 'organization',
    };
  }
}

export class HolidayChangeResult {
  @ApiProperty({ type: HolidayView }) holiday!: HolidayView;
  @ApiProperty({ description: 'running cases whose deadline dates were recomputed' })
  recomputedCases!: number;
}
