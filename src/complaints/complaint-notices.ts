import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { BusinessCalendarService } from '../deadlines/business-calendar.service';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { MilestoneEvent } from '../deadlines/deadline-track';
import { MessageTemplate } from '../notifications/message-template';
import { NotificationMessage, NotificationsService } from '../notifications/notifications.service';
import { RowsOf } from '../infrastructure/database/insert-rows';
import { OutboxMessage } from '../notifications/entities/outbox-message.entity';
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

  /**
   * The outbox rows of the messages a new complaint causes (acknowledgement, the unit's officers),
   * for the caller to write with the complaint; `manager` reads the officers.
   */
  async received(
    manager: EntityManager,
    org: Organization,
    c: Complaint,
    unit: Unit | null,
    category: ComplaintCategory,
    extra: { trackingCode: string; trackingUrl: string; dueDate: string },
  ): Promise<RowsOf<OutboxMessage>> {
    const acknowledgement = await this.toComplainant(manager, c, MessageTemplate.ComplaintAcknowledged, {
      orgName: org.nameTh,
      referenceNo: c.referenceNo,
      trackingCode: extra.trackingCode,
      trackingUrl: extra.trackingUrl,
      subject: c.subject,
      dueDate: extra.dueDate,
    });
    const officers = unit
      ? await this.toOfficers(
          manager,
          c,
          { roles: [Role.UnitHead, Role.Officer], unitId: unit.id },
          MessageTemplate.OfficerNewCase,
          { unitName: unit.nameTh, categoryName: category.nameTh, dueDate: extra.dueDate },
        )
      : [];
    return this.notifications.outboxRows([...acknowledgement, ...officers]);
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
        return this.notifications.enqueueAll(
          tx,
          await this.toOfficers(tx, c, to, MessageTemplate.OfficerAssigned, { dueDate }),
        );
      }
      case ComplaintAction.RequestInfo:
        return this.notifications.enqueueAll(
          tx,
          await this.toComplainant(tx, c, MessageTemplate.ComplaintInfoRequested, {
            message: publicMessage ?? '',
          }),
        );
      case ComplaintAction.Resolve:
        return this.notifications.enqueueAll(tx, [
          ...(await this.toComplainant(tx, c, MessageTemplate.ComplaintResolved, {
            result: publicMessage ?? '',
          })),
          ...(await this.toComplainant(tx, c, MessageTemplate.ComplaintRatingInvitation, {})),
        ]);
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

  /**
   * The complainant answered a request for information online: the assignee is told, else the
   * unit's officers and head. The mail carries no answer text; they read it on the case.
   */
  async complainantAnswered(tx: EntityManager, c: Complaint, clockResumed: boolean): Promise<void> {
    const to = c.assigneeId
      ? { userIds: [c.assigneeId] }
      : c.unitId
        ? { roles: [Role.UnitHead, Role.Officer], unitId: c.unitId }
        : { roles: [Role.Supervisor] };
    await this.notifications.enqueueAll(
      tx,
      await this.toOfficers(tx, c, to, MessageTemplate.OfficerComplainantAnswered, { clockResumed }),
    );
  }

  async publicReply(tx: EntityManager, c: Complaint, message: string): Promise<void> {
    await this.notifications.enqueueAll(
      tx,
      await this.toComplainant(tx, c, MessageTemplate.ComplaintPublicReply, { message }),
    );
  }

  async extended(
    tx: EntityManager,
    c: Complaint,
    reason: string,
    previousDueDate: string | null,
    newDueDate: string,
  ): Promise<void> {
    await this.notifications.enqueueAll(
      tx,
      await this.toComplainant(tx, c, MessageTemplate.ComplaintExtended, {
        reason,
        previousDueDate,
        newDueDate,
      }),
    );
  }

  /** Deadline milestones: a reminder to the handler, escalation when overdue, the executive when very late. */
  async milestone(tx: EntityManager, c: Complaint, event: MilestoneEvent): Promise<void> {
    if (event.milestone === 'reminder') {
      const to = c.assigneeId ? { userIds: [c.assigneeId] } : { roles: [Role.UnitHead], unitId: c.unitId };
      await this.notifications.enqueueAll(
        tx,
        await this.toOfficers(tx, c, to, MessageTemplate.OfficerReminder, {
          dueDate: event.dueDate,
          workingDaysLeft: event.workingDaysLeft ?? 0,
        }),
      );
      return;
    }
    const unit = c.unitId ? await this.organizations.unit(c.organizationId, c.unitId, tx) : null;
    const veryOverdue = event.milestone === 'very_overdue';
    const params = { dueDate: event.dueDate, unitName: unit?.nameTh ?? '', veryOverdue };
    const overdue = MessageTemplate.OfficerOverdue;
    if (veryOverdue) {
      await this.notifications.enqueueAll(
        tx,
        await this.toOfficers(tx, c, { roles: [Role.Executive] }, overdue, params),
      );
      return;
    }
    await this.notifications.enqueueAll(tx, [
      ...(c.unitId
        ? await this.toOfficers(tx, c, { roles: [Role.UnitHead], unitId: c.unitId }, overdue, params)
        : []),
      ...(await this.toOfficers(tx, c, { roles: [Role.Supervisor] }, overdue, params)),
      ...(await this.toComplainant(tx, c, MessageTemplate.ComplaintOverdueNotice, {
        dueDate: event.dueDate,
      })),
    ]);
  }

  /** The message to the complainant: none without an e-mail address and consent. */
  private async toComplainant(
    manager: EntityManager,
    c: Complaint,
    template: MessageTemplate,
    params: Record<string, unknown>,
  ): Promise<NotificationMessage[]> {
    if (!c.complainantEmail || !c.consentToContact) return [];
    const org = await this.organizations.byId(c.organizationId, manager);
    return [
      {
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
      },
    ];
  }

  /** One message per matching officer, held until office hours. */
  private async toOfficers(
    manager: EntityManager,
    c: Complaint,
    who: { roles?: Role[]; unitId?: string | null; userIds?: string[] },
    template: MessageTemplate,
    params: Record<string, unknown>,
  ): Promise<NotificationMessage[]> {
    const recipients = await this.notifications.officerRecipients(manager, c.organizationId, who);
    if (recipients.length === 0) return [];
    const org = await this.organizations.byId(c.organizationId, manager);
    const notBefore = await this.calendar.nextOfficeWindow(c.organizationId, this.clock.now(), manager);
    return recipients.map((to) => ({
      organizationId: c.organizationId,
      template,
      to: { ...to, kind: 'officer' as const },
      params: {
        orgName: org.nameTh,
        referenceNo: c.referenceNo,
        caseUrl: `${this.config.app.publicBaseUrl}/officer/complaints/${c.id}`,
        ...params,
      },
      notBefore,
      subject: { type: 'complaint', id: c.id },
    }));
  }
}
