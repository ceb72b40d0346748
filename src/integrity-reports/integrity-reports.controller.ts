import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/errors/api-errors';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Role } from '../users/roles';
import {
  GrantDto,
  IdentityDecisionDto,
  IdentityRequestDto,
  ListReportsQuery,
  PendingRequestsQuery,
  RecusalDto,
  TransitionDto,
} from './dto/officer.dto';
import {
  AccessEntryView,
  ConversationMessageView,
  DisclosedIdentityView,
  IdentityRequestView,
  NoteView,
  ReportDetailView,
  ReportListView,
  ReportSummaryView,
  WorkflowText,
  WorkflowView,
} from './dto/officer-views';
import { IdentityDisclosureService } from './identity-disclosure.service';
import { IntegrityReportsService } from './integrity-reports.service';
import { NoStoreInterceptor } from './no-store.interceptor';
import { MessageBodyDto } from './dto/reporter.dto';
import { AGENCY_TEXT, OUTCOME_TEXT, STATUS_TEXT, TRANSITIONS } from './workflow';

const uuid = new ParseUUIDPipe();

/** Integrity officers only: administrators and every other role get 403. */
@ApiTags('integrity-reports: officers')
@ApiExtraModels(WorkflowText)
@ApiBearerAuth()
@Roles(Role.IntegrityOfficer)
@UseInterceptors(NoStoreInterceptor)
@Controller('integrity-reports')
export class IntegrityReportsController {
  constructor(
    private readonly reports: IntegrityReportsService,
    private readonly disclosure: IdentityDisclosureService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Reports I have access to (newest first)' })
  @ApiOkResponse({ type: ReportListView })
  list(@CurrentActor() actor: Actor, @Query() query: ListReportsQuery): Promise<ReportListView> {
    return this.reports.list(actor, query);
  }

  @Get('workflow')
  @ApiOperation({ summary: 'The workflow table: statuses, steps and what each step records' })
  @ApiOkResponse({ type: WorkflowView })
  workflow(): WorkflowView {
    return {
      transitions: [...TRANSITIONS],
      statuses: STATUS_TEXT,
      agencies: AGENCY_TEXT,
      outcomes: OUTCOME_TEXT,
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A report with its conversation, notes and history (the read is audited)' })
  @ApiOkResponse({ type: ReportDetailView })
  detail(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<ReportDetailView> {
    return this.reports.detail(actor, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a workflow step (see GET /integrity-reports/workflow)' })
  @ApiOkResponse({ type: ReportSummaryView })
  @ApiErrors(409)
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() dto: TransitionDto,
  ): Promise<ReportSummaryView> {
    return this.reports.transition(actor, id, dto);
  }

  @Post(':id/messages')
  @ApiOperation({ summary: 'Write to the reporter (they read it with their receipt)' })
  @ApiCreatedResponse({ type: ConversationMessageView })
  @ApiErrors(409)
  messageReporter(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() dto: MessageBodyDto,
  ): Promise<ConversationMessageView> {
    return this.reports.messageReporter(actor, id, dto.body);
  }

  @Post(':id/notes')
  @ApiOperation({ summary: 'Internal note for integrity officers (never shown to the reporter)' })
  @ApiCreatedResponse({ type: NoteView })
  addNote(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() dto: MessageBodyDto,
  ): Promise<NoteView> {
    return this.reports.addNote(actor, id, dto.body);
  }

  @Get(':id/access')
  @ApiOperation({ summary: 'Integrity officers and whether each can read this report' })
  @ApiOkResponse({ type: [AccessEntryView] })
  access(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<AccessEntryView[]> {
    return this.reports.accessList(actor, id);
  }

  @Post(':id/recusals')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recuse an officer (conflict of interest): they lose access' })
  @ApiOkResponse({ type: [AccessEntryView] })
  @ApiErrors(409)
  recuse(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() dto: RecusalDto,
  ): Promise<AccessEntryView[]> {
    return this.reports.recuse(actor, id, dto);
  }

  @Post(':id/grants')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give an integrity officer access (or lift a recusal)' })
  @ApiOkResponse({ type: [AccessEntryView] })
  @ApiErrors(409)
  grant(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() dto: GrantDto,
  ): Promise<AccessEntryView[]> {
    return this.reports.grant(actor, id, dto);
  }

  @Get(':id/identity-requests')
  @ApiOperation({ summary: 'Requests to learn the reporter’s identity, and their decisions' })
  @ApiOkResponse({ type: [IdentityRequestView] })
  identityRequests(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
  ): Promise<IdentityRequestView[]> {
    return this.disclosure.forReport(actor, id);
  }

  @Post(':id/identity-requests')
  @ApiOperation({
    summary: 'Ask a custodian to disclose the reporter’s identity, with a written justification',
  })
  @ApiCreatedResponse({ type: IdentityRequestView })
  @ApiErrors(409)
  requestIdentity(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() dto: IdentityRequestDto,
  ): Promise<IdentityRequestView> {
    return this.disclosure.request(actor, id, dto.justification);
  }

  @Get(':id/identity-requests/:requestId/identity')
  @ApiOperation({ summary: 'Read the identity under my approved request (audited, time-limited)' })
  @ApiOkResponse({ type: DisclosedIdentityView })
  @ApiErrors(409)
  readIdentity(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Param('requestId', uuid) requestId: string,
  ): Promise<DisclosedIdentityView> {
    return this.disclosure.read(actor, id, requestId);
  }
}

/** Custodians decide on identity requests; they never see reports. */
@ApiTags('integrity-reports: custodians')
@ApiBearerAuth()
@Roles(Role.Custodian)
@UseInterceptors(NoStoreInterceptor)
@Controller('integrity-reports/identity-requests')
export class IdentityRequestsController {
  constructor(private readonly disclosure: IdentityDisclosureService) {}

  @Get()
  @ApiOperation({ summary: 'Identity requests of my organisation (pending by default)' })
  @ApiOkResponse({ type: [IdentityRequestView] })
  list(@CurrentActor() actor: Actor, @Query() query: PendingRequestsQuery): Promise<IdentityRequestView[]> {
    return this.disclosure.forCustodian(actor, query.status ?? 'pending');
  }

  @Post(':requestId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or deny a request (not one of my own)' })
  @ApiOkResponse({ type: IdentityRequestView })
  @ApiErrors(409)
  decide(
    @CurrentActor() actor: Actor,
    @Param('requestId', uuid) requestId: string,
    @Body() dto: IdentityDecisionDto,
  ): Promise<IdentityRequestView> {
    return this.disclosure.decide(actor, requestId, dto);
  }
}
