import { ApiProperty } from '@nestjs/swagger';
import { OrganizationType } from '../../organizations/organization-types';
import { BELOW_THRESHOLD, HIDDEN } from '../suppression';

/**
 * The published statistics as the OpenAPI document shows them (StatisticsService builds them; the
 * e2e tests check every answer against these classes). Each figure's definition is in `definitions`.
 */
class Text {
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

const DEFINITIONS = {
  type: 'object',
  additionalProperties: { $ref: '#/components/schemas/StatisticsText' },
  description: 'The definition of every figure, in Thai and English',
} as const;

export class StatisticsText extends Text {}

const SUBMISSIONS_BY_KIND =
  'Complaints, suggestions and compliments received in the period, every kind listed; every other ' +
  'figure (and the 15-day compliance) counts complaints only';

export class StatisticsOrganization {
  @ApiProperty({ example: 'demo' }) slug!: string;
  @ApiProperty() nameTh!: string;
}

export class StatisticsPeriod {
  @ApiProperty({ example: 2569 }) fiscalYear!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4, nullable: true }) quarter!: number | null;
  @ApiProperty({ type: String, example: '2026-04', nullable: true }) month!: string | null;
  @ApiProperty({ format: 'date' }) firstDay!: string;
  @ApiProperty({ format: 'date' }) lastDay!: string;
  @ApiProperty({ example: 'Asia/Bangkok' }) timeZone!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) toExclusive!: string;
  @ApiProperty({ type: StatisticsText }) label!: StatisticsText;
}

export class DeadlineFigures {
  @ApiProperty() withResult!: number;
  @ApiProperty() met!: number;
  @ApiProperty() metByExplanation!: number;
  @ApiProperty() missed!: number;
  @ApiProperty() openPastDeadline!: number;
  @ApiProperty() due!: number;
  @ApiProperty() compliant!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null when nothing was due' })
  compliancePercent!: number | null;
}

export class SatisfactionFigures {
  @ApiProperty() responses!: number;
  @ApiProperty({ type: Number, nullable: true }) meanRating!: number | null;
  @ApiProperty() satisfied!: number;
  @ApiProperty({ type: Number, nullable: true }) satisfiedPercent!: number | null;
  @ApiProperty({ example: 80 }) targetPercent!: number;
  @ApiProperty({ type: Boolean, nullable: true }) meetsTarget!: boolean | null;
}

export class StatusGroupFigures {
  @ApiProperty() inProgress!: number;
  @ApiProperty() resolved!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() referred!: number;
  @ApiProperty() duplicate!: number;
}

export class DaysToResult {
  @ApiProperty() cases!: number;
  @ApiProperty({ type: Number, nullable: true }) median!: number | null;
  @ApiProperty({ type: Number, nullable: true }) mean!: number | null;
}

export class ComplaintHeadlineFigures {
  @ApiProperty() received!: number;
  @ApiProperty() open!: number;
  @ApiProperty() closed!: number;
  @ApiProperty({ type: StatusGroupFigures }) byStatusGroup!: StatusGroupFigures;
  @ApiProperty({ type: DeadlineFigures }) deadline!: DeadlineFigures;
  @ApiProperty({ type: DaysToResult }) daysToResult!: DaysToResult;
  @ApiProperty() reopened!: number;
  @ApiProperty({ type: SatisfactionFigures }) satisfaction!: SatisfactionFigures;
}

export class ComplaintCell {
  @ApiProperty() code!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() received!: number;
  @ApiProperty() open!: number;
  @ApiProperty() withResult!: number;
  @ApiProperty() met!: number;
  @ApiProperty() metByExplanation!: number;
  @ApiProperty() missed!: number;
  @ApiProperty() openPastDeadline!: number;
  @ApiProperty({ type: Number, nullable: true }) compliancePercent!: number | null;
  @ApiProperty({ type: Number, nullable: true }) meanDaysToResult!: number | null;
  @ApiProperty() reopened!: number;
}

export class ComplaintBreakdowns {
  @ApiProperty({ type: [ComplaintCell] }) byCategory!: ComplaintCell[];
  @ApiProperty({ type: [ComplaintCell] }) byChannel!: ComplaintCell[];
  @ApiProperty({ type: [ComplaintCell] }) byUnit!: ComplaintCell[];
  @ApiProperty({ type: [ComplaintCell] }) byMonth!: ComplaintCell[];
}

/** General submissions of one kind: counted apart from the complaint figures. */
export class SubmissionKindCell {
  @ApiProperty({ enum: ['complaint', 'suggestion', 'compliment'] }) code!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() received!: number;
  @ApiProperty({ description: 'with an answer (resolved, closed, not accepted, referred, duplicate)' })
  answered!: number;
  @ApiProperty() open!: number;
}

export class ComplaintStatisticsView {
  @ApiProperty({ type: StatisticsOrganization }) organization!: StatisticsOrganization;
  @ApiProperty({ type: StatisticsPeriod }) period!: StatisticsPeriod;
  @ApiProperty({ format: 'date-time' }) computedAt!: string;
  @ApiProperty({
    example: 5,
    description: 'STATISTICS_MIN_SAMPLE: a percentage computed over fewer cases than this is null',
  })
  minimumSample!: number;
  @ApiProperty({ type: ComplaintHeadlineFigures, description: 'complaints only (kind = complaint)' })
  figures!: ComplaintHeadlineFigures;
  @ApiProperty({ type: [SubmissionKindCell], description: SUBMISSIONS_BY_KIND })
  submissionsByKind!: SubmissionKindCell[];
  @ApiProperty({ type: ComplaintBreakdowns }) breakdowns!: ComplaintBreakdowns;
  @ApiProperty(DEFINITIONS) definitions!: Record<string, StatisticsText>;
}

