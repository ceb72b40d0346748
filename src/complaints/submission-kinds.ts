/**
 * What a general submission is (seeds 002 L718, 003 L2852): a complaint (เรื่องร้องเรียน/ร้องทุกข์,
 * the default), a suggestion (ข้อเสนอแนะ/ข้อคิดเห็น) or a compliment (คำชมเชย).
 *
 * All three are filed, routed, tracked with a code and answered the same way. Only complaints count
 * in the complaint figures and the 15-day compliance; suggestions and compliments are counted apart.
 * They keep the answer clock (the person sees when to expect an answer and the assignee gets the
 * reminder), but a missed date escalates nothing: no overdue alert to the unit head, supervisor or
 * executive and no overdue notice, because the 15-day rule of the ITA concerns complaints (a problem
 * someone suffers), not an idea or thanks, and escalating those would spend the supervisors'
 * attention on what needs none.
 */
export enum SubmissionKind {
  Complaint = 'complaint',
  Suggestion = 'suggestion',
  Compliment = 'compliment',
}

export const SUBMISSION_KINDS = Object.values(SubmissionKind);

export const SUBMISSION_KIND_LABELS: Record<SubmissionKind, { th: string; en: string }> = {
  complaint: { th: 'เรื่องร้องเรียน/ร้องทุกข์', en: 'Complaint' },
  suggestion: { th: 'ข้อเสนอแนะ/ข้อคิดเห็น', en: 'Suggestion' },
  compliment: { th: 'คำชมเชย', en: 'Compliment' },
};

/** Whether a missed answer date of this kind escalates (overdue alerts and notices). */
export const escalatesWhenOverdue = (kind: SubmissionKind): boolean => kind === SubmissionKind.Complaint;
