import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock/clock';
import { DomainError } from '../common/errors/domain-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { renderAnnualReport } from './annual-report.html';
import { AnnualNarrativeDto } from './dto/annual-report.dto';
import { AnnualReport } from './entities/annual-report.entity';
import { ComplaintStatistics, IntegrityStatistics, StatisticsService } from './statistics.service';

const ENTITY = 'annual_report';

/** The yearly summary report: supervisors write it, supervisors or executives publish it. */
@Injectable()
export class AnnualReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly statistics: StatisticsService,
    private readonly organizations: OrganizationsService,
  ) {}

  async draft(actor: Actor, fiscalYear: number) {
    const row = await this.db
      .getRepository(AnnualReport)
      .findOneBy({ organizationId: actor.organizationId, fiscalYear });
    if (!row) throw new DomainError('ANNUAL_REPORT_NOT_FOUND');
    return this.officerView(row);
  }

  async write(actor: Actor, fiscalYear: number, dto: AnnualNarrativeDto) {
    this.statistics.period({ fiscalYear });
    const narrative = {
      problems: dto.problems,
      obstacles: dto.obstacles,
      solutions: dto.solutions,
      preventiveActions: dto.preventiveActions,
    };
    return this.db.transaction(async (tx) => {
      await tx
        .createQueryBuilder()
        .insert()
        .into(AnnualReport)
        .values({ organizationId: actor.organizationId, fiscalYear, narrative, updatedById: actor.userId })
        .orIgnore()
        .execute();
      const row = await tx.findOneOrFail(AnnualReport, {
        where: { organizationId: actor.organizationId, fiscalYear },
        lock: { mode: 'pessimistic_write' },
      });
      const before = row.narrative;
      row.narrative = narrative;
      row.updatedById = actor.userId;
      const saved = await tx.save(row);
      await this.audit.record(tx, actor, {
        action: `${ENTITY}.write`,
        entityType: ENTITY,
        entityId: row.id,
        before: { narrative: before },
        after: { fiscalYear, narrative },
      });
      return this.officerView(saved);
    });
  }

  /** Publishes the draft with the year's figures computed now (not from the cache). */
  async publish(actor: Actor, fiscalYear: number) {
    const org = await this.organizations.byId(actor.organizationId);
    const period = this.statistics.period({ fiscalYear });
    const [complaints, integrityReports] = await Promise.all([
      this.statistics.computeComplaints(org, period),
      this.statistics.computeIntegrity(org, period),
    ]);
    return this.db.transaction(async (tx) => {
      const row = await tx.findOne(AnnualReport, {
        where: { organizationId: actor.organizationId, fiscalYear },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new DomainError('ANNUAL_REPORT_NOT_FOUND');
      const previous = row.publishedAt;
      row.published = { narrative: row.narrative, complaints, integrityReports };
      row.publishedAt = this.clock.now();
      row.publishedById = actor.userId;
      const saved = await tx.save(row);
      await this.audit.record(tx, actor, {
        action: `${ENTITY}.publish`,
        entityType: ENTITY,
        entityId: row.id,
        before: { publishedAt: previous },
        after: { fiscalYear, publishedAt: row.publishedAt, narrative: row.narrative },
      });
      return this.officerView(saved);
    });
  }

  /**
   * The published report, for anyone. Until it is published: 404 ANNUAL_REPORT_NOT_PUBLISHED whose
   * details name the year and where its live figures are, so a page can say "not yet published" and
   * link to them instead of guessing from a bare 404.
   */
  async published(orgSlug: string, fiscalYear: number) {
    const org = await this.organizations.bySlug(orgSlug);
    const row = await this.db.getRepository(AnnualReport).findOneBy({ organizationId: org.id, fiscalYear });
    if (!row?.published || !row.publishedAt) {
      const base = `/api/v1/orgs/${org.slug}`;
      throw new DomainError('ANNUAL_REPORT_NOT_PUBLISHED', {
        fiscalYear,
        published: false,
        liveFigures: {
          complaints: `${base}/statistics/complaints?fiscalYear=${fiscalYear}`,
          integrityReports: `${base}/statistics/integrity-reports?fiscalYear=${fiscalYear}`,
          openData: `${base}/open-data/complaints?fiscalYear=${fiscalYear}`,
        },
      });
    }
    return {
      organization: { slug: org.slug, nameTh: org.nameTh },
      fiscalYear,
      titleTh: `รายงานสรุปผลการดำเนินการเรื่องร้องเรียน ประจำปีงบประมาณ ${fiscalYear}`,
      titleEn: `Annual complaint report, fiscal year ${fiscalYear}`,
      publishedAt: row.publishedAt.toISOString(),
      narrative: row.published.narrative,
      complaints: row.published.complaints as ComplaintStatistics,
      integrityReports: row.published.integrityReports as IntegrityStatistics,
    };
  }

  async publishedHtml(orgSlug: string, fiscalYear: number): Promise<string> {
    return renderAnnualReport(await this.published(orgSlug, fiscalYear));
  }

  private officerView(row: AnnualReport) {
    return {
      fiscalYear: row.fiscalYear,
      narrative: row.narrative,
      updatedAt: row.updatedAt.toISOString(),
      updatedById: row.updatedById,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      publishedById: row.publishedById,
      publishedNarrative: row.published?.narrative ?? null,
    };
  }
}

export type PublicAnnualReport = Awaited<ReturnType<AnnualReportsService['published']>>;
