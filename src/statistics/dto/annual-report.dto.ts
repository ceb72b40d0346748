import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trim } from '../../common/validation/validators';

export class AnnualNarrativeDto {
  @ApiProperty({ description: 'ปัญหา: the problems the complaints showed' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  problems!: string;

  @ApiProperty({ description: 'อุปสรรค: obstacles met in handling them' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  obstacles!: string;

  @ApiProperty({ description: 'แนวทางแก้ไข: solutions' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  solutions!: string;

  @ApiProperty({ description: 'การป้องกันไม่ให้เกิดซ้ำ: actions to prevent recurrence' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  preventiveActions!: string;
}
