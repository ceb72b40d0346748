/**
 * /officer/admin/units: the organisation's units (กอง/ฝ่าย): add, rename, order, deactivate or remove
 * (a unit with cases or officers is kept, deactivated, for its history).
 */
import { useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../../shared/api';
import { ErrorSummary, useFocusFirstInvalid } from '../../shared/components/ErrorSummary';
import { errorsByField, Field } from '../../shared/components/Field';
import { useAction } from '../../shared/use-load';
import { BackToAdmin, EditableItem, EntryFormEnd, loadingText, Notice, useUnits } from './common';

type Unit = Schemas['UnitView'];

const LABELS: Record<string, string> = {
  code: 'รหัส / Code',
  nameTh: 'ชื่อ (ไทย) / Thai name',
  nameEn: 'ชื่อ (อังกฤษ) / English name',
  sortOrder: 'ลำดับ / Order',
};
const idsFor = (prefix: string) => Object.fromEntries(Object.keys(LABELS).map((k) => [k, `${prefix}-${k}`]));

const read = (form: HTMLFormElement) => {
  const d = new FormData(form);
  const text = (k: string) => String(d.get(k) ?? '').trim();
  return {
    code: text('code'),
    nameTh: text('nameTh'),
    nameEn: text('nameEn') || null,
    sortOrder: Number(text('sortOrder') || 0),
  };
};

/** The unit's fields; `unit` absent: a new unit. */
function UnitForm({
  unit,
  onSaved,
  onCancel,
}: {
  unit?: Unit;
  onSaved: (msg: string) => void;
  onCancel?: () => void;
}) {
  const prefix = unit ? `unit-${unit.id}` : 'new-unit';
  const ids = idsFor(prefix);
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const fields = errorsByField(action.error);
  useFocusFirstInvalid(form, action.error);
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = e.currentTarget as HTMLFormElement;
    const body = read(f);
    const active = new FormData(f).get('isActive') === 'on';
    const saved = await action.run(() =>
      unit
        ? call(
            api.PATCH('/api/v1/units/{id}', {
              params: { path: { id: unit.id } },
              body: { ...body, isActive: active },
            }),
          )
        : call(api.POST('/api/v1/units', { body })),
    );
    if (saved) {
      if (!unit) f.reset();
      onSaved(`บันทึกหน่วยงาน ${saved.nameTh} แล้ว / Unit saved`);
    }
  };
  return (
    <form
      ref={form}
      onSubmit={submit}
      noValidate
      aria-label={unit ? `แก้ไข ${unit.nameTh} / Edit` : undefined}
    >
      <ErrorSummary error={action.error} fieldIds={ids} fieldLabels={LABELS} />
      <Field id={ids.code} label="รหัส" labelEn="Code" required hint="a-z 0-9 _" error={fields.code}>
        {(p) => <input {...p} name="code" defaultValue={unit?.code ?? ''} autoComplete="off" />}
      </Field>
      <Field id={ids.nameTh} label="ชื่อ (ไทย)" labelEn="Thai name" required error={fields.nameTh}>
        {(p) => <input {...p} name="nameTh" defaultValue={unit?.nameTh ?? ''} />}
      </Field>
      <Field id={ids.nameEn} label="ชื่อ (อังกฤษ)" labelEn="English name" error={fields.nameEn}>
        {(p) => <input {...p} name="nameEn" defaultValue={unit?.nameEn ?? ''} />}
      </Field>
      <Field id={ids.sortOrder} label="ลำดับ" labelEn="Order" error={fields.sortOrder}>
        {(p) => (
          <input {...p} name="sortOrder" type="number" min={0} defaultValue={String(unit?.sortOrder ?? 0)} />
        )}
      </Field>
      <EntryFormEnd
        isActive={unit?.isActive}
        busy={action.busy}
        addLabel="เพิ่มหน่วยงาน / Add unit"
        onCancel={onCancel}
      />
    </form>
  );
}

function UnitItem({ unit, onChanged }: { unit: Unit; onChanged: (msg: string) => void }) {
  return (
    <EditableItem
      name={unit.nameTh}
      heading={
        <>
          {unit.nameTh} {unit.nameEn && <span class="en">{unit.nameEn}</span>}
        </>
      }
      removeQuestion={`ลบหน่วยงาน ${unit.nameTh}? / Remove this unit?`}
      remove={() => call(api.DELETE('/api/v1/units/{id}', { params: { path: { id: unit.id } } }))}
      onChanged={onChanged}
      form={(done) => <UnitForm unit={unit} {...done} />}
    >
      <p class="muted">
        {unit.code} · ลำดับ / order {unit.sortOrder} ·{' '}
        {unit.isActive ? 'ใช้งาน / active' : 'ปิดใช้งาน / inactive'}
      </p>
    </EditableItem>
  );
}

export function Units() {
  const units = useUnits();
  const [notice, setNotice] = useState('');
  const changed = (msg: string) => {
    setNotice(msg);
    units.reload();
  };
  return (
    <>
      <BackToAdmin />
      <h1>หน่วยงาน / Units</h1>
      <Notice>{notice}</Notice>
      <section class="card" aria-labelledby="new-unit-heading">
        <h2 id="new-unit-heading">เพิ่มหน่วยงาน / Add a unit</h2>
        <UnitForm onSaved={changed} />
      </section>
      <ErrorSummary error={units.error} />
      {units.loading && !units.data && loadingText}
      {units.data && (
        <ul class="plain" aria-label="หน่วยงานทั้งหมด / All units">
          {units.data.map((u) => (
            <UnitItem key={`${u.id}-${u.nameTh}-${u.isActive}`} unit={u} onChanged={changed} />
          ))}
        </ul>
      )}
    </>
  );
}
