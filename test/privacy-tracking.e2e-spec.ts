import { Role } from '../src/users/roles';
import { fileComplaint } from './helpers/complaints';
import { createOfficer, Officer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

const complaint = (subject: string, name: string) => ({
  categoryCode: 'street_lighting',
  subject,
  description: 'ไฟถนนดับทั้งซอย',
  complainant: { name, email: `${name.length}@example.com`, consentToContact: true },
});
/** What the officers wrote to the first complainant only. */
const TO_THE_FIRST = {
  reply: 'คุณสมชายครับ ช่างจะเข้าไปที่บ้านเลขที่ 12 พรุ่งนี้',
  request: 'ขอภาพถ่ายเสาไฟหน้าบ้านคุณสมชาย',
  result: 'เปลี่ยนหลอดไฟหน้าบ้านคุณสมชายเรียบร้อย',
};

describe('issue 12 item 3: tracking a duplicate shows the other complaint’s status and dates only', () => {
  let t: TestApp;
  let intake: Officer;
  let officer: Officer;
  const act = async (who: Officer, id: string, action: string, payload: object = {}) => {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/complaints/${id}/${action}`,
      headers: bearer(who.token),
      payload,
    });
    if (res.statusCode >= 300) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
  };
  const file = async (subject: string, name: string) => {
    const { id, receipt } = await fileComplaint(t, complaint(subject, name));
    return { ...receipt, id };
  };
  const track = async (code: string) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/track/${code}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login();
    intake = await createOfficer(t, admin, [Role.Intake]);
    officer = await createOfficer(t, admin, [Role.Officer], 'engineering');
  });
  afterAll(() => t.close());

  it('replies, requests and the result written to the first complainant never reach the second', async () => {
    const first = await file('ไฟดับซอย 3', 'สมชาย');
    const second = await file('ไฟดับซอย 3 เหมือนกัน', 'สมหญิง');
    await act(intake, second.id, 'mark-duplicate', { duplicateOfId: first.id });
    await act(intake, first.id, 'assign', { unitId: officer.unitId });
    await act(officer, first.id, 'notes', { message: TO_THE_FIRST.reply, isPublic: true });
    await act(officer, first.id, 'request-info', { message: TO_THE_FIRST.request });
    await act(officer, first.id, 'resume');
    await act(officer, first.id, 'resolve', { message: TO_THE_FIRST.result });

    // the first complainant sees everything written to them (the attack below is not vacuous)
    const own = JSON.stringify(await track(first.trackingCode));
    for (const text of Object.values(TO_THE_FIRST)) expect(own).toContain(text);

    const tracked = await track(second.trackingCode);
    const body = JSON.stringify(tracked);
    for (const [what, text] of Object.entries(TO_THE_FIRST)) {
      expect({ what, shown: body.includes(text) }).toEqual({ what, shown: false });
    }
    expect(body).not.toContain('สมชาย');
    // its own reference and timeline (received, marked as a duplicate), the other's status and dates
    expect(tracked.referenceNo).toBe(second.referenceNo);
    expect(tracked.timeline.map((e: { status?: string }) => e.status)).toEqual(['received', 'duplicate']);
    expect(tracked.status).toBe('resolved');
    expect(tracked.extensionReason).toBeNull();
    expect(Object.keys(tracked.duplicateOf).sort()).toEqual(
      ['dueDate', 'extended', 'receivedDate', 'status', 'statusLabel'].sort(),
    );
    expect(tracked.duplicateOf).toMatchObject({ status: 'resolved', receivedDate: expect.any(String) });
  });
});
