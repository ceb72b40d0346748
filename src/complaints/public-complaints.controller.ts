import { LimitPerMinute } from '../infrastructure/http/route-limits';
import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/decorators';
import { ComplaintQueries } from './complaint-queries.service';
import { ComplaintsService } from './complaints.service';
import { FeedbackDto } from './dto/complaint-actions.dto';
import { TrackingView } from './dto/complaint-views.dto';
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
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the first answer',
  })
  @ApiCreatedResponse({ type: ComplaintReceipt })
  submit(
    @Param('orgSlug') orgSlug: string,
    @Body() dto: SubmitComplaintDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<ComplaintReceipt> {
    return this.complaints.submitOnline(orgSlug, dto, idempotencyKey);
  }

  @Get('orgs/:orgSlug/categories')
  @ApiOperation({ summary: 'Active complaint categories of an organisation' })
  categories(@Param('orgSlug') orgSlug: string) {
    return this.queries.categories(orgSlug);
  }

  @Get('track/:trackingCode')
  @LimitPerMinute('tracking')
  @ApiOperation({ summary: 'Status and public timeline of a complaint by its tracking code' })
  @ApiOkResponse({ type: TrackingView })
  track(@Param('trackingCode') code: string): Promise<TrackingView> {
    return this.queries.track(code);
  }

  @Post('track/:trackingCode/feedback')
  @HttpCode(204)
  @LimitPerMinute('publicWrite')
  @ApiOperation({ summary: 'Rate the service (1-5) once the complaint has a result; accepted once' })
  feedback(@Param('trackingCode') code: string, @Body() dto: FeedbackDto): Promise<void> {
    return this.complaints.giveFeedback(code, dto);
  }
}
