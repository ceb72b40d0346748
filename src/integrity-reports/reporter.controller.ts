import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Public } from '../common/auth/decorators';
import { ApiErrors } from '../common/errors/api-errors';
import { REPORTER_SCHEME } from '../infrastructure/http/openapi-contract';
import {
  AllegationTypeView,
  OpenSessionDto,
  ReceiptView,
  MessageBodyDto,
  ReporterMessageView,
  ReporterReportView,
  ReporterSessionView,
  SubmitIntegrityReportDto,
} from './dto/reporter.dto';
import { NoStoreInterceptor } from './no-store.interceptor';
import { CurrentReporter, ReporterSession, ReporterSessionGuard, ReporterToken } from './reporter-session';
import { ReporterService } from './reporter.service';

/**
 * The reporter's side: no account. Public for the officers' guard; the session routes check the
 * reporter's own token. The client address is read here only to derive the throttle pseudonym.
 */
@ApiTags('integrity-reports: reporter')
@Public()
@UseInterceptors(NoStoreInterceptor)
@Controller()
export class ReporterController {
  constructor(private readonly reporter: ReporterService) {}

  @Get('orgs/:orgSlug/integrity-reports/allegation-types')
  @ApiOperation({ summary: 'Kinds of wrongdoing a report can allege (for the form)' })
  @ApiOkResponse({ type: [AllegationTypeView] })
  allegationTypes(@Param('orgSlug') orgSlug: string): Promise<AllegationTypeView[]> {
    return this.reporter.allegationTypes(orgSlug);
  }

  @Post('orgs/:orgSlug/integrity-reports')
  @ApiOperation({
    summary: 'Report corruption or misconduct, anonymously if you wish',
    description:
      'Answers only a receipt: 16 digits shown once and never again. Keep it: it is the only way back to the report.',
  })
  @ApiCreatedResponse({ type: ReceiptView })
  @ApiErrors(409)
  async submit(
    @Param('orgSlug') orgSlug: string,
    @Body() dto: SubmitIntegrityReportDto,
    @Req() request: FastifyRequest,
  ): Promise<ReceiptView> {
    return { receipt: await this.reporter.submit(orgSlug, dto, request.ip) };
  }

  @Post('orgs/:orgSlug/integrity-reports/session')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open a short reporter session with the receipt' })
  @ApiErrors(401)
  @ApiOkResponse({ type: ReporterSessionView })
  openSession(
    @Param('orgSlug') orgSlug: string,
    @Body() dto: OpenSessionDto,
    @Req() request: FastifyRequest,
  ): Promise<ReporterSessionView> {
    return this.reporter.openSession(orgSlug, dto.receipt, request.ip);
  }

  @Get('integrity-reports/session/report')
  @UseGuards(ReporterSessionGuard)
  @ApiBearerAuth(REPORTER_SCHEME)
  @ApiOperation({ summary: 'Status, messages from the officers and the response due date' })
  @ApiOkResponse({ type: ReporterReportView })
  report(@CurrentReporter() session: ReporterSession): Promise<ReporterReportView> {
    return this.reporter.view(session);
  }

  @Post('integrity-reports/session/messages')
  @UseGuards(ReporterSessionGuard)
  @ApiBearerAuth(REPORTER_SCHEME)
  @ApiOperation({ summary: 'Add information for the officers' })
  @ApiCreatedResponse({ type: ReporterMessageView })
  @ApiErrors(409)
  addInformation(
    @CurrentReporter() session: ReporterSession,
    @Body() dto: MessageBodyDto,
  ): Promise<ReporterMessageView> {
    return this.reporter.addInformation(session, dto.body);
  }

  @Delete('integrity-reports/session')
  @HttpCode(204)
  @UseGuards(ReporterSessionGuard)
  @ApiBearerAuth(REPORTER_SCHEME)
  @ApiOperation({ summary: 'End the reporter session now' })
  @ApiNoContentResponse({ description: 'the session has ended' })
  closeSession(@ReporterToken() token: string): Promise<void> {
    return this.reporter.closeSession(token);
  }
}
