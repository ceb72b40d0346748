import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { NationalStatisticsQuery, OpenDataQuery, StatisticsQuery } from './dto/statistics-query.dto';
import { OpenDataService } from './open-data.service';
import {
  ComplaintStatisticsView,
  IntegrityStatisticsView,
  NationalStatisticsView,
} from './dto/statistics-views';
import { complaintStatisticsCsv, integrityStatisticsCsv, nationalStatisticsCsv } from './statistics-csv';
import { StatisticsService } from './statistics.service';

const CSV = 'text/csv; charset=utf-8';

function sendCsv(reply: FastifyReply, filename: string, body: string): string {
  void reply.header('content-type', CSV).header('content-disposition', `attachment; filename="${filename}"`);
  return body;
}

/** Published statistics and open data: anyone may read them (global rate limit). */
@ApiTags('public: statistics and open data')
@Public()
@Controller()
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly openData: OpenDataService,
  ) {}

  @Get('orgs/:orgSlug/statistics/complaints')
  @ApiOperation({ summary: 'Statistics of general complaints received in a fiscal year, quarter or month' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ComplaintStatisticsView, description: 'JSON, or with ?format=csv a CSV file' })
  async complaints(
    @Param('orgSlug') orgSlug: string,
    @Query() q: StatisticsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const s = await this.statistics.complaints(orgSlug, q);
    if (q.format !== 'csv') return s;
    return sendCsv(reply, `complaints-${orgSlug}-${periodName(s.period)}.csv`, complaintStatisticsCsv(s));
  }

  @Get('orgs/:orgSlug/statistics/integrity-reports')
  @ApiOperation({
    summary: 'Statistics of corruption and misconduct reports (cells below 3 published as "<3")',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: IntegrityStatisticsView, description: 'JSON, or with ?format=csv a CSV file' })
  async integrityReports(
    @Param('orgSlug') orgSlug: string,
    @Query() q: StatisticsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const s = await this.statistics.integrityReports(orgSlug, q);
    if (q.format !== 'csv') return s;
    return sendCsv(
      reply,
      `integrity-reports-${orgSlug}-${periodName(s.period)}.csv`,
      integrityStatisticsCsv(s),
    );
  }

  @Get('statistics/complaints')
  @ApiOperation({
    summary:
      'General complaints of the country (or one province): totals by province and by type of organisation, and one row per organisation',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: NationalStatisticsView, description: 'JSON, or with ?format=csv a CSV file' })
  async national(@Query() q: NationalStatisticsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const s = await this.statistics.national(q);
    if (q.format !== 'csv') return s;
    const scope = q.province ? 'province' : 'all';
    return sendCsv(reply, `complaints-${scope}-${periodName(s.period)}.csv`, nationalStatisticsCsv(s));
  }

  @Get('orgs/:orgSlug/open-data/complaints')
  @ApiOperation({
    summary: 'Every general complaint of a fiscal year without personal data, streamed (CSV or JSON lines)',
  })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({
    description: 'CSV (default) or JSON lines (?format=jsonl), one complaint a line',
    schema: { type: 'string' },
  })
  async openDataComplaints(@Param('orgSlug') orgSlug: string, @Query() q: OpenDataQuery) {
    const format = q.format ?? 'csv';
    const stream = await this.openData.complaints(orgSlug, q.fiscalYear, format);
    return new StreamableFile(stream, {
      type: format === 'csv' ? CSV : 'application/x-ndjson; charset=utf-8',
      disposition: `attachment; filename="complaints-${orgSlug}-${q.fiscalYear}.${format}"`,
    });
  }
}

/** The file name's period, from the answer (the query may leave the fiscal year to the default). */
const periodName = (q: { fiscalYear: number; quarter?: number | null; month?: string | null }): string =>
  q.month ? q.month : q.quarter ? `${q.fiscalYear}-q${q.quarter}` : String(q.fiscalYear);
