import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeadlineMilestoneHandler, MilestoneEvent } from '../deadlines/deadline-track';
import { ComplaintNotices } from './complaint-notices';
import { ANSWERED_STATUSES } from './complaint-workflow';
import { ComplaintsService } from './complaints.service';
import { escalatesWhenOverdue } from './submission-kinds';
import { Complaint } from './entities/complaint.entity';
import { ComplaintEventType } from './entities/complaint-event.entity';

const OVERDUE_NOTICE =
  'เรื่องของท่านยังอยู่ระหว่างดำเนินการ ระบบได้แจ้งเตือนหน่วยงานผู้รับผิดชอบและผู้บังคับบัญชาแล้ว / ' +
  'Your complaint is still being handled; the responsible unit and its supervisor have been alerted.';

/** What a deadline milestone means for a general complaint: history, escalation, the complainant's notice. */
@Injectable()
export class ComplaintDeadlineHandler implements DeadlineMilestoneHandler {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly notices: ComplaintNotices,
  ) {}

  async onMilestone(tx: EntityManager, event: MilestoneEvent): Promise<void> {
    const c = await tx.findOneBy(Complaint, { id: event.caseId });
    if (!c || ANSWERED_STATUSES.has(c.status)) return;
    // Suggestions and compliments: the assignee's reminder only; a missed date escalates nothing.
    if (!escalatesWhenOverdue(c.kind) && event.milestone !== 'reminder') return;
    const overdueNotice = event.milestone === 'due';
    await this.complaints.addEvent(tx, c, null, {
      type: ComplaintEventType.DeadlineMilestone,
      isPublic: overdueNotice,
      message: overdueNotice ? OVERDUE_NOTICE : null,
      data: { milestone: event.milestone, dueDate: event.dueDate },
    });
    await this.notices.milestone(tx, c, event);
  }
}
