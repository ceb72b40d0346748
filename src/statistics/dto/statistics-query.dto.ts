import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** The fiscal years (Buddhist Era) the statistics and reports accept. */
export const FISCAL_YEARS = { minimum: 2500, maximum: 2700 } as const;
export const FISCAL_YEAR_TEXT = 'Fiscal year (Buddhist Era), 1 October to 30 September';

/** Every public statistics route names a fiscal year. */
export class FiscalYearQuery {
  @ApiProperty({ example: 2569, description: FISCAL_YEAR_TEXT })
  @Type(() => Number)
  @IsInt()
  @Min(FISCAL_YEARS.minimum)
  @Max(FISCAL_YEARS.maximum)
  fiscalYear!: number;
}

/** Statistics of the current fiscal year unless one is named. */
export class StatisticsQuery {
  @ApiPropertyOptional({
    example: 2569,
    description: `${FISCAL_YEAR_TEXT}; the current one (Bangkok) when omitted`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(FISCAL_YEARS.minimum)
  @Max(FISCAL_YEARS.maximum)
  fiscalYear?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 4, description: 'Quarter of the fiscal year (1 = Oct-Dec)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  quarter?: number;

  @ApiPropertyOptional({ example: '2026-04', description: 'A month of the fiscal year (CE, YYYY-MM)' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class OpenDataQuery extends FiscalYearQuery {
  @ApiPropertyOptional({ enum: ['csv', 'jsonl'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'jsonl'])
  format?: 'csv' | 'jsonl';
}

export class AnnualReportQuery extends FiscalYearQuery {
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}

export class NationalStatisticsQuery extends StatisticsQuery {
  @ApiPropertyOptional({ example: 'ตาก', description: 'One province only (its organisations and totals)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  province?: string;
}
