import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DeadlineState } from '../../deadlines/deadline-rules';
import {
  ACTIONS,
  IntegrityStatus,
  KINDS,
  ReportKind,
  STATUSES,
  TransitionDetails,
  WorkflowAction,
} from '../workflow';

const TRANSITION_DETAILS: TransitionDetails[] = [
  'dismissal',
  'referral',
  'factFinding',
  'conclusion',
  'closure',
];

const DEADLINE_STATES = ['on_track', 'due_soon', 'overdue', 'met', 'met_by_explanation', 'missed'];

/** Officers see days, never instants: see the README, "Integrity reports". */
export class ReportSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'IR-2569-0007' }) number!: string;
  @ApiProperty({ enum: KINDS }) kind!: ReportKind;
  @ApiProperty() allegationType!: string;
  @ApiProperty({ enum: STATUSES }) status!: IntegrityStatus;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description:
      'The first response to the reporter is due by this day (deadline engine, track integrity_report)',
  })
  firstResponseDueOn!: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) firstResponseOn!: string | null;
  @ApiPropertyOptional({
    enum: DEADLINE_STATES,
    nullable: true,
    description: 'State of the response deadline; met/missed once the reporter was answered',
  })
  responseDeadline!: DeadlineState | null;
  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description:
      'The decision (not admissible, referred, concluded) is due by this day (track integrity_report_conclusion)',
  })
  conclusionDueOn!: string | null;
  @ApiPropertyOptional({ enum: DEADLINE_STATES, nullable: true }) conclusionDeadline!: DeadlineState | null;
  @ApiProperty({ description: 'Whether the reporter gave an identity (never the identity itself)' })
  identityProvided!: boolean;
}

export class ReportListView {
  @ApiProperty({ type: [ReportSummaryView] }) items!: ReportSummaryView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ConversationMessageView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['reporter', 'officer'] }) from!: 'reporter' | 'officer';
  @ApiPropertyOptional({ nullable: true, type: String }) officer!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date' }) on!: string;
}

export class NoteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() officer!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date' }) on!: string;
}

export class HistoryView {
  @ApiProperty({ enum: ACTIONS }) action!: WorkflowAction;
  @ApiProperty({ enum: STATUSES }) from!: IntegrityStatus;
  @ApiProperty({ enum: STATUSES }) to!: IntegrityStatus;
  @ApiProperty() officer!: string;
  @ApiProperty({ format: 'date' }) on!: string;
}

export class ReportDetailView extends ReportSummaryView {
  @ApiProperty() description!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'as the reporter gave it',
  })
  accused!: object | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) incidentDate!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) incidentPeriod!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) place!: string | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'as the reporter gave it',
  })
  evidence!: object | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reporterRelation!: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) decidedOn!: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) closedOn!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Particulars of each workflow step taken, by kind (see GET /integrity-reports/workflow)',
  })
  workflow!: object;
  @ApiProperty({ enum: ACTIONS, isArray: true }) allowedActions!: WorkflowAction[];
  @ApiProperty({ type: [ConversationMessageView] }) messages!: ConversationMessageView[];
  @ApiProperty({ type: [NoteView] }) notes!: NoteView[];
  @ApiProperty({ type: [HistoryView] }) history!: HistoryView[];
}

export class AccessEntryView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['granted', 'recused', 'none'] }) status!: 'granted' | 'recused' | 'none';
  @ApiProperty({ description: 'Whether this officer can read the report now' }) hasAccess!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) changedOn!: string | null;
}

export class OfficerRefView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class IdentityRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) reportId!: string;
  @ApiProperty({ example: 'IR-2569-0007' }) reportNumber!: string;
  @ApiProperty({ type: OfficerRefView }) requestedBy!: OfficerRefView;
  @ApiProperty() justification!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'denied'] }) status!: 'pending' | 'approved' | 'denied';
  @ApiProperty({ format: 'date' }) requestedOn!: string;
  @ApiPropertyOptional({ type: OfficerRefView, nullable: true }) decidedBy!: OfficerRefView | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decisionReason!: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) decidedOn!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'Readable until' })
  accessUntil!: string | null;
}

export class DisclosedIdentityView {
  @ApiPropertyOptional({ nullable: true, type: String }) name!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) email!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) nationalId!: string | null;
  @ApiProperty() consentToContact!: boolean;
}

export class WorkflowText {
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

export class TransitionView {
  @ApiProperty({ enum: ACTIONS }) action!: WorkflowAction;
  @ApiProperty({ enum: STATUSES, isArray: true }) from!: readonly IntegrityStatus[];
  @ApiProperty({ enum: STATUSES }) to!: IntegrityStatus;
  @ApiProperty({
    type: String,
    enum: [...TRANSITION_DETAILS, null],
    nullable: true,
    description: 'which particulars the step records (the field of that name in the request)',
  })
  details!: TransitionDetails | null;
  @ApiProperty() detailsRequired!: boolean;
  @ApiProperty({ description: 'a decision the reporter sees: it answers the reporter and is the result' })
  decision!: boolean;
  @ApiProperty() labelTh!: string;
  @ApiProperty() labelEn!: string;
}

const TEXTS = {
  type: 'object',
  additionalProperties: { $ref: '#/components/schemas/WorkflowText' },
} as const;

export class WorkflowView {
  @ApiProperty({ type: [TransitionView] }) transitions!: TransitionView[];
  @ApiProperty({ ...TEXTS, description: 'by status' }) statuses!: Record<string, WorkflowText>;
  @ApiProperty({ ...TEXTS, description: 'by agency a report can be referred to' }) agencies!: Record<
    string,
    WorkflowText
  >;
  @ApiProperty({ ...TEXTS, description: 'by outcome of a conclusion' }) outcomes!: Record<
    string,
    WorkflowText
  >;
}
