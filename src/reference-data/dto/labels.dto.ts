import { ApiProperty } from '@nestjs/swagger';
import {
  ACTION_TAKEN_KINDS,
  type ActionTakenKind,
  REPORTER_RELATIONS,
  type ReporterRelation,
} from '../../integrity-reports/workflow';

/** One code and what it is called on screen. */
export class LabelView {
  @ApiProperty({ example: 'walk_in' }) code!: string;
  @ApiProperty({ example: 'ยื่นด้วยตนเอง' }) th!: string;
  @ApiProperty({ example: 'Walk-in' }) en!: string;
}

/** A complaint action with the statuses it starts from and the roles that may take it. */
export class ActionLabelView extends LabelView {
  @ApiProperty({ isArray: true, type: String }) from!: string[];
  @ApiProperty({ example: 'assigned' }) to!: string;
  @ApiProperty({ isArray: true, type: String }) roles!: string[];
  @ApiProperty({ description: 'officers and unit heads may take it only on their unit’s cases' })
  unitScoped!: boolean;
}

export class ComplaintLabels {
  @ApiProperty({ type: [LabelView] }) statuses!: LabelView[];
  @ApiProperty({ type: [LabelView] }) channels!: LabelView[];
  @ApiProperty({ type: [LabelView], description: 'complaint, suggestion or compliment' }) kinds!: LabelView[];
  @ApiProperty({ type: [ActionLabelView] }) actions!: ActionLabelView[];
  @ApiProperty({ type: [LabelView], description: 'why a case is refused (reject: reasonCode)' })
  rejectReasons!: LabelView[];
  @ApiProperty({ type: [LabelView], description: "entries of a case's history (event type)" })
  eventTypes!: LabelView[];
}

/** A kind of action taken after a substantiated integrity report (conclusion.actionsTaken[].kind). */
export class ActionTakenLabelView {
  @ApiProperty({ enum: ACTION_TAKEN_KINDS, example: 'disciplinary' }) code!: ActionTakenKind;
  @ApiProperty({ example: 'ทางวินัย' }) th!: string;
  @ApiProperty({ example: 'Disciplinary' }) en!: string;
}

/** Who an integrity reporter is to the organisation (reporterRelation). */
export class ReporterRelationLabelView {
  @ApiProperty({ enum: REPORTER_RELATIONS, example: 'citizen' }) code!: ReporterRelation;
  @ApiProperty({ example: 'ประชาชน' }) th!: string;
  @ApiProperty({ example: 'Citizen' }) en!: string;
}

export class IntegrityLabels {
  @ApiProperty({ type: [LabelView] }) statuses!: LabelView[];
  @ApiProperty({ type: [LabelView] }) actions!: LabelView[];
  @ApiProperty({ type: [LabelView], description: 'complaint (ร้องเรียน) or tip (แจ้งเบาะแส)' })
  kinds!: LabelView[];
  @ApiProperty({ type: [LabelView] }) allegationTypes!: LabelView[];
  @ApiProperty({ type: [LabelView] }) agencies!: LabelView[];
  @ApiProperty({ type: [LabelView] }) outcomes!: LabelView[];
  @ApiProperty({
    type: [ActionTakenLabelView],
    description: 'what was done after a substantiated report (disciplinary, criminal…)',
  })
  actionsTaken!: ActionTakenLabelView[];
  @ApiProperty({
    type: [ReporterRelationLabelView],
    description: 'who the reporter is to the organisation (citizen, staff, contractor, other)',
  })
  reporterRelations!: ReporterRelationLabelView[];
}

/** Every code the clients show, with its Thai and English label: the one source they read. */
export class LabelsView {
  @ApiProperty({ type: [LabelView] }) roles!: LabelView[];
  @ApiProperty({ type: ComplaintLabels }) complaints!: ComplaintLabels;
  @ApiProperty({ type: IntegrityLabels }) integrityReports!: IntegrityLabels;
  @ApiProperty({
    type: [LabelView],
    description: "a deadline's state (on track, due soon, overdue, outcomes)",
  })
  deadlineStates!: LabelView[];
  @ApiProperty({ type: [LabelView], description: 'who attached a file (citizen, reporter, officer)' })
  attachmentSources!: LabelView[];
  @ApiProperty({ type: [LabelView], description: 'kinds of local government (อบต., เทศบาล…)' })
  organizationTypes!: LabelView[];
  @ApiProperty({ type: [LabelView], description: "a mail message's status (failed mail page)" })
  mailStatuses!: LabelView[];
  @ApiProperty({ type: [LabelView], description: 'who a mail message is for' })
  mailRecipients!: LabelView[];
  @ApiProperty({ type: [LabelView], description: "a protected role's request: pending, approved, denied" })
  roleRequestStatuses!: LabelView[];
  @ApiProperty({ type: [LabelView], description: 'national, substitute, special or local holiday' })
  holidayKinds!: LabelView[];
  @ApiProperty({
    type: [LabelView],
    description: "a deadline rule: complaints, integrity reports' first answer or conclusion",
  })
  deadlineTracks!: LabelView[];
  @ApiProperty({ type: [LabelView], description: 'how a deadline counts: calendar or working days' })
  deadlineModes!: LabelView[];
  @ApiProperty({ type: [LabelView], description: 'what an audit entry is about (its entityType)' })
  auditEntityTypes!: LabelView[];
}
