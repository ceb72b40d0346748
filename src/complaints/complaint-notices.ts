import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { BusinessCalendarService } from '../deadlines/business-calendar.service';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { MilestoneEvent } from '../deadlines/deadline-track';
import { MessageTemplate } from '../notifications/message-template';
import { NotificationsService } from '../notifications/notifications.service';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { Unit } from '../organizations/entities/unit.entity';
import { ComplaintCategory } from '../reference-data/entities/complaint-category.entity';
import { Role } from '../users/roles';
import { ComplaintAction } from './complaint-workflow';
import { COMPLAINT_TRACK } from './complaint-track';
import { Complaint } from './entities/complaint.entity';

/**
 * Which messages a complaint's events cause, and to whom. Everything goes through the outbox in the
 * caller's transaction. The complainant is written to only when they gave an e-mail and consent;
 * officers only within office hours.
 */
@Injectable()
export class ComplaintNotices {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly calendar: BusinessCalendarService,
    private readonly deadlines: DeadlinesService,
    private readonly organizations: OrganizationsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async received(
    tx: EntityManager,
    org: Organization,
    c: Complaint,
    category: ComplaintCategory,
    extra: { trackingCode: string; trackingUrl: string; dueDate: string },
  ): Promise<void> {
    await this.toComplainant(tx, c, MessageTemplate.ComplaintAcknowledged, {
      orgName: org.nameTh,
      referenceNo: c.referenceNo,
      trackingCode: extra.trackingCode,
      trackingUrl: extra.trackingUrl,
      subject: c.subject,
      dueDate: extra.dueDate,
    });
    if (c.unitId) {
      const unit = await tx.findOneBy(Unit, { id: c.unitId });
      await this.toOfficers(
        tx,
        c,
        { roles: [Role.UnitHead, Role.Officer], unitId: c.unitId },
        MessageTemplate.OfficerNewCase,
        {
          unitName: unit?.nameTh ?? '',
          categoryName: category.nameTh,
          dueDate: extra.dueDate,
        },
      );
    }
  }

  async afterAction(
    tx: EntityManager,
    c: Complaint,
    action: ComplaintAction,
    publicMessage?: string,
  ): Promise<void> {
    switch (action) {
      case ComplaintAction.Assign: {
        const dueDate = (await this.deadlines.get(COMPLAINT_TRACK, c.id, tx))?.currentDueDate ?? null;
        const to = c.assigneeId ? { userIds: [c.assigneeId] } : { roles: [Role.UnitHead], unitId: c.unitId };
        await this.toOfficers(tx, c, to, MessageTemplate.OfficerAssigned, { dueDate });
        return;
      }
      case ComplaintAction.RequestInfo:
        await this.toComplainant(tx, c, MessageTemplate.ComplaintInfoRequested, {
          message: publicMessage ?? '',
        });
        return;
      case ComplaintAction.Resolve:
        await this.toComplainant(tx, c, MessageTemplate.ComplaintResolved, { result: publicMessage ?? '' });
        await this.toComplainant(tx, c, MessageTemplate.ComplaintRatingInvitation, {});
        return;
      case ComplaintAction.Reject:
      case ComplaintAction.Refer:
      case ComplaintAction.MarkDuplicate:
      case ComplaintAction.Reopen:
        if (publicMessage) await this.publicReply(tx, c, publicMessage);
        return;
      default:
        return;
    }
  }

  publicReply(tx: EntityManager, c: Complaint, message: string): Promise<void> {
    return this.toComplainant(tx, c, MessageTemplate.ComplaintPublicReply, { message });
  }

  extended(
    tx: EntityManager,
    c: Complaint,
    reason: string,
    previousDueDate: string | null,
    newDueDate: string,
  ): Promise<void> {
    return this.toComplainant(tx, c, MessageTemplate.ComplaintExtended, {
      reason,
      previousDueDate,
      newDueDate,
    });
  }

  /** Deadline milestones: a reminder to the handler, escalation when overdue, the executive when very late. */
  async milestone(tx: EntityManager, c: Complaint, event: MilestoneEvent): Promise<void> {
    const unit = c.unitId ? await tx.findOneBy(Unit, { id: c.unitId }) : null;
    if (event.milestone === 'reminder') {
      const to = c.assigneeId ? { userIds: [c.assigneeId] } : { roles: [Role.UnitHead], unitId: c.unitId };
      await this.toOfficers(tx, c, to, MessageTemplate.OfficerReminder, {
        dueDate: event.dueDate,
        workingDaysLeft: event.workingDaysLeft ?? 0,
      });
      return;
    }
    const veryOverdue = event.milestone === 'very_overdue';
    const params = { dueDate: event.dueDate, unitName: unit?.nameTh ?? '', veryOverdue };
    if (veryOverdue) {
      await this.toOfficers(tx, c, { roles: [Role.Executive] }, MessageTemplate.OfficerOverdue, params);
      return;
    }
    if (c.unitId)
      await this.toOfficers(
        tx,
        c,
        { roles: [Role.UnitHead], unitId: c.unitId },
        MessageTemplate.OfficerOverdue,
        params,
      );
    await this.toOfficers(tx, c, { roles: [Role.Supervisor] }, MessageTemplate.OfficerOverdue, params);
    await this.toComplainant(tx, c, MessageTemplate.ComplaintOverdueNotice, { dueDate: event.dueDate });
  }

  private async toComplainant(
    tx: EntityManager,
    c: Complaint,
    template: MessageTemplate,
    params: Record<string, unknown>,
  ): Promise<void> {
    if (!c.complainantEmail || !c.consentToContact) return;
    const org = await this.organizations.byId(c.organizationId, tx);
    await this.notifications.enqueue(tx, {
      organizationId: c.organizationId,
      template,
      to: {
        email: c.complainantEmail,
        name: c.complainantName ?? undefined,
        kind: 'complainant',
        consent: true,
      },
      params: {
        orgName: org.nameTh,
        referenceNo: c.referenceNo,
        // Only the hash of the code is stored: later messages link to the tracking page itself.
        trackingUrl: `${this.config.app.publicBaseUrl}/track`,
        ...params,
      },
      subject: { type: 'complaint', id: c.id },
    });
  }

  private async toOfficers(
    tx: EntityManager,
    c: Complaint,
    who: { roles?: Role[]; unitId?: string | null; userIds?: string[] },
    template: MessageTemplate,
    params: Record<string, unknown>,
  ): Promise<void> {
    const recipients = await this.notifications.officerRecipients(tx, c.organizationId, who);
    if (recipients.length === 0) return;
    const org = await this.organizations.byId(c.organizationId, tx);
    const notBefore = await this.calendar.nextOfficeWindow(c.organizationId, this.clock.now(), tx);
    for (const to of recipients) {
      await this.notifications.enqueue(tx, {
        organizationId: c.organizationId,
        template,
        to: { ...to, kind: 'officer' },
        params: {
          orgName: org.nameTh,
          referenceNo: c.referenceNo,
          caseUrl: `${this.config.app.publicBaseUrl}/officer/complaints/${c.id}`,
          ...params,
        },
        notBefore,
        subject: { type: 'complaint', id: c.id },
      });
    }
  }
}
