import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Public, Roles } from '../common/auth/decorators';
import { Role } from '../users/roles';
import { AnnualReportsService } from './annual-reports.service';
import { AnnualNarrativeDto } from './dto/annual-report.dto';
import { AnnualReportQuery } from './dto/statistics-query.dto';

/** Officers: write (supervisors) and publish (supervisors, executives) the yearly summary report. */
@ApiTags('annual report')
@ApiBearerAuth()
@Controller('reports/annual')
export class AnnualReportsController {
  constructor(private readonly reports: AnnualReportsService) {}

  @Get(':fiscalYear')
  @Roles(Role.Supervisor, Role.Executive)
  @ApiOperation({ summary: 'The draft narrative of a fiscal year and when it was last published' })
  draft(@CurrentActor() actor: Actor, @Param('fiscalYear', ParseIntPipe) fiscalYear: number) {
    return this.reports.draft(actor, fiscalYear);
  }

  @Put(':fiscalYear')
  @Roles(Role.Supervisor)
  @ApiOperation({ summary: 'Write the narrative: problems, obstacles, solutions, preventive actions' })
  write(
    @CurrentActor() actor: Actor,
    @Param('fiscalYear', ParseIntPipe) fiscalYear: number,
    @Body() dto: AnnualNarrativeDto,
  ) {
    return this.reports.write(actor, fiscalYear, dto);
  }

  @Post(':fiscalYear/publish')
  @HttpCode(200)
  @Roles(Role.Supervisor, Role.Executive)
  @ApiOperation({ summary: 'Publish the narrative with the figures as they are now (again to update)' })
  publish(@CurrentActor() actor: Actor, @Param('fiscalYear', ParseIntPipe) fiscalYear: number) {
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
