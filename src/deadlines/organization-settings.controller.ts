import { Body, Controller, Get, Injectable, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { Role } from '../users/roles';
import { BusinessCalendarService } from './business-calendar.service';
import { deadlineSettings, officeHours, satisfactionTargetPercent } from './deadline-settings';
import { DEADLINE_TRACKS } from './deadline-track';
import { OrganizationSettingsPatch, OrganizationSettingsView } from './dto/organization-settings.dto';

type Settings = Record<string, unknown>;
const isRecord = (v: unknown): v is Settings => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads and changes an organisation's settings (deadline rules, office hours, satisfaction target, whether
 * a complainant's online answer resumes the clock).
 */
@Injectable()
export class OrganizationSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly calendars: BusinessCalendarService,
  ) {}

  async get(actor: Actor): Promise<OrganizationSettingsView> {
    const org = await this.db.getRepository(Organization).findOneByOrFail({ id: actor.organizationId });
    return view(org);
  }

  async update(actor: Actor, patch: OrganizationSettingsPatch): Promise<OrganizationSettingsView> {
    if (patch.officeHours && patch.officeHours.start >= patch.officeHours.end) {
      throw new DomainError('VALIDATION_FAILED', [
        { field: 'officeHours.end', rule: 'afterStart', message: 'officeHours.end must be after start' },
      ]);
    }
    const org = await this.db.transaction(async (tx) => {
      const o = await tx.findOneOrFail(Organization, {
        where: { id: actor.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      const before = view(o);
      const settings: Settings = { ...(o.settings ?? {}) };
      if (patch.deadlines) {
        const deadlines: Settings = isRecord(settings.deadlines) ? { ...settings.deadlines } : {};
        for (const track of DEADLINE_TRACKS) {
          const change = patch.deadlines[track];
          if (change) deadlines[track] = { ...deadlineSettings(o, track), ...change };
        }
        settings.deadlines = deadlines;
      }
      if (patch.officeHours) settings.officeHours = { ...patch.officeHours };
      if (patch.satisfactionTargetPercent !== undefined) {
        settings.satisfactionTargetPercent = patch.satisfactionTargetPercent;
      }
      if (patch.answerResumesClock !== undefined) o.answerResumesClock = patch.answerResumesClock;
      o.settings = settings;
      await tx.save(o);
      await this.audit.record(tx, actor, {
        action: 'organization.settings',
        entityType: 'organization',
        entityId: o.id,
        before: { ...before },
        after: { ...view(o) },
      });
      return o;
    });
    this.organizations.forget(org);
    this.calendars.invalidate();
    return view(org);
  }
}

function view(org: Organization): OrganizationSettingsView {
  return {
    deadlines: {
      complaint: deadlineSettings(org, 'complaint'),
      integrity_report: deadlineSettings(org, 'integrity_report'),
      integrity_report_conclusion: deadlineSettings(org, 'integrity_report_conclusion'),
    },
    officeHours: officeHours(org),
    satisfactionTargetPercent: satisfactionTargetPercent(org),
    answerResumesClock: org.answerResumesClock,
  };
}

@ApiTags('organizations')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('organization/settings')
export class OrganizationSettingsController {
  constructor(private readonly service: OrganizationSettingsService) {}

  @Get()
  @ApiOperation({ summary: "My organisation's settings, defaults filled in (administrators)" })
  @ApiOkResponse({ type: OrganizationSettingsView })
  get(@CurrentActor() actor: Actor): Promise<OrganizationSettingsView> {
    return this.service.get(actor);
  }

  @Patch()
  @ApiOperation({
    summary:
      'Change deadline rules (mode and days per track), office hours, the satisfaction target or whether a ' +
      "complainant's online answer resumes the clock; only the " +
      'keys given change, new rules apply to cases received afterwards (administrators; audited)',
  })
  @ApiOkResponse({ type: OrganizationSettingsView })
  update(
    @CurrentActor() actor: Actor,
    @Body() patch: OrganizationSettingsPatch,
  ): Promise<OrganizationSettingsView> {
    return this.service.update(actor, patch);
  }
}
