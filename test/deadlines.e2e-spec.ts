import { randomUUID } from 'node:crypto';
import { hashPassword } from '../src/auth/password';
import { Actor } from '../src/common/auth/actor';
import { Clock } from '../src/common/clock/clock';
import { DomainError } from '../src/common/errors/domain-error';
import { BusinessCalendarService } from '../src/deadlines/business-calendar.service';
import { DeadlineMilestonesService } from '../src/deadlines/deadline-milestones.service';
import { DeadlineTrack } from '../src/deadlines/deadline-track';
import { DeadlineTracksRegistry } from '../src/deadlines/deadline-tracks.registry';
import { DeadlinesService } from '../src/deadlines/deadlines.service';
import { CaseDeadline } from '../src/deadlines/entities/case-deadline.entity';
import { Role } from '../src/users/roles';
import { invite } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { RecordingTrackHandler } from './helpers/recording-track-handler';

/** An instant given as Bangkok wall time. */
const bkk = (local: string) => new Date(`${local}+07:00`);

describe('deadline engine (service API, milestones through the sweeper, holiday routes)', () => {
  let t: TestApp;
  let deadlines: DeadlinesService;
  let milestones: DeadlineMilestonesService;
  let clock: Clock;
  let organizationId: string;
  let officer: Actor;
  let supervisor: Actor;
  const handler = new RecordingTrackHandler();
  let restoreHandlers: (() => void)[] = [];

  beforeAll(async () => {
    // API role: no worker consumes jobs here, milestones are driven through the sweeper directly
    t = await createTestApp({ APP_ROLE: 'api' });
    deadlines = t.app.get(DeadlinesService);
    milestones = t.app.get(DeadlineMilestonesService);
    clock = t.app.get(Clock);
    const [org] = await t.db.query(`SELECT id FROM organizations WHERE slug = 'demo'`);
    organizationId = org.id;
    const [admin] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [t.config.admin.email]);
    officer = { userId: admin.id, organizationId, unitId: null, roles: [Role.Officer], requestId: 'test' };
    supervisor = { ...officer, roles: [Role.Supervisor] };
    const registry = t.app.get(DeadlineTracksRegistry);
    restoreHandlers = [
      registry.override('complaint', handler),
      registry.override('integrity_report', handler),
    ];
  });
  afterAll(async () => {
    restoreHandlers.forEach((restore) => restore());
    await t.close();
  });
  afterEach(() => clock.reset());

  const start = async (receivedAt: Date, track: DeadlineTrack = 'complaint') => {
    const caseId = randomUUID();
    const view = await t.db.transaction((tx) =>
      deadlines.startClock(tx, { track, caseId, organizationId, receivedAt }),
    );
    return { caseId, view };
  };
  const at = (local: string) => clock.freeze(bkk(local));
  const row = (caseId: string) => t.db.getRepository(CaseDeadline).findOneByOrFail({ caseId });
  const domainCode = (p: Promise<unknown>) =>
    p.then(
      () => 'no error',
      (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
    );

  describe('starting the clock', () => {
    it('computes the worked example: received Friday 10 April 2026, due Monday 27 April', async () => {
      at('2026-04-10T10:00:00');
      const { caseId, view } = await start(bkk('2026-04-10T10:00:00'));
      expect(view).toMatchObject({
        track: 'complaint',
        caseId,
        organizationId,
        receivedDate: '2026-04-10',
        mode: 'calendar',
        periodDays: 15,
        originalDueDate: '2026-04-27',
        currentDueDate: '2026-04-27',
        extended: false,
        extensions: [],
        pausedDays: 0,
        pausedSince: null,
        firstResponseAt: null,
        resultAt: null,
        outcome: null,
        state: 'on_track',
        reminderFrom: '2026-04-22',
        veryOverdueDate: '2026-05-12',
      });
      expect(await deadlines.get('complaint', caseId)).toEqual(view);
      expect(await deadlines.get('integrity_report', caseId)).toBeNull();
      // the sweeper's pointer: the first reminder, 3 working days before
      expect((await row(caseId)).nextMilestoneAt).toEqual(bkk('2026-04-22T00:00:00'));
    });

    it('is idempotent, and getMany returns only the cases that have a deadline', async () => {
      const { caseId, view } = await start(bkk('2026-04-10T10:00:00'));
      const again = await t.db.transaction((tx) =>
        deadlines.startClock(tx, { track: 'complaint', caseId, organizationId, receivedAt: new Date() }),
      );
      expect(again.receivedAt).toEqual(view.receivedAt);
      const other = await start(bkk('2026-04-11T09:00:00'));
      const many = await deadlines.getMany('complaint', [caseId, other.caseId, randomUUID()]);
      expect([...many.keys()].sort()).toEqual([caseId, other.caseId].sort());
      expect(many.get(other.caseId)?.currentDueDate).toBe('2026-04-27');
    });

    it('records a given start instant instead of now (tracks that must not keep when a case arrived)', async () => {
      at('2026-04-10T14:03:27.5');
      const caseId = randomUUID();
      const midnight = bkk('2026-04-10T00:00:00');
      const view = await t.db.transaction((tx) =>
        deadlines.startClock(tx, {
          track: 'integrity_report_conclusion',
          caseId,
          organizationId,
          receivedAt: midnight,
          startedAt: midnight,
        }),
      );
      expect(view).toMatchObject({
        receivedDate: '2026-04-10',
        periodDays: 90,
        currentDueDate: '2026-07-09',
      });
      const stored = await row(caseId);
      expect([stored.receivedAt, stored.dueSetAt, stored.createdAt, stored.updatedAt]).toEqual([
        midnight,
        midnight,
        midnight,
        midnight,
      ]);
    });

    it('dates a receipt at 00:30 in Bangkok (still the previous day in UTC) by the Bangkok day', async () => {
      const { view } = await start(new Date('2026-04-09T17:30:00Z'));
      expect(view.receivedDate).toBe('2026-04-10');
      expect(view.currentDueDate).toBe('2026-04-27');
    });

    it("applies the organisation's settings per track", async () => {
      await t.db.query(`UPDATE organizations SET settings = $1 WHERE id = $2`, [
        { deadlines: { complaint: { mode: 'working_days', days: 10, reminderWorkingDaysBefore: [2] } } },
        organizationId,
      ]);
      // the test bypasses the API: forget the calendar this process keeps
      t.app.get(BusinessCalendarService).invalidate();
      try {
        const complaint = await start(bkk('2026-04-10T10:00:00'));
        expect(complaint.view).toMatchObject({
          mode: 'working_days',
          periodDays: 10,
          currentDueDate: '2026-04-29',
          reminderFrom: '2026-04-27',
        });
        const report = await start(bkk('2026-04-10T10:00:00'), 'integrity_report');
        expect(report.view).toMatchObject({ mode: 'calendar', periodDays: 15, currentDueDate: '2026-04-27' });
      } finally {
        await t.db.query(`UPDATE organizations SET settings = '{}' WHERE id = $1`, [organizationId]);
        // the test bypasses the API: forget the calendar this process keeps
        t.app.get(BusinessCalendarService).invalidate();
      }
    });

    it('computes the state from the row and the clock', async () => {
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      const state = async (local: string) => {
        at(local);
        return (await deadlines.get('complaint', caseId))!.state;
      };
      expect(await state('2026-04-21T23:00:00')).toBe('on_track');
      expect(await state('2026-04-22T08:00:00')).toBe('due_soon');
      expect(await state('2026-04-27T23:59:00')).toBe('due_soon');
      expect(await state('2026-04-28T00:01:00')).toBe('overdue');
    });
  });

  describe('extensions: the required explanation', () => {
    const extend = (actor: Actor, caseId: string, newDueDate: string, reason = 'รอผลการสำรวจพื้นที่') =>
      t.db.transaction((tx) => deadlines.extend(tx, actor, 'complaint', caseId, { newDueDate, reason }));

    it('moves the due date, keeps the history, and audits the change', async () => {
      at('2026-04-24T10:00:00');
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      const view = await extend(officer, caseId, '2026-05-07');
      expect(view).toMatchObject({
        originalDueDate: '2026-04-27',
        currentDueDate: '2026-05-07',
        extended: true,
        state: 'on_track',
        explainedAt: bkk('2026-04-24T10:00:00'),
        extensions: [
          {
            previousDueDate: '2026-04-27',
            newDueDate: '2026-05-07',
            reason: 'รอผลการสำรวจพื้นที่',
            at: bkk('2026-04-24T10:00:00'),
            timely: true,
          },
        ],
      });
      const [audit] = await t.db.query(
        `SELECT action, actor_user_id, before, after FROM audit_entries WHERE entity_type = 'complaint' AND entity_id = $1`,
        [caseId],
      );
      expect(audit).toEqual({
        action: 'deadline.extend',
        actor_user_id: officer.userId,
        before: { currentDueDate: '2026-04-27' },
        after: { track: 'complaint', currentDueDate: '2026-05-07', timely: true },
      });
    });

    it.each([
      ['the same date', '2026-04-27', 'officer', 'EXTENSION_NOT_LATER'],
      ['an earlier date', '2026-04-24', 'officer', 'EXTENSION_NOT_LATER'],
      ['16 days by an officer', '2026-05-13', 'officer', 'EXTENSION_TOO_LONG'],
      ['15 days by an officer', '2026-05-12', 'officer', 'no error'],
      ['16 days by a supervisor', '2026-05-13', 'supervisor', 'no error'],
      ['not a date', '2026-02-30', 'officer', 'VALIDATION_FAILED'],
    ])('%s: %s by %s -> %s', async (_label, newDueDate, who, code) => {
      at('2026-04-20T10:00:00');
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      expect(await domainCode(extend(who === 'officer' ? officer : supervisor, caseId, newDueDate))).toBe(
        code,
      );
    });

    it('requires a reason', async () => {
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      at('2026-04-20T10:00:00');
      expect(await domainCode(extend(officer, caseId, '2026-05-01', '   '))).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['result by the new date', '2026-04-24T10:00:00', '2026-05-06T10:00:00', 'met_by_explanation'],
      ['result still by the first date', '2026-04-24T10:00:00', '2026-04-27T15:00:00', 'met'],
      ['result after the new date', '2026-04-24T10:00:00', '2026-05-08T10:00:00', 'missed'],
      ['explanation after the due date', '2026-04-28T10:00:00', '2026-05-06T10:00:00', 'missed'],
    ])('%s: explained at %s, result at %s -> %s', async (_label, explainedAt, resultAt, outcome) => {
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      at(explainedAt);
      const extended = await extend(officer, caseId, '2026-05-07');
      expect(extended.extensions[0].timely).toBe(explainedAt < '2026-04-28');
      at(resultAt);
      const view = await t.db.transaction((tx) =>
        deadlines.recordResult(tx, 'complaint', caseId, bkk(resultAt)),
      );
      expect(view.outcome).toBe(outcome);
      expect(view.state).toBe(outcome);
    });

    it('is refused once the result is recorded', async () => {
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      at('2026-04-20T10:00:00');
      await t.db.transaction((tx) => deadlines.recordResult(tx, 'complaint', caseId, clock.now()));
      expect(await domainCode(extend(officer, caseId, '2026-05-01'))).toBe('DEADLINE_CLOSED');
    });
  });

  describe('pause and result', () => {
    it('stops the clock while awaiting the complainant and moves the due date by the paused days', async () => {
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      at('2026-04-17T10:00:00');
      const paused = await t.db.transaction((tx) => deadlines.pause(tx, 'complaint', caseId, clock.now()));
      expect(paused.pausedSince).toEqual(bkk('2026-04-17T10:00:00'));
      expect((await row(caseId)).nextMilestoneAt).toBeNull();
      at('2026-04-30T10:00:00'); // past the old due date, but the clock is stopped
      expect((await deadlines.get('complaint', caseId))!.state).toBe('on_track');
      expect(
        await domainCode(
          t.db.transaction((tx) =>
            deadlines.extend(tx, officer, 'complaint', caseId, { newDueDate: '2026-05-20', reason: 'x' }),
          ),
        ),
      ).toBe('DEADLINE_PAUSED');
      // resumed on the 20th: the 17th, 18th and 19th did not count
      at('2026-04-20T10:00:00');
      const resumed = await t.db.transaction((tx) => deadlines.resume(tx, 'complaint', caseId, clock.now()));
      expect(resumed).toMatchObject({
        pausedDays: 3,
        pausedSince: null,
        currentDueDate: '2026-04-28',
        state: 'on_track',
      });
      const explanation = await deadlines.explain('complaint', caseId);
      expect(explanation.pauses).toEqual([
        { pausedAt: bkk('2026-04-17T10:00:00'), resumedAt: bkk('2026-04-20T10:00:00'), pausedDays: 3 },
      ]);
      expect(explanation.changes).toEqual([
        expect.objectContaining({ kind: 'resume', previousDueDate: '2026-04-27', newDueDate: '2026-04-28' }),
      ]);
      expect(explanation.current).toMatchObject({
        daysCounted: 18,
        lastCountedDate: '2026-04-28',
        dueDate: '2026-04-28',
      });
    });

    it('keeps the first response only', async () => {
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      await t.db.transaction((tx) =>
        deadlines.markFirstResponse(tx, 'complaint', caseId, bkk('2026-04-13T09:00:00')),
      );
      await t.db.transaction((tx) =>
        deadlines.markFirstResponse(tx, 'complaint', caseId, bkk('2026-04-15T09:00:00')),
      );
      expect((await deadlines.get('complaint', caseId))!.firstResponseAt).toEqual(bkk('2026-04-13T09:00:00'));
      expect(
        await domainCode(
          t.db.transaction((tx) => deadlines.markFirstResponse(tx, 'complaint', randomUUID(), new Date())),
        ),
      ).toBe('DEADLINE_NOT_FOUND');
    });

    it.each([
      ['on the due date', '2026-04-27T16:00:00', 'met'],
      ['the day after', '2026-04-28T09:00:00', 'missed'],
    ])('freezes the outcome of a result %s for good', async (_label, resultAt, outcome) => {
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      at(resultAt);
      const view = await t.db.transaction((tx) =>
        deadlines.recordResult(tx, 'complaint', caseId, clock.now()),
      );
      expect(view).toMatchObject({ outcome, state: outcome, resultAt: bkk(resultAt) });
      at('2026-06-01T10:00:00');
      const again = await t.db.transaction((tx) =>
        deadlines.recordResult(tx, 'complaint', caseId, clock.now()),
      );
      expect(again).toMatchObject({ outcome, resultAt: bkk(resultAt) });
      expect((await row(caseId)).nextMilestoneAt).toBeNull();
    });
  });

  describe('milestones (exactly once, through the sweeper)', () => {
    const sweepAt = async (local: string) => {
      at(local);
      return milestones.sweep();
    };

    it('reminds 3 and 1 working days before, then marks overdue, then very overdue: each once', async () => {
      at('2026-04-10T10:00:00');
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      await sweepAt('2026-04-21T23:00:00');
      expect(handler.of(caseId)).toEqual([]);
      await sweepAt('2026-04-22T00:05:00');
      await sweepAt('2026-04-22T09:00:00');
      await milestones.processCase('complaint', caseId);
      expect(handler.of(caseId)).toEqual([
        {
          track: 'complaint',
          caseId,
          organizationId,
          milestone: 'reminder',
          dueDate: '2026-04-27',
          workingDaysLeft: 3,
          inTransaction: true,
        },
      ]);
      await sweepAt('2026-04-24T09:00:00');
      expect(handler.of(caseId)[1]).toMatchObject({ milestone: 'reminder', workingDaysLeft: 1 });
      expect((await row(caseId)).overdueSince).toBeNull();
      await sweepAt('2026-04-28T00:00:30');
      await sweepAt('2026-04-29T09:00:00');
      expect(handler.of(caseId)[2]).toMatchObject({ milestone: 'due', dueDate: '2026-04-27' });
      expect(handler.of(caseId)[2].workingDaysLeft).toBeUndefined();
      expect((await row(caseId)).overdueSince).toEqual(bkk('2026-04-28T00:00:00'));
      expect((await deadlines.get('complaint', caseId))!.state).toBe('overdue');
      await sweepAt('2026-05-13T08:00:00');
      await sweepAt('2026-05-14T08:00:00');
      expect(handler.of(caseId).map((c) => c.milestone)).toEqual([
        'reminder',
        'reminder',
        'due',
        'very_overdue',
      ]);
      expect((await row(caseId)).nextMilestoneAt).toBeNull();
      const [{ count }] = await t.db.query(
        `SELECT count(*)::int AS count FROM case_deadline_milestones m JOIN case_deadlines d ON d.id = m.deadline_id WHERE d.case_id = $1`,
        [caseId],
      );
      expect(count).toBe(4);
    });

    it('catching up after an outage sends the due notice, not stale reminders', async () => {
      at('2026-04-10T10:00:00');
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      const report = await sweepAt('2026-04-28T10:00:00');
      expect(report.failed).toBe(0);
      expect(handler.of(caseId).map((c) => c.milestone)).toEqual(['due']);
      const recorded = await t.db.query(
        `SELECT key, notified FROM case_deadline_milestones m JOIN case_deadlines d ON d.id = m.deadline_id WHERE d.case_id = $1 ORDER BY m.fire_at`,
        [caseId],
      );
      expect(recorded).toEqual([
        { key: 'reminder-3', notified: false },
        { key: 'reminder-1', notified: false },
        { key: 'due', notified: true },
      ]);
    });

    it('a failing handler rolls the milestone back; the next pass handles it once', async () => {
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      handler.failOnce(caseId);
      const first = await sweepAt('2026-04-28T10:00:00');
      expect(first.failed).toBe(1);
      expect(handler.of(caseId)).toEqual([]);
      expect((await row(caseId)).overdueSince).toBeNull();
      await sweepAt('2026-04-28T10:05:00');
      await sweepAt('2026-04-28T10:10:00');
      expect(handler.of(caseId).map((c) => c.milestone)).toEqual(['due']);
    });

    it('handled concurrently (job and sweeper at once), a milestone is still handled once', async () => {
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      at('2026-04-28T10:00:00');
      await Promise.all([
        milestones.processCase('complaint', caseId),
        milestones.processCase('complaint', caseId),
        milestones.sweep(),
      ]);
      expect(handler.of(caseId).map((c) => c.milestone)).toEqual(['due']);
    });

    it('a case received late (back-dated) gets no reminders whose time had passed', async () => {
      at('2026-04-23T10:00:00');
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      await sweepAt('2026-04-24T09:00:00');
      await sweepAt('2026-04-28T09:00:00');
      expect(handler.of(caseId).map((c) => [c.milestone, c.workingDaysLeft])).toEqual([
        ['reminder', 1],
        ['due', undefined],
      ]);
    });

    it('nothing fires for a case with its result, or for a paused case', async () => {
      const done = await start(bkk('2026-04-10T10:00:00'));
      const paused = await start(bkk('2026-04-10T10:00:00'));
      at('2026-04-20T10:00:00');
      await t.db.transaction((tx) => deadlines.recordResult(tx, 'complaint', done.caseId, clock.now()));
      await t.db.transaction((tx) => deadlines.pause(tx, 'complaint', paused.caseId, clock.now()));
      await sweepAt('2026-05-20T10:00:00');
      await milestones.processCase('complaint', paused.caseId);
      expect(handler.of(done.caseId)).toEqual([]);
      expect(handler.of(paused.caseId)).toEqual([]);
    });

    it('without a registered handler nothing is marked handled; it is handled once one registers', async () => {
      const registry = t.app.get(DeadlineTracksRegistry);
      const { caseId } = await start(bkk('2026-04-10T10:00:00'), 'integrity_report');
      const restore = registry.override('integrity_report', undefined as never);
      try {
        expect((await sweepAt('2026-04-28T10:00:00')).failed).toBeGreaterThanOrEqual(1);
      } finally {
        restore();
      }
      expect((await row(caseId)).overdueSince).toBeNull();
      await sweepAt('2026-04-28T10:05:00');
      expect(handler.of(caseId).map((c) => c.milestone)).toEqual(['due']);
    });
  });

  describe('explain', () => {
    it('shows the count, the days skipped, the extensions and the result', async () => {
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      at('2026-04-24T10:00:00');
      await t.db.transaction((tx) =>
        deadlines.extend(tx, officer, 'complaint', caseId, { newDueDate: '2026-05-07', reason: 'รอผู้รับเหมา' }),
      );
      at('2026-05-06T10:00:00');
      await t.db.transaction((tx) => deadlines.recordResult(tx, 'complaint', caseId, clock.now()));
      const e = await deadlines.explain('complaint', caseId);
      expect(e.timeZone).toBe('Asia/Bangkok');
      expect(e.original).toEqual({
        daysCounted: 15,
        startDate: '2026-04-11',
        lastCountedDate: '2026-04-25',
        dueDate: '2026-04-27',
        skipped: [
          { date: '2026-04-25', reason: 'weekend' },
          { date: '2026-04-26', reason: 'weekend' },
        ],
      });
      expect(e.current).toBeNull();
      expect(e.changes).toEqual([
        {
          kind: 'extension',
          previousDueDate: '2026-04-27',
          newDueDate: '2026-05-07',
          reason: 'รอผู้รับเหมา',
          at: bkk('2026-04-24T10:00:00'),
        },
      ]);
      expect(e.deadline).toMatchObject({ outcome: 'met_by_explanation', currentDueDate: '2026-05-07' });
      expect(e.summaryTh).toContain('รับเรื่องวันที่ 10 เมษายน 2569');
      expect(e.summaryTh).toContain('25 เมษายน 2569 ซึ่งเป็นวันหยุด จึงเลื่อนเป็นวันทำการถัดไป 27 เมษายน 2569');
      expect(e.summaryTh).toContain('กำหนดปัจจุบัน 7 พฤษภาคม 2569');
      expect(e.summaryEn).toContain('result on 2026-05-06: by the extended date, explained in time');
      expect(await domainCode(deadlines.explain('complaint', randomUUID()))).toBe('DEADLINE_NOT_FOUND');
    });

    it('lists the holidays a working-days count skipped', async () => {
      await t.db.query(`UPDATE organizations SET settings = $1 WHERE id = $2`, [
        { deadlines: { complaint: { mode: 'working_days' } } },
        organizationId,
      ]);
      // the test bypasses the API: forget the calendar this process keeps
      t.app.get(BusinessCalendarService).invalidate();
      try {
        const { caseId, view } = await start(bkk('2026-04-10T10:00:00'));
        expect(view.currentDueDate).toBe('2026-05-07');
        const e = await deadlines.explain('complaint', caseId);
        expect(e.current!.skipped.filter((s) => s.reason === 'holiday')).toEqual([
          { date: '2026-04-13', reason: 'holiday', name: 'วันสงกรานต์', nameEn: 'Songkran Festival' },
          { date: '2026-04-14', reason: 'holiday', name: 'วันสงกรานต์', nameEn: 'Songkran Festival' },
          { date: '2026-04-15', reason: 'holiday', name: 'วันสงกรานต์', nameEn: 'Songkran Festival' },
          { date: '2026-05-04', reason: 'holiday', name: 'วันฉัตรมงคล', nameEn: 'Coronation Day' },
        ]);
        expect(e.reminders).toEqual([
          { workingDaysBefore: 3, date: '2026-05-01' },
          { workingDaysBefore: 1, date: '2026-05-06' },
        ]);
      } finally {
        await t.db.query(`UPDATE organizations SET settings = '{}' WHERE id = $1`, [organizationId]);
        // the test bypasses the API: forget the calendar this process keeps
        t.app.get(BusinessCalendarService).invalidate();
      }
    });
  });

  describe("office hours for officers' notifications", () => {
    it("holds a notification until the organisation's next office window, its own holidays included", async () => {
      const calendars = t.app.get(BusinessCalendarService);
      // Friday 24 April 2026, 17:00 in Bangkok: after hours; next Monday 27 April
      expect(await calendars.nextOfficeWindow(organizationId, bkk('2026-04-24T17:00:00'))).toEqual(
        bkk('2026-04-27T08:30:00'),
      );
      expect(await calendars.nextOfficeWindow(organizationId, bkk('2026-04-27T10:00:00'))).toEqual(
        bkk('2026-04-27T10:00:00'),
      );
      await t.db.query(`UPDATE organizations SET settings = $1 WHERE id = $2`, [
        { officeHours: { start: '09:00', end: '15:00' } },
        organizationId,
      ]);
      // the test bypasses the API: forget the calendar this process keeps
      t.app.get(BusinessCalendarService).invalidate();
      await t.db.query(
        `INSERT INTO holidays (organization_id, date, name_th, kind) VALUES ($1, '2026-04-27', 'วันหยุดท้องถิ่น', 'local')`,
        [organizationId],
      );
      // the test bypasses the API: forget the calendar this process keeps
      t.app.get(BusinessCalendarService).invalidate();
      try {
        expect(await calendars.nextOfficeWindow(organizationId, bkk('2026-04-24T17:00:00'))).toEqual(
          bkk('2026-04-28T09:00:00'),
        );
      } finally {
        await t.db.query(`UPDATE organizations SET settings = '{}' WHERE id = $1`, [organizationId]);
        // the test bypasses the API: forget the calendar this process keeps
        t.app.get(BusinessCalendarService).invalidate();
        await t.db.query(`DELETE FROM holidays WHERE organization_id = $1 AND date = '2026-04-27'`, [
          organizationId,
        ]);
      }
    });
  });

  describe('holiday routes', () => {
    let adminToken: string;
    beforeAll(async () => {
      adminToken = await t.login();
    });
    const holidays = (year: number, token = adminToken) =>
      t.request({ method: 'GET', url: `/api/v1/holidays?year=${year}`, headers: bearer(token) });
    const add = (payload: object, token = adminToken) =>
      t.request({ method: 'POST', url: '/api/v1/holidays', headers: bearer(token), payload });
    const remove = (id: string, token = adminToken) =>
      t.request({ method: 'DELETE', url: `/api/v1/holidays/${id}`, headers: bearer(token) });

    it('lists national days and my own by year', async () => {
      const res = await holidays(2026);
      expect(res.statusCode).toBe(200);
      const list = res.json() as { date: string; scope: string; nameEn: string }[];
      expect(list.filter((h) => h.date.startsWith('2026-04-1')).map((h) => [h.date, h.scope])).toEqual([
        ['2026-04-13', 'national'],
        ['2026-04-14', 'national'],
        ['2026-04-15', 'national'],
      ]);
      expect(list.every((h) => h.date.startsWith('2026-'))).toBe(true);
      expect((await holidays(2569)).json().code).toBe('VALIDATION_FAILED');
    });

    it("adding and removing the organisation's own day recomputes running cases, with history and audit", async () => {
      at('2026-04-20T10:00:00');
      const running = await start(bkk('2026-04-10T10:00:00'));
      const lapsed = await start(bkk('2026-03-30T10:00:00')); // due 16 April, already overdue
      const closed = await start(bkk('2026-04-10T11:00:00'));
      await t.db.transaction((tx) => deadlines.recordResult(tx, 'complaint', closed.caseId, clock.now()));

      const added = await add({ date: '2026-04-27', nameTh: 'วันหยุดท้องถิ่น', nameEn: 'Local holiday' });
      expect(added.statusCode).toBe(201);
      const { holiday, recomputedCases } = added.json();
      expect(holiday).toMatchObject({ date: '2026-04-27', scope: 'organization', kind: 'local' });
      expect(recomputedCases).toBeGreaterThanOrEqual(1);
      expect((await deadlines.get('complaint', running.caseId))!.currentDueDate).toBe('2026-04-28');
      expect((await deadlines.get('complaint', lapsed.caseId))!.currentDueDate).toBe('2026-04-16');
      expect((await deadlines.get('complaint', closed.caseId))!.currentDueDate).toBe('2026-04-27');
      // a case received that same day, started now: its dates follow the new calendar, not the day's before
      expect((await start(bkk('2026-04-10T12:00:00'))).view.currentDueDate).toBe('2026-04-28');
      expect((await row(running.caseId)).dueSetAt).toEqual(bkk('2026-04-20T10:00:00'));
      expect((await holidays(2026)).json()).toContainEqual(
        expect.objectContaining({ id: holiday.id, scope: 'organization' }),
      );

      const removed = await remove(holiday.id);
      expect(removed.statusCode).toBe(200);
      expect((await deadlines.get('complaint', running.caseId))!.currentDueDate).toBe('2026-04-27');
      expect((await start(bkk('2026-04-10T12:30:00'))).view.currentDueDate).toBe('2026-04-27');
      const { changes } = await deadlines.explain('complaint', running.caseId);
      expect(changes.map((c) => [c.kind, c.previousDueDate, c.newDueDate, c.reason])).toEqual([
        ['holiday_change', '2026-04-27', '2026-04-28', 'holiday added: 2026-04-27 วันหยุดท้องถิ่น'],
        ['holiday_change', '2026-04-28', '2026-04-27', 'holiday removed: 2026-04-27 วันหยุดท้องถิ่น'],
      ]);
      const audit = await t.db.query(
        `SELECT action FROM audit_entries WHERE entity_type = 'holiday' AND entity_id = $1 ORDER BY id`,
        [holiday.id],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['holiday.create', 'holiday.remove']);
      expect((await holidays(2026)).json()).not.toContainEqual(expect.objectContaining({ id: holiday.id }));
      expect((await remove(holiday.id)).json().code).toBe('HOLIDAY_NOT_FOUND');
      // added again: the removed row comes back
      const again = await add({ date: '2026-04-27', nameTh: 'วันหยุดท้องถิ่น' });
      expect(again.json().holiday.id).toBe(holiday.id);
      await remove(holiday.id);
    });

    it('a national special day (operator only) moves cases of every organisation', async () => {
      at('2026-04-20T10:00:00');
      const { caseId } = await start(bkk('2026-04-10T10:00:00'));
      const added = await add({ date: '2026-04-27', nameTh: 'วันหยุดพิเศษ', scope: 'national' });
      expect(added.statusCode).toBe(201);
      expect(added.json().holiday).toMatchObject({ scope: 'national', kind: 'special' });
      expect((await deadlines.get('complaint', caseId))!.currentDueDate).toBe('2026-04-28');
      expect((await add({ date: '2026-04-27', nameTh: 'ซ้ำ' })).json().code).toBe('HOLIDAY_EXISTS');
      expect((await remove(added.json().holiday.id)).statusCode).toBe(200);
      expect((await deadlines.get('complaint', caseId))!.currentDueDate).toBe('2026-04-27');
    });

    it("another organisation's administrator manages only its own days", async () => {
      const [org] = await t.db.query(
        `INSERT INTO organizations (slug, name_th) VALUES ('other-${Date.now()}', 'เทศบาลอื่น') RETURNING id`,
      );
      const email = `admin-${randomUUID()}@other.test`;
      await t.db.query(
        `INSERT INTO users (organization_id, email, display_name, password_hash, roles) VALUES ($1, $2, 'ผู้ดูแล', $3, '{admin}')`,
        [org.id, email, await hashPassword('other-admin-password')],
      );
      const token = await t.login(email, 'other-admin-password');
      at('2026-04-20T10:00:00');
      const ours = await start(bkk('2026-04-10T10:00:00'));

      expect((await add({ date: '2026-04-27', nameTh: 'x', scope: 'national' }, token)).json().code).toBe(
        'FORBIDDEN',
      );
      const own = await add({ date: '2026-04-27', nameTh: 'วันหยุดของเทศบาลอื่น' }, token);
      expect(own.statusCode).toBe(201);
      // not ours: our case keeps its date, we neither see nor remove their day
      expect((await deadlines.get('complaint', ours.caseId))!.currentDueDate).toBe('2026-04-27');
      expect((await holidays(2026)).json()).not.toContainEqual(
        expect.objectContaining({ id: own.json().holiday.id }),
      );
      expect((await remove(own.json().holiday.id)).json().code).toBe('HOLIDAY_NOT_FOUND');
      const songkran = ((await holidays(2026, token)).json() as { id: string; date: string }[]).find(
        (h) => h.date === '2026-04-13',
      )!;
      expect((await remove(songkran.id, token)).json().code).toBe('FORBIDDEN');
    });

    it('validates the body and requires an administrator', async () => {
      const bad = await add({ date: '2026-02-30', nameTh: '', scope: 'planet', extra: 1 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
      expect(new Set(bad.json().details.map((d: { field: string }) => d.field))).toEqual(
        new Set(['date', 'nameTh', 'scope', 'extra']),
      );
      expect((await add({ date: '2026-04-13', nameTh: 'สงกรานต์' })).json().code).toBe('HOLIDAY_EXISTS');
      const { token: officerToken } = await invite(t, adminToken, {
        email: 'officer@test.local',
        displayName: 'เจ้าหน้าที่',
        roles: [Role.Officer],
      });
      expect((await holidays(2026, officerToken)).statusCode).toBe(403);
      expect((await add({ date: '2026-04-28', nameTh: 'x' }, officerToken)).statusCode).toBe(403);
    });
  });
});
