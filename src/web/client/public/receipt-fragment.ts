/** The success page's receipt, kept in its URL fragment so that a reload shows it again (no storage). */
export interface ReceiptData {
  code: string;
  referenceNo: string;
  dueDate: string | null;
}

/** The receipt in the success page's URL fragment (`#code=…&ref=…&due=…`), so a reload keeps it. */
export const receiptToFragment = (r: ReceiptData): string =>
  `#${new URLSearchParams({ code: r.code, ref: r.referenceNo, due: r.dueDate ?? '' }).toString()}`;

export function receiptFromFragment(hash: string): ReceiptData | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get('code');
  if (!code || !/^[A-Z0-9]{4}(-[A-Z0-9]{4}){2}$/.test(code)) return null;
  return { code, referenceNo: params.get('ref') ?? '', dueDate: params.get('due') || null };
}