export class IntegrityCell {
  @ApiProperty() code!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({
    oneOf: [{ type: 'integer' }, { type: 'string', enum: [BELOW_THRESHOLD, HIDDEN] }],
    description: `a count; "${BELOW_THRESHOLD}" below 3, "${HIDDEN}" hidden so that small cells cannot be worked out`,
  })
  value!: number | string;
}

export class IntegrityFigures {
  @ApiProperty() received!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() inProgress!: number;
  @ApiProperty({ type: [IntegrityCell] }) byKind!: IntegrityCell[];
  @ApiProperty({ type: [IntegrityCell] }) byAllegationType!: IntegrityCell[];
  @ApiProperty({ type: [IntegrityCell] }) byOutcome!: IntegrityCell[];
}

export class IntegrityStatisticsView {
  @ApiProperty({ type: StatisticsOrganization }) organization!: StatisticsOrganization;
  @ApiProperty({ type: StatisticsPeriod }) period!: StatisticsPeriod;
  @ApiProperty({ format: 'date-time' }) computedAt!: string;
  @ApiProperty({ type: IntegrityFigures }) figures!: IntegrityFigures;
  @ApiProperty(DEFINITIONS) definitions!: Record<string, StatisticsText>;
}

/** The figures of one row of the national view (an organisation, a province, a type, the country). */
export class NationalFigures {
  @ApiProperty() received!: number;
  @ApiProperty() open!: number;
  @ApiProperty() closed!: number;
  @ApiProperty() withResult!: number;
  @ApiProperty() met!: number;
  @ApiProperty() metByExplanation!: number;
  @ApiProperty() missed!: number;
  @ApiProperty() openPastDeadline!: number;
  @ApiProperty() due!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'null when fewer cases than minimumSample were due',
  })
  compliancePercent!: number | null;
  @ApiProperty() reopened!: number;
  @ApiProperty() satisfactionResponses!: number;
  @ApiProperty({ type: Number, nullable: true }) meanRating!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null below minimumSample responses' })
  satisfiedPercent!: number | null;
}

export class NationalRow extends NationalFigures {
  @ApiProperty() slug!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty({ type: String, nullable: true }) dlaCode!: string | null;
  @ApiProperty({ enum: OrganizationType, nullable: true }) type!: OrganizationType | null;
  @ApiProperty({ type: String, nullable: true }) province!: string | null;
  @ApiProperty({ type: String, nullable: true }) district!: string | null;
}

export class NationalTotal extends NationalFigures {
  @ApiProperty({ description: 'organisations counted' }) organizations!: number;
}

export class ProvinceTotal extends NationalTotal {
  @ApiProperty({ type: String, nullable: true, description: 'null: organisations without a province' })
  province!: string | null;
}

export class TypeTotal extends NationalTotal {
  @ApiProperty({ enum: OrganizationType, nullable: true }) type!: OrganizationType | null;
  @ApiProperty() nameTh!: string;
  @ApiProperty() nameEn!: string;
}

export class NationalStatisticsView {
  @ApiProperty({ type: StatisticsPeriod }) period!: StatisticsPeriod;
  @ApiProperty({ format: 'date-time' }) computedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the province asked for, or null: the country' })
  province!: string | null;
  @ApiProperty({
    example: 5,
    description: 'STATISTICS_MIN_SAMPLE: a percentage computed over fewer cases than this is null',
  })
  minimumSample!: number;
  @ApiProperty({ type: NationalTotal }) total!: NationalTotal;
  @ApiProperty({ type: [ProvinceTotal] }) byProvince!: ProvinceTotal[];
  @ApiProperty({ type: [TypeTotal] }) byType!: TypeTotal[];
  @ApiProperty({ type: [SubmissionKindCell], description: SUBMISSIONS_BY_KIND })
  submissionsByKind!: SubmissionKindCell[];
  @ApiProperty({ type: [NationalRow], description: 'complaints only (kind = complaint)' })
  organizations!: NationalRow[];
  @ApiProperty(DEFINITIONS) definitions!: Record<string, StatisticsText>;
}

export class AnnualNarrativeView {
  @ApiProperty() problems!: string;
  @ApiProperty() obstacles!: string;
  @ApiProperty() solutions!: string;
  @ApiProperty() preventiveActions!: string;
}

/** What supervisors and executives see of a year's report. */
export class AnnualReportDraftView {
  @ApiProperty({ example: 2569 }) fiscalYear!: number;
  @ApiProperty({ type: AnnualNarrativeView }) narrative!: AnnualNarrativeView;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'uuid' }) updatedById!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) publishedById!: string | null;
  @ApiProperty({ type: AnnualNarrativeView, nullable: true }) publishedNarrative!: AnnualNarrativeView | null;
}

/** The published report: the narrative with the figures as they were when it was published. */
export class PublishedAnnualReportView {
  @ApiProperty({ type: StatisticsOrganization }) organization!: StatisticsOrganization;
  @ApiProperty({ example: 2569 }) fiscalYear!: number;
  @ApiProperty() titleTh!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: AnnualNarrativeView }) narrative!: AnnualNarrativeView;
  @ApiProperty({ type: ComplaintStatisticsView }) complaints!: ComplaintStatisticsView;
  @ApiProperty({ type: IntegrityStatisticsView }) integrityReports!: IntegrityStatisticsView;
}
