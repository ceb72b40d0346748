import { Controller, Get, Header, Injectable, Module } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/decorators';
import { CHANNEL_LABELS } from '../complaints/channels';
import { SUBMISSION_KIND_LABELS } from '../complaints/submission-kinds';
import { ACTION_LABELS, STATUS_LABELS, TRANSITIONS } from '../complaints/complaint-workflow';
import {
  ACTION_TAKEN_TEXT,
  AGENCY_TEXT,
  KIND_TEXT,
  OUTCOME_TEXT,
  REPORTER_RELATION_TEXT,
  STATUS_TEXT,
  TRANSITIONS as INTEGRITY_TRANSITIONS,
} from '../integrity-reports/workflow';
import { ROLE_LABELS } from '../users/roles';
import { ATTACHMENT_SOURCE_LABELS } from '../attachments/entities/attachment.entity';
import { REJECTION_REASON_LABELS } from '../complaints/dto/complaint-actions.dto';
import { EVENT_TYPE_LABELS } from '../complaints/entities/complaint-event.entity';
import { DEADLINE_STATE_LABELS } from '../deadlines/deadline-rules';
import { ORGANIZATION_TYPE_LABELS } from '../organizations/organization-types';
import { HOLIDAY_KIND_LABELS } from '../deadlines/entities/holiday.entity';
import { OUTBOX_STATUS_LABELS } from '../notifications/entities/outbox-message.entity';
import { RECIPIENT_KIND_LABELS } from '../notifications/message-template';
import { ROLE_REQUEST_STATUS_LABELS } from '../users/entities/role-request.entity';
import { DEADLINE_TRACK_LABELS } from '../deadlines/deadline-track';
import { DEADLINE_MODE_LABELS } from '../deadlines/day-counting';
import { AUDIT_ENTITY_LABELS } from '../audit/audit-entity-types';
import { LabelsView, LabelView } from './dto/labels.dto';
import { AllegationType } from './entities/allegation-type.entity';

/** A code → names table as the labels route lists it. */
export const entries = <C extends string>(
  labels: Record<C, { th: string; en: string }>,
): (LabelView & { code: C })[] =>
  (Object.entries(labels) as [C, { th: string; en: string }][]).map(([code, { th, en }]) => ({
    code,
    th,
    en,
  }));

@Injectable()
export class LabelsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async labels(): Promise<LabelsView> {
    const allegationTypes = await this.db
      .getRepository(AllegationType)
      .find({ where: { isActive: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
    return {
      roles: entries(ROLE_LABELS),
      complaints: {
        statuses: entries(STATUS_LABELS),
        channels: entries(CHANNEL_LABELS),
        kinds: entries(SUBMISSION_KIND_LABELS),
        actions: TRANSITIONS.map((t) => ({
          code: t.action,
          ...ACTION_LABELS[t.action],
          from: [...t.from],
          to: t.to,
          roles: [...t.roles],
          unitScoped: t.unitScoped,
        })),
        rejectReasons: entries(REJECTION_REASON_LABELS),
        eventTypes: entries(EVENT_TYPE_LABELS),
      },
      integrityReports: {
        statuses: entries(STATUS_TEXT),
        actions: INTEGRITY_TRANSITIONS.map((t) => ({ code: t.action, th: t.labelTh, en: t.labelEn })),
        kinds: entries(KIND_TEXT),
        allegationTypes: allegationTypes.map((a) => ({ code: a.code, th: a.nameTh, en: a.nameEn })),
        agencies: entries(AGENCY_TEXT),
        outcomes: entries(OUTCOME_TEXT),
        actionsTaken: entries(ACTION_TAKEN_TEXT),
        reporterRelations: entries(REPORTER_RELATION_TEXT),
      },
      deadlineStates: entries(DEADLINE_STATE_LABELS),
      attachmentSources: entries(ATTACHMENT_SOURCE_LABELS),
      organizationTypes: entries(ORGANIZATION_TYPE_LABELS),
      mailStatuses: entries(OUTBOX_STATUS_LABELS),
      mailRecipients: entries(RECIPIENT_KIND_LABELS),
      roleRequestStatuses: entries(ROLE_REQUEST_STATUS_LABELS),
      holidayKinds: entries(HOLIDAY_KIND_LABELS),
      deadlineTracks: entries(DEADLINE_TRACK_LABELS),
      deadlineModes: entries(DEADLINE_MODE_LABELS),
      auditEntityTypes: entries(AUDIT_ENTITY_LABELS),
    };
  }
}

@ApiTags('reference')
@Public()
@Controller('labels')
export class LabelsController {
  constructor(private readonly service: LabelsService) {}

  @Get()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: 'Labels (Thai and English) of every code the clients show: statuses, channels, roles, actions',
  })
  @ApiOkResponse({ type: LabelsView })
  labels(): Promise<LabelsView> {
    return this.service.labels();
  }
}

@Module({ controllers: [LabelsController], providers: [LabelsService] })
export class ReferenceDataModule {}
