/** The home page: file, track, report corruption; the statistics, the handbooks and the annual report. */
import { render } from 'preact';
import '../shared/styles.css';
import './public.css';
import { withOrg } from './page';
import { PublicLayout } from './PublicLayout';

function Home() {
  return (
    <PublicLayout current="/">
      <div class="card">
        <h1>
          ยื่นเรื่องร้องเรียน/ร้องทุกข์ ข้อเสนอแนะ หรือคำชมเชย{' '}
          <span class="en">File a complaint, suggestion or compliment</span>
        </h1>
        <p>
          ถนน ไฟฟ้าสาธารณะ ท่อระบายน้ำ น้ำประปา ขยะ เหตุเดือดร้อนรำคาญ หรือการให้บริการของเจ้าหน้าที่ ระยะเวลาและขั้นตอนตามคู่มือ{' '}
          <span class="en">Time frame and steps: see the handbook.</span>
        </p>
        <p>
          <a href={withOrg('/complain')}>ยื่นเรื่อง / File →</a>
        </p>
      </div>
      <div class="card">
        <h2>
          ติดตามเรื่อง <span class="en">Track a complaint</span>
        </h2>
        <p>
          ใช้รหัสติดตามที่ได้รับเมื่อยื่นเรื่อง ไม่ต้องสมัครสมาชิก ตอบคำขอข้อมูลและประเมินผลได้ที่หน้านี้{' '}
          <span class="en">
            Use your tracking code; answer requests for information and rate the result there.
          </span>
        </p>
        <p>
          <a href={withOrg('/track')}>ติดตามเรื่อง / Track →</a>
        </p>
      </div>
      <div class="card">
        <h2>
          แจ้งเบาะแสการทุจริตและประพฤติมิชอบ <span class="en">Report corruption or misconduct</span>
        </h2>
        <p>
          ช่องทางแยกต่างหากเพื่อคุ้มครองผู้แจ้ง ไม่ต้องระบุตัวตน{' '}
          <span class="en">A separate channel that protects you; you need not give your name.</span>
        </p>
        <p>
          <a href={withOrg('/report')}>แจ้งเบาะแส / Report →</a>
        </p>
      </div>
      <div class="card">
        <h2>
          ผลการดำเนินงานและคู่มือ <span class="en">Figures and handbooks</span>
        </h2>
        <ul>
          <li>
            <a href={withOrg('/statistics')}>
              สถิติเรื่องร้องเรียนและรายงานประจำปี / Statistics and the annual report
            </a>
          </li>
          <li>
            <a href="/statistics/all">สถิติทุกหน่วยงาน / Every organisation</a>
          </li>
          <li>
            <a href={withOrg('/handbook')}>คู่มือการจัดการเรื่องร้องเรียน/ร้องทุกข์ / Complaints handbook</a>
          </li>
          <li>
            <a href={withOrg('/handbook#integrity')}>คู่มือการแจ้งเบาะแสการทุจริต / Corruption-report handbook</a>
          </li>
        </ul>
      </div>
    </PublicLayout>
  );
}

render(<Home />, document.getElementById('app')!);
