/**
 * The signed-in officer's organisation (`GET /organization`): its name on printed slips and letters and
 * its slug for the public categories. Loaded once per page load.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../shared/api';

export type Organization = Schemas['OwnOrganizationView'];
let loading: Promise<Organization> | null = null;

export function useOrganization(onError?: (err: unknown) => void): Organization | null {
  const [org, setOrg] = useState<Organization | null>(null);
  const reportRef = useRef(onError);
  useEffect(() => {
    reportRef.current = onError;
  });
  useEffect(() => {
    loading ??= call(api.GET('/api/v1/organization'));
    loading.then(setOrg).catch((err: unknown) => {
      loading = null;
      reportRef.current?.(err);
    });
  }, []);
  return org;
}

/** Today's Bangkok date (ISO day) and time (HH:MM). */
export function bangkokNow(now = new Date()): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Bangkok',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/**
 * Receipts of complaints registered in this tab (the tracking code is given once, so the slip is printed
 * from the receipt, not from the case), by reference number.
 */
export const receipts = new Map<string, Schemas['ComplaintReceipt']>();
