/** Small pieces the administration pages share: the success notice, the units list, role names. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../../shared/api';
import { ErrorSummary } from '../../shared/components/ErrorSummary';
import { Link } from '../../shared/components/Link';
import { useAction, useLoad } from '../../shared/use-load';

export type Role = Schemas['UserView']['roles'][number];

/** A success message read out by screen readers (role="status"). */
export function Notice({ children }: { children: ComponentChildren }) {
  return children ? (
    <p class="notice" role="status">
      {children}
    </p>
  ) : null;
}

/** The organisation's units (active and not), for pickers and names. */
export function useUnits() {
  return useLoad(() => call(api.GET('/api/v1/units')), []);
}

export const unitName = (u: { nameTh: string; nameEn: string | null } | null | undefined): string =>
  u ? u.nameTh : '—';

/** "← Administration" above each administration page. */
export function BackToAdmin() {
  return (
    <p class="no-print">
      <Link href="/officer/admin">← ผู้ดูแลระบบ / Administration</Link>
    </p>
  );
}

/** Shown while a page loads. */
export const loadingText = <p aria-live="polite">กำลังโหลด… / Loading…</p>;

/**
 * A table that scrolls sideways in its own box (never the page): focusable and named, so a keyboard
 * user can scroll it too (axe: scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/**
 * One entry of an editable reference list (units, categories): its heading and summary, then Edit
 * (the entry's form in place of the buttons) and Remove. The API keeps an entry that has history and
 * deactivates it instead; the message says which happened.
 */
export function EditableItem({
  name,
  heading,
  removeQuestion,
  remove,
  onChanged,
  children,
  form,
}: {
  name: string;
  heading: ComponentChildren;
  /** "ลบหน่วยงาน …? / Remove this unit?" */
  removeQuestion: string;
  remove: () => Promise<Schemas['RemovalView']>;
  onChanged: (msg: string) => void;
  /** the summary under the heading */
  children: ComponentChildren;
  form: (done: { onSaved: (msg: string) => void; onCancel: () => void }) => ComponentChildren;
}) {
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const removeIt = async () => {
    if (!window.confirm(removeQuestion)) return;
    const done = await action.run(remove);
    if (done)
      onChanged(
        done.outcome === 'deleted'
          ? `ลบ ${name} แล้ว / Deleted`
          : `${name} มีประวัติการใช้งาน จึงปิดใช้งานแทนการลบ / In use, so deactivated instead`,
      );
  };
  return (
    <li class="card" aria-label={name}>
      <h3>{heading}</h3>
      {children}
      <ErrorSummary error={action.error} />
      {editing ? (
        form({
          onCancel: () => setEditing(false),
          onSaved: (msg) => {
            setEditing(false);
            onChanged(msg);
          },
        })
      ) : (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => setEditing(true)}>
            แก้ไข / Edit
          </button>
          <button type="button" class="secondary" disabled={action.busy} onClick={removeIt}>
            ลบ / Remove
          </button>
        </div>
      )}
    </li>
  );
}

/** The end of an entry's form: "Active" when editing, then Save (or Add) and Cancel. */
export function EntryFormEnd({
  isActive,
  busy,
  addLabel,
  onCancel,
}: {
  /** undefined: a new entry (no Active box, the Add label) */
  isActive?: boolean;
  busy: boolean;
  addLabel: string;
  onCancel?: () => void;
}) {
  return (
    <>
      {isActive !== undefined && (
        <label class="check">
          <input type="checkbox" name="isActive" defaultChecked={isActive} /> ใช้งาน / Active
        </label>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {isActive !== undefined ? 'บันทึก / Save' : addLabel}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            ยกเลิก / Cancel
          </button>
        )}
      </div>
    </>
  );
}
