import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { download, FileResponse, UploadRoute } from '../attachments/download';
import {
  AttachmentView,
  AttachmentVisibilityDto,
  OfficerUploadQuery,
  PublicAttachmentView,
} from '../attachments/dto/attachment-views';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Public, Roles } from '../common/auth/decorators';
import { ApiErrors } from '../common/errors/api-errors';
import { UuidPipe } from '../common/validation/uuid.pipe';
import { LimitPerMinute } from '../infrastructure/http/route-limits';
import { READING_ROLES, WRITING_ROLES } from './complaint-access';
import { ComplaintAttachments } from './complaint-attachments.service';

/** Officers: the files of a complaint they may see; documents of their own, internal or public. */
@ApiTags('complaints: attachments')
@ApiBearerAuth()
@Roles(...READING_ROLES)
@Controller('complaints')
export class ComplaintAttachmentsController {
  constructor(private readonly files: ComplaintAttachments) {}

  @Post(':id/attachments')
  @Roles(...WRITING_ROLES)
  @UploadRoute()
  @ApiOperation({
    summary:
      'Attach documents or photos (multipart, parts named "file"); ?visibility=public shows them on the tracking page',
  })
  @ApiCreatedResponse({ type: [AttachmentView] })
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Query() query: OfficerUploadQuery,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentView[]> {
    return this.files.officerUpload(actor, id, query.visibility === 'public', request);
  }

  @Get(':id/attachments')
  @ApiOperation({ summary: 'Files of the complaint: the complainant’s and the officers’, with previews' })
  @ApiOkResponse({ type: [AttachmentView] })
  list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<AttachmentView[]> {
    return this.files.list(actor, id);
  }

  @Post('attachments/:attachmentId/visibility')
  @HttpCode(200)
  @Roles(...WRITING_ROLES)
  @ApiOperation({ summary: 'Publish a file on the tracking page, or take it back (audited)' })
  @ApiOkResponse({ type: AttachmentView })
  visibility(
    @CurrentActor() actor: Actor,
    @Param('attachmentId', UuidPipe) attachmentId: string,
    @Body() dto: AttachmentVisibilityDto,
  ): Promise<AttachmentView> {
    return this.files.setVisibility(actor, attachmentId, dto.isPublic);
  }

  @Get('attachments/:attachmentId')
  @Header('x-content-type-options', 'nosniff')
  @Header('cache-control', 'private, no-store')
  @ApiOperation({ summary: 'Download a file (as an attachment, with its stored type)' })
  @FileResponse('file')
  async file(
    @CurrentActor() actor: Actor,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    return download(await this.files.officerDownload(actor, attachmentId, 'file'));
  }

  @Get('attachments/:attachmentId/thumbnail')
  @Header('x-content-type-options', 'nosniff')
  @Header('cache-control', 'private, no-store')
  @ApiOperation({ summary: 'A small WebP preview of an image' })
  @FileResponse('thumbnail')
  async thumbnail(
    @CurrentActor() actor: Actor,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    return download(await this.files.officerDownload(actor, attachmentId, 'thumbnail'));
  }
}

/** Citizens, with the tracking code: add photos while the complaint takes them; see published files. */
@ApiTags('public: complaints')
@Public()
@Controller('track/:trackingCode/attachments')
export class PublicComplaintAttachmentsController {
  constructor(private readonly files: ComplaintAttachments) {}

  @Post()
  @UploadRoute('publicWrite')
  @ApiOperation({
    summary:
      'Attach photos or PDF to my complaint (multipart, parts named "file"): just after filing, or when asked for information',
  })
  @ApiCreatedResponse({ type: [PublicAttachmentView] })
  @ApiErrors(409)
  upload(
    @Param('trackingCode') code: string,
    @Req() request: FastifyRequest,
  ): Promise<PublicAttachmentView[]> {
    return this.files.citizenUpload(code, request);
  }

  @Get()
  @LimitPerMinute('tracking')
  @ApiOperation({ summary: 'Files an officer published on the tracking page' })
  @ApiOkResponse({ type: [PublicAttachmentView] })
  list(@Param('trackingCode') code: string): Promise<PublicAttachmentView[]> {
    return this.files.publicList(code);
  }

  @Get(':attachmentId')
  @Header('x-content-type-options', 'nosniff')
  @Header('cache-control', 'private, no-store')
  @ApiOperation({ summary: 'Download a published file' })
  @FileResponse('file')
  async file(
    @Param('trackingCode') code: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    return download(await this.files.publicDownload(code, attachmentId, 'file'));
  }

  @Get(':attachmentId/thumbnail')
  @Header('x-content-type-options', 'nosniff')
  @Header('cache-control', 'private, no-store')
  @ApiOperation({ summary: 'A small WebP preview of a published image' })
  @FileResponse('thumbnail')
  async thumbnail(
    @Param('trackingCode') code: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    return download(await this.files.publicDownload(code, attachmentId, 'thumbnail'));
  }
}
