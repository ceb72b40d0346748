import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ACTION_TAKEN_KINDS,
  ActionTakenKind,
  ACTIONS,
  Agency,
  AGENCIES,
  IntegrityStatus,
  KINDS,
  Outcome,
  OUTCOMES,
  ReportKind,
  STATUSES,
  WorkflowAction,
} from '../workflow';
import { civilDate, maxChars, minChars, oneOf, trim } from './field-rules';
import { LIMITS } from './reporter.dto';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

export class ListReportsQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @oneOf(STATUSES)
  status?: IntegrityStatus;

  @ApiPropertyOptional({ enum: KINDS })
  @IsOptional()
  @oneOf(KINDS)
  kind?: ReportKind;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class DismissalDto {
  @ApiProperty({
    description: 'Why the report cannot be taken further (recorded; not shown to the reporter)',
  })
  @trim()
  @IsString()
  @minChars(5)
  @maxChars(2000)
  reason!: string;
}

export class ReferralDto {
  @ApiProperty({ enum: AGENCIES })
  @oneOf(AGENCIES)
  agency!: Agency;

  @ApiPropertyOptional({ description: 'Name of the agency; required when agency is `other`' })
  @ValidateIf((o: ReferralDto) => o.agency === 'other' || o.agencyName !== undefined)
  @trim()
  @IsString()
  @minChars(2)
  @maxChars(LIMITS.shortText)
  agencyName?: string;

  @ApiProperty({ format: 'date' })
  @civilDate()
  referredOn!: string;

  @ApiProperty({ example: 'ที่ มท 0123/456' })
  @trim()
  @IsString()
  @minChars(1)
  @maxChars(100)
  letterNumber!: string;
}

export class CommitteeMemberDto {
  @ApiProperty()
  @trim()
  @IsString()
  @minChars(1)
  @maxChars(LIMITS.shortText)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @trim()
  @IsString()
  @maxChars(LIMITS.shortText)
  position?: string;
}

export class FactFindingDto {
  @ApiProperty({ description: 'Number of the order appointing the committee (คำสั่ง)' })
  @trim()
  @IsString()
  @minChars(1)
  @maxChars(100)
  orderNumber!: string;

  @ApiProperty({ format: 'date' })
  @civilDate()
  orderDate!: string;

  @ApiProperty({ type: [CommitteeMemberDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CommitteeMemberDto)
  committee!: CommitteeMemberDto[];
}

export class ActionTakenDto {
  @ApiProperty({ enum: ACTION_TAKEN_KINDS })
  @oneOf(ACTION_TAKEN_KINDS)
  kind!: ActionTakenKind;

  @ApiProperty()
  @trim()
  @IsString()
  @minChars(1)
  @maxChars(2000)
  description!: string;
}

export class ConclusionDto {
  @ApiProperty({ enum: OUTCOMES })
  @oneOf(OUTCOMES)
  outcome!: Outcome;

  @ApiPropertyOptional()
  @IsOptional()
  @trim()
  @IsString()
  @maxChars(LIMITS.evidence)
  summary?: string;

  @ApiPropertyOptional({
    type: [ActionTakenDto],
    description: 'Disciplinary, criminal or other action; required when substantiated',
  })
  @ValidateIf((o: ConclusionDto) => o.outcome === 'substantiated' || o.actionsTaken !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ActionTakenDto)
  actionsTaken?: ActionTakenDto[];
}

export class ClosureDto {
  @ApiPropertyOptional()
  @IsOptional()
  @trim()
  @IsString()
  @maxChars(2000)
  note?: string;
}

/** One workflow step; carries the details its action needs (see GET /integrity-reports/workflow). */
export class TransitionDto {
  @ApiProperty({ enum: ACTIONS })
  @oneOf(ACTIONS)
  action!: WorkflowAction;

  @ApiPropertyOptional({ type: DismissalDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DismissalDto)
  dismissal?: DismissalDto;

  @ApiPropertyOptional({ type: ReferralDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralDto)
  referral?: ReferralDto;

  @ApiPropertyOptional({ type: FactFindingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => FactFindingDto)
  factFinding?: FactFindingDto;

  @ApiPropertyOptional({ type: ConclusionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConclusionDto)
  conclusion?: ConclusionDto;

  @ApiPropertyOptional({ type: ClosureDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClosureDto)
  closure?: ClosureDto;
}

export class RecusalDto {
  @ApiProperty({ format: 'uuid', description: 'The integrity officer who must not see this report' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ description: 'The conflict of interest' })
  @trim()
  @IsString()
  @minChars(5)
  @maxChars(1000)
  reason!: string;
}

export class GrantDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @trim()
  @IsString()
  @maxChars(1000)
  reason?: string;
}

export class IdentityRequestDto {
  @ApiProperty({ minLength: 30, description: 'Why the investigation needs to know who the reporter is' })
  @trim()
  @IsString()
  @minChars(30)
  @maxChars(2000)
  justification!: string;
}

export class IdentityDecisionDto {
  @ApiProperty({ enum: ['approve', 'deny'] })
  @oneOf(['approve', 'deny'])
  decision!: 'approve' | 'deny';

  @ApiProperty()
  @trim()
  @IsString()
  @minChars(5)
  @maxChars(2000)
  reason!: string;
}

export class PendingRequestsQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'denied'], default: 'pending' })
  @IsOptional()
  @oneOf(['pending', 'approved', 'denied'])
  status?: 'pending' | 'approved' | 'denied';
}
