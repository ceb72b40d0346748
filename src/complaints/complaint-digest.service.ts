import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { civilDate } from '../common/time/fiscal-year';
import { AppConfig } from '../config/app-config';
import { BusinessCalendarService } from '../deadlines/business-calendar.service';
import { addWorkingDays } from '../deadlines/day-counting';
import { DigestItem, NotificationsService } from '../notifications/notifications.service';
import { COMPLAINT_TRACK } from './complaint-track';

/** Cases within this many working days of their due date are "due soon" in the digest. */
export const DUE_SOON_WORKING_DAYS = 3;

interface OpenCaseRow {
  id: string;
  reference_no: string;
  unit_id: string;
  unit_name: string;
  due_date: string;
  overdue: boolean;
}

/**
 * The morning digest per unit: its open general complaints that are due soon or overdue, to the
 * unit's officers and head, once a working day (the outbox holds it to office hours and sends it at
 * most once per recipient, unit and day).
 */
@Injectable()
export class ComplaintDigestService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendarService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Returns the number of digest messages written. */
  async sendDailyDigests(): Promise<number> {
    const today = civilDate(this.clock.now(), this.config.app.timeZone);
    const organizations: { id: string }[] = await this.db.query(`SELECT id FROM organizations ORDER BY slug`);
    let written = 0;
    for (const { id } of organizations) {
      const calendar = await this.calendar.forOrganization(id);
      if (!calendar.isWorkingDay(today)) continue;
      const horizon = addWorkingDays(today, DUE_SOON_WORKING_DAYS, calendar);
      const rows: OpenCaseRow[] = await this.db.query(
        `SELECT c.id, c.reference_no, c.unit_id, u.name_th AS unit_name,
                to_char(d.current_due_date, 'YYYY-MM-DD') AS due_date, d.current_due_date < $2::date AS overdue
           FROM complaints c
           JOIN case_deadlines d ON d.track = $4 AND d.case_id = c.id
           JOIN units u ON u.id = c.unit_id
          WHERE c.organization_id = $1 AND d.result_at IS NULL AND d.current_due_date <= $3::date
          ORDER BY d.current_due_date, c.reference_no`,
        [id, today, horizon, COMPLAINT_TRACK],
      );
      const byUnit = new Map<string, { name: string; dueSoon: DigestItem[]; overdue: DigestItem[] }>();
      for (const r of rows) {
        const unit = byUnit.get(r.unit_id) ?? { name: r.unit_name, dueSoon: [], overdue: [] };
        const item = {
          referenceNo: r.reference_no,
          dueDate: r.due_date,
          caseUrl: `/officer/complaints/${r.id}`,
        };
        (r.overdue ? unit.overdue : unit.dueSoon).push(item);
        byUnit.set(r.unit_id, unit);
      }
      for (const [unitId, unit] of byUnit) {
        written += await this.db.transaction((tx) =>
          this.notifications.enqueueDigest(tx, id, { id: unitId, name: unit.name }, unit),
        );
      }
    }
    return written;
  }
}
