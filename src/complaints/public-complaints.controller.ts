import { LimitPerMinute } from '../infrastructure/http/route-limits';
import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/errors/api-errors';
import { ApiIdempotencyKey } from '../infrastructure/idempotency/api-idempotency-key';
import { Public } from '../common/auth/decorators';
import { ComplaintQueries } from './complaint-queries.service';
import { ComplaintsService } from './complaints.service';
import { ComplainantAnswerDto, ComplainantAnswerReceipt, FeedbackDto } from './dto/complaint-actions.dto';
import { PublicCategoryView, TrackingView } from './dto/complaint-views.dto';
import { ComplaintReceipt, SubmitComplaintDto } from './dto/submit-complaint.dto';

/** What citizens use without an account: file, follow, rate. */
@ApiTags('public: complaints')
@Public()
@Controller()
export class PublicComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly queries: ComplaintQueries,
  ) {}

  @Post('orgs/:orgSlug/complaints')
  @LimitPerMinute('publicWrite')
  @ApiOperation({ summary: 'File a complaint (no account needed). Keep the tracking code.' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ComplaintReceipt })
  submit(
    @Param('orgSlug') orgSlug: string,
    @Body() dto: SubmitComplaintDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<ComplaintReceipt> {
    return this.complaints.submitOnline(orgSlug, dto, idempotencyKey);
  }

  @Get('orgs/:orgSlug/categories')
  @ApiOperation({
    summary:
      'Active complaint categories with what each covers; the neutral "other / not sure" choice ' +
      "(neutral: true) first, then the organisation's order",
  })
  @ApiOkResponse({ type: [PublicCategoryView] })
  categories(@Param('orgSlug') orgSlug: string): Promise<PublicCategoryView[]> {
    return this.queries.categories(orgSlug);
  }

  @Get('track/:trackingCode')
  @LimitPerMinute('tracking')
  @ApiOperation({ summary: 'Status and public timeline of a complaint by its tracking code' })
  @ApiOkResponse({ type: TrackingView })
  track(@Param('trackingCode') code: string): Promise<TrackingView> {
    return this.queries.track(code);
  }

  @Post('track/:trackingCode/answers')
  @LimitPerMinute('publicWrite')
  @ApiOperation({
    summary:
      'Answer a request for information (while the status is awaiting_info). The answer joins the ' +
      "case history and the officers are told; with the organisation's answerResumesClock (default) " +
      'the case is back in progress and its deadline clock runs again',
  })
  @ApiCreatedResponse({ type: ComplainantAnswerReceipt })
  @ApiErrors(409)
  answer(
    @Param('trackingCode') code: string,
    @Body() dto: ComplainantAnswerDto,
  ): Promise<ComplainantAnswerReceipt> {
    return this.complaints.answerRequest(code, dto);
  }

  @Post('track/:trackingCode/feedback')
  @HttpCode(204)
  @LimitPerMinute('publicWrite')
  @ApiOperation({ summary: 'Rate the service (1-5) once the complaint has a result; accepted once' })
  @ApiNoContentResponse({ description: 'thank you' })
  @ApiErrors(409)
  feedback(@Param('trackingCode') code: string, @Body() dto: FeedbackDto): Promise<void> {
    return this.complaints.giveFeedback(code, dto);
  }
}
