import { Injectable } from '@nestjs/common';
import { CHANNEL_LABELS, ComplaintChannel } from '../complaints/channels';
import { categoryDescriptionTh } from '../complaints/category-descriptions';
import { ComplaintCategories } from '../complaints/complaint-categories';
import {
  escalatesWhenOverdue,
  SUBMISSION_KIND_LABELS,
  SUBMISSION_KINDS,
} from '../complaints/submission-kinds';
import { Clock } from '../common/clock/clock';
import { DeadlineSettings, deadlineSettings, officeHours } from '../deadlines/deadline-settings';
import { DeadlineTrack } from '../deadlines/deadline-track';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { ComplaintCategory } from '../reference-data/entities/complaint-category.entity';
import { OfficerDirectory } from '../users/officer-directory';
import { Role } from '../users/roles';
import {
  complaintSteps,
  INTEGRITY_PROTECTION_TH,
  integritySteps,
  KIND_HANDLING_TH,
  MODE_TH,
  periodTextTh,
} from './handbook-text';
import { HandbookDeadline, HandbookView } from './handbook.dto';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * The data of the two published handbooks (complaints, and the corruption channel), generated from the
 * organisation's live settings so that the printed procedure is always the one the system applies.
 *
 * Optional keys of `organizations.settings` it reads (absent keys give nulls or defaults):
 * - `contact`: `{ address, phone, email, website }`, shown as given;
 * - `handbook.integrityUnitCode`: the unit that handles corruption reports (else only the role);
 * - `handbook.publishIntegrityOfficerNames`: `true` to print the integrity officers' names (never by default).
 */
@Injectable()
export class HandbookService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly categories: ComplaintCategories,
    private readonly officers: OfficerDirectory,
    private readonly clock: Clock,
  ) {}

  async handbook(orgSlug: string): Promise<HandbookView> {
    const org = await this.organizations.bySlug(orgSlug);
    const [units, categories] = await Promise.all([
      this.organizations.units(org.id),
      this.categories.active(org.id),
    ]);
    const settings = isRecord(org.settings) ? org.settings : {};
    const contact = isRecord(settings.contact) ? settings.contact : {};
    const hours = officeHours(org);
    const complaintDeadline = deadlineSettings(org, 'complaint');
    const activeUnits = units.filter((u) => u.isActive);
    const category = (c: ComplaintCategory) => ({
      code: c.code,
      nameTh: c.nameTh,
      descriptionTh: categoryDescriptionTh(c),
    });
    const routed = new Set(activeUnits.map((u) => u.id));
    return {
      organization: {
        slug: org.slug,
        nameTh: org.nameTh,
        nameEn: org.nameEn,
        contact: {
          address: text(contact.address),
          phone: text(contact.phone),
          email: text(contact.email),
          website: text(contact.website),
          officeHoursStart: hours.start,
          officeHoursEnd: hours.end,
        },
      },
      generatedAt: this.clock.now().toISOString(),
      complaints: {
        titleTh: `คู่มือการจัดการเรื่องร้องเรียน/ร้องทุกข์ ${org.nameTh}`,
        channels: Object.values(ComplaintChannel).map((code) => ({
          code,
          nameTh: CHANNEL_LABELS[code].th,
          nameEn: CHANNEL_LABELS[code].en,
          path: code === ComplaintChannel.Web ? `/complain?org=${org.slug}` : null,
        })),
        kinds: SUBMISSION_KINDS.map((code) => ({
          code,
          nameTh: SUBMISSION_KIND_LABELS[code].th,
          nameEn: SUBMISSION_KIND_LABELS[code].en,
          escalatesWhenOverdue: escalatesWhenOverdue(code),
        })),
        kindsTh: KIND_HANDLING_TH,
        deadline: this.deadline(org, 'complaint'),
        answerResumesClock: org.answerResumesClock,
        units: activeUnits.map((u) => ({
          code: u.code,
          nameTh: u.nameTh,
          nameEn: u.nameEn,
          categories: categories.filter((c) => c.defaultUnitId === u.id).map(category),
        })),
        screenedCategories: categories
          .filter((c) => !c.defaultUnitId || !routed.has(c.defaultUnitId))
          .map(category),
        steps: complaintSteps(complaintDeadline, org.answerResumesClock),
      },
      integrityReports: await this.integrity(org, settings, activeUnits),
    };
  }

  private async integrity(
    org: Organization,
    settings: Record<string, unknown>,
    units: { code: string; nameTh: string; nameEn: string | null }[],
  ): Promise<HandbookView['integrityReports']> {
    const handbook = isRecord(settings.handbook) ? settings.handbook : {};
    const unit = units.find((u) => u.code === handbook.integrityUnitCode) ?? null;
    const officerNames =
      handbook.publishIntegrityOfficerNames === true
        ? (await this.officers.active(org.id))
            .filter((o) => o.roles.includes(Role.IntegrityOfficer))
            .map((o) => o.name)
            .sort((a, b) => a.localeCompare(b, 'th'))
        : null;
    return {
      titleTh: `คู่มือการรับแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ${org.nameTh}`,
      channels: [
        {
          code: 'web',
          nameTh: 'แบบฟอร์มแจ้งเบาะแสการทุจริตออนไลน์ (แยกจากช่องทางร้องเรียนทั่วไป)',
          nameEn: 'Online corruption report form (separate from the general channel)',
          path: `/report?org=${org.slug}`,
        },
      ],
      handledBy: {
        role: Role.IntegrityOfficer,
        roleTh: 'ผู้รับผิดชอบเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ที่ได้รับแต่งตั้งและอนุมัติโดยบุคคลที่สอง',
        unit: unit ? { code: unit.code, nameTh: unit.nameTh, nameEn: unit.nameEn } : null,
        officerNames,
      },
      responseDeadline: this.deadline(org, 'integrity_report'),
      conclusionDeadline: this.deadline(org, 'integrity_report_conclusion'),
      protectionTh: [...INTEGRITY_PROTECTION_TH],
      steps: integritySteps(
        deadlineSettings(org, 'integrity_report'),
        deadlineSettings(org, 'integrity_report_conclusion'),
      ),
    };
  }

  private deadline(org: Organization, track: DeadlineTrack): HandbookDeadline {
    const s: DeadlineSettings = deadlineSettings(org, track);
    return {
      mode: s.mode,
      modeTh: MODE_TH[s.mode],
      days: s.days,
      textTh: periodTextTh(s),
      maxExtensionDays: s.maxExtensionDays,
    };
  }
}
