import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEADLINE_MODES, DeadlineMode, SkippedDay } from '../day-counting';
import { DEADLINE_TRACKS, DeadlineTrack } from '../deadline-track';
import type { DeadlineState } from '../deadline-rules';
import type { DeadlineChangeKind } from '../entities/case-deadline-change.entity';
import type { DeadlineOutcome } from '../entities/case-deadline.entity';

const STATES = ['on_track', 'due_soon', 'overdue', 'met', 'met_by_explanation', 'missed'];
const OUTCOMES = ['met', 'met_by_explanation', 'missed'];

export class DeadlineExtensionView {
  @ApiProperty({ format: 'date' }) previousDueDate!: string;
  @ApiProperty({ format: 'date' }) newDueDate!: string;
  @ApiProperty({ description: "the officer's explanation, told to the complainant" }) reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: Date;
  @ApiProperty({ description: 'recorded before the due date passed: counts as the explanation' })
  timely!: boolean;
}

/** A case's deadline as the tracks show it. Dates are Bangkok civil dates (YYYY-MM-DD). */
export class DeadlineView {
  @ApiProperty({ enum: DEADLINE_TRACKS }) track!: DeadlineTrack;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: Date;
  @ApiProperty({ format: 'date' }) receivedDate!: string;
  @ApiProperty({ enum: DEADLINE_MODES }) mode!: DeadlineMode;
  @ApiProperty() periodDays!: number;
  @ApiProperty({ format: 'date' }) originalDueDate!: string;
  @ApiProperty({ format: 'date' }) currentDueDate!: string;
  @ApiProperty() extended!: boolean;
  @ApiProperty({ type: [DeadlineExtensionView] }) extensions!: DeadlineExtensionView[];
  @ApiProperty({ description: "closed pauses, in the mode's unit" }) pausedDays!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) pausedSince!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) firstResponseAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) explainedAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) overdueSince!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resultAt!: Date | null;
  @ApiProperty({ enum: OUTCOMES, nullable: true }) outcome!: DeadlineOutcome | null;
  @ApiProperty({ enum: STATES }) state!: DeadlineState;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'due_soon from this day' })
  reminderFrom!: string | null;
  @ApiProperty({ format: 'date', description: 'very overdue after this day' }) veryOverdueDate!: string;
}

export class SkippedDayView implements SkippedDay {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ enum: ['weekend', 'holiday'] }) reason!: 'weekend' | 'holiday';
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() nameEn?: string;
}

export class DeadlineCountView {
  @ApiProperty({ description: 'N, plus the paused days for the current count' }) daysCounted!: number;
  @ApiProperty({ format: 'date', description: 'day 1: the day after receipt' }) startDate!: string;
  @ApiProperty({ format: 'date', description: 'the N-th counted day' }) lastCountedDate!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ type: [SkippedDayView] }) skipped!: SkippedDayView[];
}

export class DeadlinePauseView {
  @ApiProperty({ format: 'date-time' }) pausedAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resumedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Number }) pausedDays!: number | null;
}

export class DeadlineChangeView {
  @ApiProperty({ enum: ['extension', 'resume', 'holiday_change'] }) kind!: DeadlineChangeKind;
  @ApiProperty({ format: 'date' }) previousDueDate!: string;
  @ApiProperty({ format: 'date' }) newDueDate!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: Date;
}

export class DeadlineReminderView {
  @ApiProperty() workingDaysBefore!: number;
  @ApiProperty({ format: 'date' }) date!: string;
}

/** How a deadline was computed: for the case page "how was this date computed?". */
export class DeadlineExplanation {
  @ApiProperty({ example: 'Asia/Bangkok' }) timeZone!: string;
  @ApiProperty({ type: DeadlineView }) deadline!: DeadlineView;
  @ApiProperty({ type: DeadlineCountView, description: 'the count at receipt, with the current holidays' })
  original!: DeadlineCountView;
  @ApiProperty({
    type: DeadlineCountView,
    nullable: true,
    description: 'the count behind the current due date (null when an extension set it)',
  })
  current!: DeadlineCountView | null;
  @ApiProperty({ type: [DeadlinePauseView] }) pauses!: DeadlinePauseView[];
  @ApiProperty({ type: [DeadlineChangeView], description: 'every change of the due date, oldest first' })
  changes!: DeadlineChangeView[];
  @ApiProperty({ type: [DeadlineReminderView] }) reminders!: DeadlineReminderView[];
  @ApiProperty({ description: 'the rule and the result in Thai' }) summaryTh!: string;
  @ApiProperty() summaryEn!: string;
}
