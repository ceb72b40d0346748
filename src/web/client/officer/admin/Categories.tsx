/**
 * /officer/admin/categories: complaint categories, their public descriptions and their routing (the
 * unit new complaints of the category go to; none: intake assigns). A category in use is deactivated
 * rather than deleted.
 */
import { useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../../shared/api';
import { ErrorSummary, useFocusFirstInvalid } from '../../shared/components/ErrorSummary';
import { errorsByField, Field } from '../../shared/components/Field';
import { useAction, useLoad } from '../../shared/use-load';
import { BackToAdmin, EditableItem, EntryFormEnd, loadingText, Notice, unitName, useUnits } from './common';

type Category = Schemas['CategoryAdminView'];
type Unit = Schemas['UnitView'];

const LABELS: Record<string, string> = {
  code: 'รหัส / Code',
  nameTh: 'ชื่อ (ไทย) / Thai name',
  nameEn: 'ชื่อ (อังกฤษ) / English name',
  descriptionTh: 'คำอธิบาย (ไทย) / Thai description',
  descriptionEn: 'คำอธิบาย (อังกฤษ) / English description',
  defaultUnitId: 'ส่งเรื่องไปที่ / Routed to',
  sortOrder: 'ลำดับ / Order',
};

function CategoryForm({
  category,
  units,
  onSaved,
  onCancel,
}: {
  category?: Category;
  units: Unit[];
  onSaved: (msg: string) => void;
  onCancel?: () => void;
}) {
  const prefix = category ? `cat-${category.id}` : 'new-cat';
  const ids = Object.fromEntries(Object.keys(LABELS).map((k) => [k, `${prefix}-${k}`]));
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const fields = errorsByField(action.error);
  useFocusFirstInvalid(form, action.error);
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = e.currentTarget as HTMLFormElement;
    const d = new FormData(f);
    const text = (k: string) => String(d.get(k) ?? '').trim();
    const body = {
      code: text('code'),
      nameTh: text('nameTh'),
      nameEn: text('nameEn'),
      descriptionTh: text('descriptionTh') || null,
      descriptionEn: text('descriptionEn') || null,
      defaultUnitId: text('defaultUnitId') || null,
      sortOrder: Number(text('sortOrder') || 0),
    };
    const saved = await action.run(() =>
      category
        ? call(
            api.PATCH('/api/v1/categories/{id}', {
              params: { path: { id: category.id } },
              body: { ...body, isActive: d.get('isActive') === 'on' },
            }),
          )
        : call(api.POST('/api/v1/categories', { body })),
    );
    if (saved) {
      if (!category) f.reset();
      onSaved(`บันทึกประเภท ${saved.nameTh} แล้ว / Category saved`);
    }
  };
  const field = (key: 'code' | 'nameTh' | 'nameEn', th: string, en: string, required = true) => (
    <Field id={ids[key]} label={th} labelEn={en} required={required} error={fields[key]}>
      {(p) => <input {...p} name={key} defaultValue={category?.[key] ?? ''} autoComplete="off" />}
    </Field>
  );
  return (
    <form
      ref={form}
      onSubmit={submit}
      noValidate
      aria-label={category ? `แก้ไข ${category.nameTh} / Edit` : undefined}
    >
      <ErrorSummary error={action.error} fieldIds={ids} fieldLabels={LABELS} />
      {field('code', 'รหัส', 'Code')}
      {field('nameTh', 'ชื่อ (ไทย)', 'Thai name')}
      {field('nameEn', 'ชื่อ (อังกฤษ)', 'English name')}
      {(['descriptionTh', 'descriptionEn'] as const).map((key) => (
        <Field
          key={key}
          id={ids[key]}
          label={LABELS[key].split(' / ')[0]}
          labelEn={LABELS[key].split(' / ')[1]}
          error={fields[key]}
        >
          {(p) => <textarea {...p} name={key} rows={2} defaultValue={category?.[key] ?? ''} />}
        </Field>
      ))}
      <Field id={ids.defaultUnitId} label="ส่งเรื่องไปที่" labelEn="Routed to" error={fields.defaultUnitId}>
        {(p) => (
          <select {...p} name="defaultUnitId" defaultValue={category?.defaultUnit?.id ?? ''}>
            <option value="">เจ้าหน้าที่รับเรื่องเป็นผู้มอบหมาย / Intake assigns</option>
            {units
              .filter((u) => u.isActive || u.id === category?.defaultUnit?.id)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.nameTh}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field id={ids.sortOrder} label="ลำดับ" labelEn="Order" error={fields.sortOrder}>
        {(p) => (
          <input
            {...p}
            name="sortOrder"
            type="number"
            min={0}
            defaultValue={String(category?.sortOrder ?? 0)}
          />
        )}
      </Field>
      <EntryFormEnd
        isActive={category?.isActive}
        busy={action.busy}
        addLabel="เพิ่มประเภท / Add category"
        onCancel={onCancel}
      />
    </form>
  );
}

function CategoryItem({
  category,
  units,
  onChanged,
}: {
  category: Category;
  units: Unit[];
  onChanged: (msg: string) => void;
}) {
  return (
    <EditableItem
      name={category.nameTh}
      heading={
        <>
          {category.nameTh} <span class="en">{category.nameEn}</span>
        </>
      }
      removeQuestion={`ลบประเภท ${category.nameTh}? / Remove this category?`}
      remove={() => call(api.DELETE('/api/v1/categories/{id}', { params: { path: { id: category.id } } }))}
      onChanged={onChanged}
      form={(done) => <CategoryForm category={category} units={units} {...done} />}
    >
      <p class="muted">
        {category.code} · ส่งไปที่ / routed to:{' '}
        {category.defaultUnit ? unitName(category.defaultUnit) : 'เจ้าหน้าที่รับเรื่อง / intake'} ·{' '}
        {category.isActive ? 'ใช้งาน / active' : 'ปิดใช้งาน / inactive'}
      </p>
      {category.descriptionTh && <p>{category.descriptionTh}</p>}
    </EditableItem>
  );
}

export function Categories() {
  const categories = useLoad(() => call(api.GET('/api/v1/categories')), []);
  const units = useUnits();
  const [notice, setNotice] = useState('');
  const changed = (msg: string) => {
    setNotice(msg);
    categories.reload();
  };
  return (
    <>
      <BackToAdmin />
      <h1>ประเภทเรื่องและการส่งต่อ / Categories and routing</h1>
      <Notice>{notice}</Notice>
      <section class="card" aria-labelledby="new-cat-heading">
        <h2 id="new-cat-heading">เพิ่มประเภท / Add a category</h2>
        <CategoryForm units={units.data ?? []} onSaved={changed} />
      </section>
      <ErrorSummary error={categories.error ?? units.error} />
      {categories.loading && !categories.data && loadingText}
      {categories.data && (
        <ul class="plain" aria-label="ประเภททั้งหมด / All categories">
          {categories.data.map((c) => (
            <CategoryItem
              key={`${c.id}-${c.nameTh}-${c.isActive}-${c.defaultUnit?.id ?? ''}`}
              category={c}
              units={units.data ?? []}
              onChanged={changed}
            />
          ))}
        </ul>
      )}
    </>
  );
}
