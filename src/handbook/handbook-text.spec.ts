import { DEFAULT_DEADLINE_SETTINGS } from '../deadlines/deadline-settings';
import { complaintSteps, periodTextTh } from './handbook-text';

describe('handbook text', () => {
  it.each([
    [{ mode: 'calendar', days: 15 }, '15 วัน นับจากวันถัดจากวันที่รับเรื่อง หากวันครบกำหนดตรงกับวันหยุดราชการ'],
    [{ mode: 'working_days', days: 10 }, '10 วันทำการ นับจากวันทำการถัดจากวันที่รับเรื่อง'],
  ] as const)('states the day-counting rule of %o', (rule, expected) => {
    expect(periodTextTh({ ...DEFAULT_DEADLINE_SETTINGS, ...rule })).toContain(expected);
  });

  it.each([
    [true, 'เริ่มนับต่อทันทีเมื่อผู้ร้องส่งคำตอบ'],
    [false, 'เริ่มนับต่อเมื่อเจ้าหน้าที่ตรวจคำตอบของผู้ร้องแล้ว'],
  ])('says what an online answer does to the clock (answerResumesClock %s)', (resumes, text) => {
    const steps = complaintSteps(DEFAULT_DEADLINE_SETTINGS, resumes);
    expect(steps.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(steps.find((s) => s.titleTh === 'ดำเนินการ')!.textTh).toContain(text);
    expect(steps.find((s) => s.titleTh === 'แจ้งผล')!.textTh).toContain('15 วัน');
  });
});
