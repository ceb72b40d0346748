import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DEADLINE_MODES, DeadlineMode } from '../day-counting';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class DeadlineRuleView {
  @ApiProperty({ enum: DEADLINE_MODES, description: 'calendar days, or working days only' })
  mode!: DeadlineMode;
  @ApiProperty({ example: 15, description: "N, in the mode's unit" }) days!: number;
  @ApiProperty({
    type: [Number],
    example: [3, 1],
    description: 'reminders, working days before the due date',
  })
  reminderWorkingDaysBefore!: number[];
  @ApiProperty({ example: 15, description: 'longest extension without a supervisor' })
  maxExtensionDays!: number;
}

export class DeadlineRulePatch {
  @ApiPropertyOptional({ enum: DEADLINE_MODES })
  @IsOptional()
  @IsIn(DEADLINE_MODES)
  mode?: DeadlineMode;

  @ApiPropertyOptional({ minimum: 1, maximum: 365 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(60, { each: true })
  reminderWorkingDaysBefore?: number[];

  @ApiPropertyOptional({ minimum: 1, maximum: 365 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  maxExtensionDays?: number;
}

export class DeadlineRulesView {
  @ApiProperty({ type: DeadlineRuleView, description: 'general complaints (15 days by default)' })
  complaint!: DeadlineRuleView;
  @ApiProperty({ type: DeadlineRuleView, description: 'first answer to an integrity report' })
  integrity_report!: DeadlineRuleView;
  @ApiProperty({
    type: DeadlineRuleView,
    description: 'conclusion of an integrity report (90 days by default)',
  })
  integrity_report_conclusion!: DeadlineRuleView;
}

export class DeadlineRulesPatch {
  @ApiPropertyOptional({ type: DeadlineRulePatch })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeadlineRulePatch)
  complaint?: DeadlineRulePatch;

  @ApiPropertyOptional({ type: DeadlineRulePatch })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeadlineRulePatch)
  integrity_report?: DeadlineRulePatch;

  @ApiPropertyOptional({ type: DeadlineRulePatch })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeadlineRulePatch)
  integrity_report_conclusion?: DeadlineRulePatch;
}

export class OfficeHoursView {
  @ApiProperty({ example: '08:30' })
  @Matches(HHMM, { message: 'start must be HH:MM' })
  start!: string;

  @ApiProperty({ example: '16:30' })
  @Matches(HHMM, { message: 'end must be HH:MM' })
  end!: string;
}

/** An organisation's settings, every key with its value in force (defaults filled in). */
export class OrganizationSettingsView {
  @ApiProperty({ type: DeadlineRulesView }) deadlines!: DeadlineRulesView;
  @ApiProperty({ type: OfficeHoursView, description: 'Bangkok time; officers are notified inside them' })
  officeHours!: OfficeHoursView;
  @ApiProperty({ example: 80, description: 'share of satisfied complainants (4-5 of 5) aimed for, percent' })
  satisfactionTargetPercent!: number;
  @ApiProperty({
    description:
      "a complainant's online answer to a request for information resumes the case and its deadline clock " +
      '(off: officers are told and an officer resumes it)',
  })
  answerResumesClock!: boolean;
}

/** A change of settings: only the keys given change. New rules apply to cases received afterwards. */
export class OrganizationSettingsPatch {
  @ApiPropertyOptional({ type: DeadlineRulesPatch })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeadlineRulesPatch)
  deadlines?: DeadlineRulesPatch;

  @ApiPropertyOptional({ type: OfficeHoursView })
  @IsOptional()
  @ValidateNested()
  @Type(() => OfficeHoursView)
  officeHours?: OfficeHoursView;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  satisfactionTargetPercent?: number;

  @ApiPropertyOptional({ description: "a complainant's online answer resumes the clock automatically" })
  @IsOptional()
  @IsBoolean()
  answerResumesClock?: boolean;
}
