import {
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  StreamableFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { download, FileResponse, UploadRoute } from '../attachments/download';
import { AttachmentView } from '../attachments/dto/attachment-views';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Public, Roles } from '../common/auth/decorators';
import { ApiErrors } from '../common/errors/api-errors';
import { REPORTER_SCHEME } from '../infrastructure/http/openapi-contract';
import { Role } from '../users/roles';
import { EvidenceService } from './evidence.service';
import { NoStoreInterceptor } from './no-store.interceptor';
import { CurrentReporter, ReporterSession, ReporterSessionGuard } from './reporter-session';

const uuid = new ParseUUIDPipe();

/** Integrity officers with access to the report: evidence files, encrypted, every download audited. */
@ApiTags('integrity-reports: officers')
@ApiBearerAuth()
@Roles(Role.IntegrityOfficer)
@UseInterceptors(NoStoreInterceptor)
@Controller('integrity-reports/:id/attachments')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @UploadRoute()
  @ApiOperation({
    summary: 'Attach evidence or documents (multipart, parts named "file"); encrypted, audited',
  })
  @ApiCreatedResponse({ type: [AttachmentView] })
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentView[]> {
    return this.evidence.officerUpload(actor, id, request);
  }

  @Get()
  @ApiOperation({ summary: 'Evidence files of the report (the reporter’s and the officers’)' })
  @ApiOkResponse({ type: [AttachmentView] })
  list(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<AttachmentView[]> {
    return this.evidence.officerList(actor, id);
  }

  @Get(':attachmentId')
  @ApiOperation({ summary: 'Download an evidence file (decrypted with my key; audited)' })
  @FileResponse('file')
  async file(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
  ): Promise<StreamableFile> {
    return download(await this.evidence.officerDownload(actor, id, attachmentId, 'file'));
  }

  @Get(':attachmentId/thumbnail')
  @ApiOperation({ summary: 'A small WebP preview of an evidence image (audited)' })
  @FileResponse('thumbnail')
  async thumbnail(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
  ): Promise<StreamableFile> {
    return download(await this.evidence.officerDownload(actor, id, attachmentId, 'thumbnail'));
  }
}

/** The reporter, with the receipt session: add evidence, see what the report holds. */
@ApiTags('integrity-reports: reporter')
@Public()
@UseGuards(ReporterSessionGuard)
@ApiBearerAuth(REPORTER_SCHEME)
@UseInterceptors(NoStoreInterceptor)
@Controller('integrity-reports/session/attachments')
export class ReporterEvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @UploadRoute()
  @ApiOperation({
    summary:
      'Add evidence files (multipart, parts named "file"): metadata removed, encrypted, names not kept',
  })
  @ApiCreatedResponse({ type: [AttachmentView] })
  @ApiErrors(409)
  upload(
    @CurrentReporter() session: ReporterSession,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentView[]> {
    return this.evidence.reporterUpload(session, request);
  }

  @Get()
  @ApiOperation({ summary: 'Files of my report' })
  @ApiOkResponse({ type: [AttachmentView] })
  list(@CurrentReporter() session: ReporterSession): Promise<AttachmentView[]> {
    return this.evidence.reporterList(session);
  }

  @Get(':attachmentId')
  @ApiOperation({ summary: 'Download a file of my report' })
  @FileResponse('file')
  @ApiErrors(409)
  async file(
    @CurrentReporter() session: ReporterSession,
    @Param('attachmentId', uuid) attachmentId: string,
  ): Promise<StreamableFile> {
    return download(await this.evidence.reporterDownload(session, attachmentId, 'file'));
  }

  @Get(':attachmentId/thumbnail')
  @ApiOperation({ summary: 'A small WebP preview of an image of my report' })
  @FileResponse('thumbnail')
  @ApiErrors(409)
  async thumbnail(
    @CurrentReporter() session: ReporterSession,
    @Param('attachmentId', uuid) attachmentId: string,
  ): Promise<StreamableFile> {
    return download(await this.evidence.reporterDownload(session, attachmentId, 'thumbnail'));
  }
}
