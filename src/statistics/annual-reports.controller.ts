import { Body, Controller, Get, HttpCode, Param, PipeTransform, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Public, Roles } from '../common/auth/decorators';
import { Role } from '../users/roles';
import { AnnualReportsService } from './annual-reports.service';
import { AnnualNarrativeDto } from './dto/annual-report.dto';
import { AnnualReportQuery, FISCAL_YEAR_TEXT, FISCAL_YEARS } from './dto/statistics-query.dto';
import { AnnualReportDraftView, PublishedAnnualReportView } from './dto/statistics-views';
import { DomainError } from '../common/errors/domain-error';

/** `{fiscalYear}` in the path: an integer year of the Buddhist Era in the accepted range, or 400. */
class FiscalYearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= FISCAL_YEARS.minimum && year <= FISCAL_YEARS.maximum)) {
      throw new DomainError('VALIDATION_FAILED', [
        {
          field: 'fiscalYear',
          rule: 'range',
          message: `fiscalYear must be a year from ${FISCAL_YEARS.minimum} to ${FISCAL_YEARS.maximum}`,
          messageTh: `ปีงบประมาณต้องอยู่ระหว่าง ${FISCAL_YEARS.minimum} ถึง ${FISCAL_YEARS.maximum}`,
        },
      ]);
    }
    return year;
  }
}
const fiscalYearPipe = new FiscalYearPipe();
const ApiFiscalYear = () =>
  ApiParam({
    name: 'fiscalYear',
    description: FISCAL_YEAR_TEXT,
    schema: { type: 'integer', ...FISCAL_YEARS },
  });

/** Officers: write (supervisors) and publish (supervisors, executives) the yearly summary report. */
@ApiTags('annual report')
@ApiFiscalYear()
@Controller('reports/annual')
export class AnnualReportsController {
  constructor(private readonly reports: AnnualReportsService) {}

  @Get(':fiscalYear')
  @Roles(Role.Supervisor, Role.Executive)
  @ApiOperation({ summary: 'The draft narrative of a fiscal year and when it was last published' })
  @ApiOkResponse({ type: AnnualReportDraftView })
  draft(@CurrentActor() actor: Actor, @Param('fiscalYear', fiscalYearPipe) fiscalYear: number) {
    return this.reports.draft(actor, fiscalYear);
  }

  @Put(':fiscalYear')
  @Roles(Role.Supervisor)
  @ApiOperation({ summary: 'Write the narrative: problems, obstacles, solutions, preventive actions' })
  @ApiOkResponse({ type: AnnualReportDraftView })
  write(
    @CurrentActor() actor: Actor,
    @Param('fiscalYear', fiscalYearPipe) fiscalYear: number,
    @Body() dto: AnnualNarrativeDto,
  ) {
    return this.reports.write(actor, fiscalYear, dto);
  }

  @Post(':fiscalYear/publish')
  @HttpCode(200)
  @Roles(Role.Supervisor, Role.Executive)
  @ApiOperation({ summary: 'Publish the narrative with the figures as they are now (again to update)' })
  @ApiOkResponse({ type: AnnualReportDraftView })
  publish(@CurrentActor() actor: Actor, @Param('fiscalYear', fiscalYearPipe) fiscalYear: number) {
    return this.reports.publish(actor, fiscalYear);
  }
}

/** Anyone: the published report, as JSON or (?format=html) a printable Thai page. */
@ApiTags('public: statistics and open data')
@Public()
@Controller('orgs/:orgSlug/reports/annual')
export class PublicAnnualReportsController {
  constructor(private readonly reports: AnnualReportsService) {}

  @Get()
  @ApiOperation({ summary: 'The published annual complaint report (404 until published)' })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({
    type: PublishedAnnualReportView,
    description: 'JSON, or with ?format=html a printable page',
  })
  async published(
    @Param('orgSlug') orgSlug: string,
    @Query() q: AnnualReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (q.format !== 'html') return this.reports.published(orgSlug, q.fiscalYear);
    const html = await this.reports.publishedHtml(orgSlug, q.fiscalYear);
    void reply.header('content-type', 'text/html; charset=utf-8');
    return html;
  }
}
