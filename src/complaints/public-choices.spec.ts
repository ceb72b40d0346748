import { publicCategoryOrder } from './category-descriptions';
import { escalatesWhenOverdue, SubmissionKind } from './submission-kinds';

describe('public category order', () => {
  it.each([
    [
      ['roads', 'street_lighting', 'other'],
      ['other', 'roads', 'street_lighting'],
    ],
    [
      ['other', 'roads'],
      ['other', 'roads'],
    ],
    [
      ['roads', 'waste'],
      ['roads', 'waste'],
    ],
    [[], []],
  ])('%j → %j', (codes, expected) => {
    expect(publicCategoryOrder(codes.map((code) => ({ code }))).map((c) => c.code)).toEqual(expected);
  });
});

describe('submission kinds', () => {
  it.each([
    [SubmissionKind.Complaint, true],
    [SubmissionKind.Suggestion, false],
    [SubmissionKind.Compliment, false],
  ])('%s escalates when overdue: %s', (kind, escalates) => {
    expect(escalatesWhenOverdue(kind)).toBe(escalates);
  });
});
