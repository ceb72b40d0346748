/**
 * Labels of codes (complaint statuses, channels, roles, kinds) read from the API: never copied from
 * the server code. `useLabels()` loads them once per page and falls back to the code itself.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, call } from './api';

export interface Label {
  th: string;
  en: string;
}
export type LabelGroup =
  | 'complaintStatus'
  | 'channel'
  | 'complaintAction'
  | 'complaintKind'
  | 'role'
  | 'integrityStatus'
  | 'integrityKind'
  | 'integrityAction'
  | 'allegationType'
  | 'integrityAgency'
  | 'integrityOutcome'
  | 'integrityActionTaken'
  | 'reporterRelation'
  | 'rejectReason'
  | 'eventType'
  | 'deadlineState'
  | 'attachmentSource'
  | 'organizationType'
  | 'mailStatus'
  | 'mailRecipient'
  | 'roleRequestStatus'
  | 'holidayKind'
  | 'deadlineTrack'
  | 'deadlineMode'
  | 'auditEntityType';
export type LabelTable = Partial<Record<LabelGroup, Record<string, Label>>>;

const byCode = (list: unknown): Record<string, Label> => {
  const out: Record<string, Label> = {};
  if (Array.isArray(list))
    for (const item of list as { code?: unknown; th?: unknown; en?: unknown }[])
      if (typeof item?.code === 'string' && typeof item.th === 'string')
        out[item.code] = { th: item.th, en: typeof item.en === 'string' ? item.en : item.th };
  return out;
};

/**
 * ADAPTER — the single place that knows where labels come from: the typed `GET /api/v1/labels`.
 * A failure (offline, an old server) leaves every label falling back to its code, never a broken page.
 */
export async function fetchLabels(): Promise<LabelTable> {
  try {
    const body = await call(api.GET('/api/v1/labels'));
    return {
      complaintStatus: byCode(body.complaints.statuses),
      channel: byCode(body.complaints.channels),
      complaintAction: byCode(body.complaints.actions),
      complaintKind: byCode(body.complaints.kinds),
      role: byCode(body.roles),
      integrityStatus: byCode(body.integrityReports.statuses),
      integrityKind: byCode(body.integrityReports.kinds),
      integrityAction: byCode(body.integrityReports.actions),
      allegationType: byCode(body.integrityReports.allegationTypes),
      integrityAgency: byCode(body.integrityReports.agencies),
      integrityOutcome: byCode(body.integrityReports.outcomes),
      integrityActionTaken: byCode(body.integrityReports.actionsTaken),
      reporterRelation: byCode(body.integrityReports.reporterRelations),
      rejectReason: byCode(body.complaints.rejectReasons),
      eventType: byCode(body.complaints.eventTypes),
      deadlineState: byCode(body.deadlineStates),
      attachmentSource: byCode(body.attachmentSources),
      organizationType: byCode(body.organizationTypes),
      mailStatus: byCode(body.mailStatuses),
      mailRecipient: byCode(body.mailRecipients),
      roleRequestStatus: byCode(body.roleRequestStatuses),
      holidayKind: byCode(body.holidayKinds),
      deadlineTrack: byCode(body.deadlineTracks),
      deadlineMode: byCode(body.deadlineModes),
      auditEntityType: byCode(body.auditEntityTypes),
    };
  } catch {
    return {};
  }
}

let loading: Promise<LabelTable> | null = null;

export interface Labels {
  table: LabelTable;
  /** the Thai label of `code` in `group`, or the code itself while unknown */
  th(group: LabelGroup, code: string | null | undefined): string;
  get(group: LabelGroup, code: string): Label | undefined;
  /** "Thai / English" of `code` in `group`, or the code itself while unknown */
  both(group: LabelGroup, code: string | null | undefined): string;
}

export const labelsFrom = (table: LabelTable): Labels => ({
  table,
  th: (group, code) => (code ? (table[group]?.[code]?.th ?? code) : '—'),
  get: (group, code) => table[group]?.[code],
  both: (group, code) => {
    const l = code ? table[group]?.[code] : undefined;
    return l ? `${l.th} / ${l.en}` : code || '—';
  },
});

export function useLabels(): Labels {
  const [table, setTable] = useState<LabelTable>({});
  useEffect(() => {
    loading ??= fetchLabels();
    void loading.then(setTable);
  }, []);
  return labelsFrom(table);
}
