import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/errors/api-errors';
import { ApiIdempotencyKey } from '../infrastructure/idempotency/api-idempotency-key';
import { DeadlineExplanation } from '../deadlines/dto/deadline-view';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { UuidPipe } from '../common/validation/uuid.pipe';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { Role } from '../users/roles';
import { READING_ROLES } from './complaint-access';
import { ComplaintQueries } from './complaint-queries.service';
import { ComplaintAction } from './complaint-workflow';
import { COMPLAINT_TRACK } from './complaint-track';
import { ComplaintsService } from './complaints.service';
import {
  AssignDto,
  ExtendDeadlineDto,
  MarkDuplicateDto,
  NoteDto,
  OptionalNoteDto,
  PublicMessageDto,
  ReferDto,
  RejectDto,
  ReopenDto,
} from './dto/complaint-actions.dto';
import { ComplaintDetailView, ComplaintPage, ListComplaintsQuery } from './dto/complaint-views.dto';
import { ComplaintReceipt, RegisterComplaintDto } from './dto/submit-complaint.dto';
import { ComplaintAccess } from './complaint-access';
import { DomainError } from '../common/errors/domain-error';

/**
 * Officer routes for general complaints. Who may do what is decided by the workflow table
 * (complaint-workflow.ts) and ComplaintAccess; these routes only admit officers who may read them.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@Roles(...READING_ROLES)
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly queries: ComplaintQueries,
    private readonly deadlines: DeadlinesService,
    private readonly access: ComplaintAccess,
  ) {}

  @Post()
  @Roles(Role.Intake, Role.Supervisor)
  @ApiOperation({ summary: 'Register a complaint received offline (walk-in, phone, letter, …)' })
  @ApiCreatedResponse({ type: ComplaintReceipt })
  @ApiIdempotencyKey()
  register(
    @CurrentActor() actor: Actor,
    @Body() dto: RegisterComplaintDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<ComplaintReceipt> {
    return this.complaints.registerOffline(actor, dto, idempotencyKey);
  }

  @Get()
  @ApiOperation({ summary: 'List, filter, search and sort the complaints I may see' })
  @ApiOkResponse({ type: ComplaintPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListComplaintsQuery): Promise<ComplaintPage> {
    return this.queries.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One complaint with its full history and the actions open to me' })
  @ApiOkResponse({ type: ComplaintDetailView })
  detail(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.queries.detail(actor, id);
  }

  @Get(':id/deadline')
  @ApiOperation({ summary: 'How the due date was computed: days counted, skipped days, pauses, extensions' })
  @ApiOkResponse({ type: DeadlineExplanation })
  async deadline(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    await this.queries.assertVisible(actor, id);
    return this.deadlines.explain(COMPLAINT_TRACK, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDetailView, description: 'the complaint after the action' })
  @ApiErrors(409)
  @ApiOperation({ summary: 'Screening: accept as a complaint' })
  accept(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: OptionalNoteDto) {
    return this.act(a, id, { action: ComplaintAction.Accept, dto });
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDetailView, description: 'the complaint after the action' })
  @ApiErrors(409)
  @ApiOperation({
    summary: 'Screening: not a complaint / outside our remit / insufficient information (reason shown)',
  })
  reject(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: RejectDto) {
    return this.act(a, id, { action: ComplaintAction.Reject, dto });
  }

  @Post(':id/refer')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDetailView, description: 'the complaint after the action' })
  @ApiErrors(409)
  @ApiOperation({ summary: 'ส่งต่อ: refer to an outside agency (agency and date shown)' })
  refer(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: ReferDto) {
    return this.act(a, id, { action: ComplaintAction.Refer, dto });
  }

  @Post(':id/mark-duplicate')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDetailView, description: 'the complaint after the action' })
  @ApiErrors(409, 422)
  @ApiOperation({
    summary:
      'Mark as a duplicate of an earlier complaint, named by id or reference number (tracking shows the ' +
      'earlier one); 404 DUPLICATE_TARGET_NOT_FOUND, 422 DUPLICATE_TARGET_INVALID',
  })
  markDuplicate(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: MarkDuplicateDto) {
    return this.act(a, id, { action: ComplaintAction.MarkDuplicate, dto });
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDetailView, description: 'the complaint after the action' })
  @ApiErrors(409)
  @ApiOperation({ summary: 'Assign to a unit and optionally an officer' })
  assign(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: AssignDto) {
    return this.act(a, id, { action: ComplaintAction.Assign, dto });
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDetailView, description: 'the complaint after the action' })
  @ApiErrors(409)
  @ApiOperation({ summary: 'Start work' })
  start(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: OptionalNoteDto) {
    return this.act(a, id, { action: ComplaintAction.Start, dto });
  }

  @Post(':id/request-info')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDetailView, description: 'the complaint after the action' })
  @ApiErrors(409)
  @ApiOperation({ summary: 'Ask the complainant for information (the deadline clock pauses)' })
  requestInfo(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: PublicMessageDto) {
    return this.act(a, id, { action: ComplaintAction.RequestInfo, dto });
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDetailView, description: 'the complaint after the action' })
  @ApiErrors(409)
  @ApiOperation({ summary: 'Information received: resume work (the due date moves by the paused days)' })
  resume(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: OptionalNoteDto) {
    return this.act(a, id, { action: ComplaintAction.Resume, dto });
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDetailView, description: 'the complaint after the action' })
  @ApiErrors(409)
  @ApiOperation({ summary: 'Record the result (sent to the complainant)' })
  resolve(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: PublicMessageDto) {
    return this.act(a, id, { action: ComplaintAction.Resolve, dto });
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDetailView, description: 'the complaint after the action' })
  @ApiErrors(409)
  @ApiOperation({ summary: 'Close a resolved complaint' })
  close(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: OptionalNoteDto) {
    return this.act(a, id, { action: ComplaintAction.Close, dto });
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDetailView, description: 'the complaint after the action' })
  @ApiErrors(409)
  @ApiOperation({ summary: 'Reopen a resolved or closed complaint, with a reason' })
  reopen(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: ReopenDto) {
    return this.act(a, id, { action: ComplaintAction.Reopen, dto });
  }

  @Post(':id/notes')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'recorded' })
  @ApiErrors(409)
  @ApiOperation({ summary: 'Add an internal note or a public reply' })
  note(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: NoteDto) {
    return this.complaints.addNote(a, id, dto);
  }

  @Post(':id/extend-deadline')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'recorded' })
  @ApiErrors(409)
  @ApiOperation({
    summary: 'Cannot finish in time: record the reason and a new due date (the complainant is told)',
  })
  extend(@CurrentActor() a: Actor, @Param('id', UuidPipe) id: string, @Body() dto: ExtendDeadlineDto) {
    return this.complaints.extendDeadline(a, id, dto);
  }

  private async act(actor: Actor, id: string, input: Parameters<ComplaintsService['perform']>[2]) {
    if (!this.access.mayWrite(actor)) throw new DomainError('FORBIDDEN');
    await this.complaints.perform(actor, id, input);
    return this.queries.detail(actor, id);
  }
}
