import { ApiProperty } from '@nestjs/swagger';

/** The public handbooks' data: every class is what GET /orgs/{orgSlug}/handbook answers. */

class Named {
  @ApiProperty() code!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
}

export class HandbookContact {
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty({ example: '08:30', description: 'office hours, Bangkok time' }) officeHoursStart!: string;
  @ApiProperty({ example: '16:30' }) officeHoursEnd!: string;
}

export class HandbookOrganization {
  @ApiProperty() slug!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
  @ApiProperty({ type: HandbookContact }) contact!: HandbookContact;
}

export class HandbookStep {
  @ApiProperty() order!: number;
  @ApiProperty() titleTh!: string;
  @ApiProperty() textTh!: string;
}

export class HandbookDeadline {
  @ApiProperty({ enum: ['calendar', 'working_days'] }) mode!: string;
  @ApiProperty({ example: 'นับวันตามปฏิทิน' }) modeTh!: string;
  @ApiProperty({ example: 15 }) days!: number;
  @ApiProperty({ description: 'the rule in one Thai sentence' }) textTh!: string;
  @ApiProperty({ description: 'longest extension without a supervisor (in the mode’s unit)' })
  maxExtensionDays!: number;
}

export class HandbookChannel {
  @ApiProperty() code!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the page to use, for the online channel' })
  path!: string | null;
}

export class HandbookCategory {
  @ApiProperty() code!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty({ type: String, nullable: true }) descriptionTh!: string | null;
}

export class HandbookUnit extends Named {
  @ApiProperty({ type: [HandbookCategory], description: 'the categories routed to this unit' })
  categories!: HandbookCategory[];
}

export class HandbookKind {
  @ApiProperty({ enum: ['complaint', 'suggestion', 'compliment'] }) code!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ description: 'counted in the complaint figures, escalated when overdue' })
  escalatesWhenOverdue!: boolean;
}

export class ComplaintHandbook {
  @ApiProperty() titleTh!: string;
  @ApiProperty({ type: [HandbookChannel] }) channels!: HandbookChannel[];
  @ApiProperty({ type: [HandbookKind] }) kinds!: HandbookKind[];
  @ApiProperty() kindsTh!: string;
  @ApiProperty({ type: HandbookDeadline }) deadline!: HandbookDeadline;
  @ApiProperty({ description: "a complainant's online answer restarts the clock by itself" })
  answerResumesClock!: boolean;
  @ApiProperty({
    type: HandbookUnit,
    isArray: true,
    description: 'active units with the categories they handle',
  })
  units!: HandbookUnit[];
  @ApiProperty({
    type: [HandbookCategory],
    description: 'categories with no unit of their own: the complaint centre screens and routes them',
  })
  screenedCategories!: HandbookCategory[];
  @ApiProperty({ type: [HandbookStep] }) steps!: HandbookStep[];
}

export class IntegrityHandler {
  @ApiProperty({ example: 'integrity_officer' }) role!: string;
  @ApiProperty() roleTh!: string;
  @ApiProperty({ type: Named, nullable: true, description: 'the unit, when the organisation names one' })
  unit!: Named | null;
  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'names of the integrity officers, only when the organisation chose to publish them',
  })
  officerNames!: string[] | null;
}

export class IntegrityHandbook {
  @ApiProperty() titleTh!: string;
  @ApiProperty({ type: [HandbookChannel] }) channels!: HandbookChannel[];
  @ApiProperty({ type: IntegrityHandler }) handledBy!: IntegrityHandler;
  @ApiProperty({ type: HandbookDeadline, description: 'first response to the reporter' })
  responseDeadline!: HandbookDeadline;
  @ApiProperty({ type: HandbookDeadline, description: 'decision on the report' })
  conclusionDeadline!: HandbookDeadline;
  @ApiProperty({ type: [String] }) protectionTh!: string[];
  @ApiProperty({ type: [HandbookStep] }) steps!: HandbookStep[];
}

export class HandbookView {
  @ApiProperty({ type: HandbookOrganization }) organization!: HandbookOrganization;
  @ApiProperty({ format: 'date-time', description: 'generated from the live settings at this time' })
  generatedAt!: string;
  @ApiProperty({ type: ComplaintHandbook }) complaints!: ComplaintHandbook;
  @ApiProperty({ type: IntegrityHandbook }) integrityReports!: IntegrityHandbook;
}
