/**
 * /officer/dashboard: the executive's view: open, overdue and due-this-week counts, open and overdue
 * complaints by unit, and the 15-day compliance by month. Plain tables with a bar drawn in CSS (the
 * figure is always written beside it, so the bar is decoration: aria-hidden).
 */
import { api, call } from '../../shared/api';
import { formatDayBE } from '../../shared/be-date';
import { ErrorSummary } from '../../shared/components/ErrorSummary';
import { useLoad } from '../../shared/use-load';
import { loadingText, TableWrap } from './common';

function Bar({ value, max, tone }: { value: number; max: number; tone?: 'bad' }) {
  const width = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <span class="bar" aria-hidden="true">
      <span class={`bar-fill${tone ? ` ${tone}` : ''}`} style={{ width: `${width}%` }} />
    </span>
  );
}

export function Dashboard() {
  const board = useLoad(() => call(api.GET('/api/v1/dashboard')), []);
  const d = board.data;
  const maxOpen = d ? Math.max(1, ...d.byUnit.map((u) => u.open)) : 1;
  return (
    <>
      <h1>ภาพรวม / Dashboard</h1>
      <ErrorSummary error={board.error} />
      {board.error && (
        <button type="button" class="secondary" onClick={board.reload}>
          ลองใหม่ / Try again
        </button>
      )}
      {board.loading && !d && loadingText}
      {d && (
        <>
          <p class="muted">
            ข้อมูล ณ วันที่ / As of {formatDayBE(d.today)} · ปีงบประมาณ / Fiscal year {d.fiscalYear}
          </p>
          <ul class="figures" aria-label="ตัวเลขสรุป / Key figures">
            <li class="card">
              <span class="figure">{d.open}</span> เรื่องที่ยังไม่ได้ตอบ <span class="en">Open</span>
            </li>
            <li class="card">
              <span class="figure bad">{d.overdue}</span> เกินกำหนด <span class="en">Overdue</span>
            </li>
            <li class="card">
              <span class="figure">{d.dueThisWeek}</span> ครบกำหนดภายใน 7 วัน{' '}
              <span class="en">Due this week</span>
            </li>
          </ul>
          <section class="card" aria-labelledby="by-unit">
            <h2 id="by-unit">แยกตามหน่วยงาน / By unit</h2>
            {d.byUnit.length === 0 ? (
              <p>ไม่มีเรื่องค้าง / Nothing open</p>
            ) : (
              <TableWrap label="แยกตามหน่วยงาน / By unit">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">หน่วยงาน / Unit</th>
                      <th scope="col">ค้าง / Open</th>
                      <th scope="col">เกินกำหนด / Overdue</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.byUnit.map((u) => (
                      <tr key={u.unitId ?? 'none'}>
                        <th scope="row">{u.unitId ? u.nameTh : 'ยังไม่มอบหมายหน่วยงาน / Not yet assigned'}</th>
                        <td>
                          {u.open} <Bar value={u.open} max={maxOpen} />
                        </td>
                        <td>
                          {u.overdue} <Bar value={u.overdue} max={maxOpen} tone="bad" />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
          <section class="card" aria-labelledby="compliance">
            <h2 id="compliance">ตอบภายในกำหนด 15 วัน รายเดือน / 15-day compliance by month</h2>
            <TableWrap label="รายเดือน / By month">
              <table>
                <thead>
                  <tr>
                    <th scope="col">เดือน / Month</th>
                    <th scope="col">รับ / Received</th>
                    <th scope="col">ครบกำหนด / Due</th>
                    <th scope="col">ทันกำหนด / In time</th>
                    <th scope="col">ร้อยละ / Percent</th>
                  </tr>
                </thead>
                <tbody>
                  {d.complianceByMonth.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{m.nameTh}</th>
                      <td>{m.received}</td>
                      <td>{m.due}</td>
                      <td>{m.compliant}</td>
                      <td>
                        {m.compliancePercent === null ? '—' : `${m.compliancePercent}%`}{' '}
                        {m.compliancePercent !== null && <Bar value={m.compliancePercent} max={100} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </section>
        </>
      )}
    </>
  );
}
