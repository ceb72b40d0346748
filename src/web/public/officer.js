// @ts-check
// The officers' console: one page, routed by path (/officer/...), over the officer API.
// Tokens: the access token lives in a variable only; the single-use refresh token is kept in
// sessionStorage (this tab only, gone when the tab closes) so that a reload resumes the session.
(function () {
  const R = window.Rongrian;
  const el = R.el;
  const $ = R.byId;
  const REFRESH_KEY = 'rongrian.officer.refresh';
  // Per account: the device token of this browser's last successful sign-in (see README, sign-in).
  /** @param {string} email */
  const deviceKey = (email) => 'rongrian.officer.device:' + email.toLowerCase();
  /** @type {string | null} */
  let access = null;
  /** @type {Schemas['UserView'] | null} */
  let user = null;
  /** @type {Promise<void> | null} */
  let refreshing = null;
  /** @type {Schemas['WorkflowView'] | null} */
  let workflow = null;
  /** @type {Schemas['UnitView'][] | null} */
  let units = null;

  // ---- labels ---------------------------------------------------------------------------------
  // The list routes give the status code only; these are the server's STATUS_LABELS (a unit test keeps them equal).
  /** @type {Record<Schemas['ComplaintSummary']['status'], string[]>} */
  const COMPLAINT_STATUS = {
    received: ['รับเรื่องแล้ว รอตรวจสอบ', 'Received, awaiting screening'],
    accepted: ['รับเป็นเรื่องร้องเรียนแล้ว', 'Accepted'],
    rejected: ['ไม่รับเป็นเรื่องร้องเรียน', 'Not accepted'],
    referred: ['ส่งต่อหน่วยงานอื่น', 'Referred to another agency'],
    assigned: ['มอบหมายหน่วยงานผู้รับผิดชอบแล้ว', 'Assigned to the responsible unit'],
    in_progress: ['อยู่ระหว่างดำเนินการ', 'In progress'],
    awaiting_info: ['รอข้อมูลเพิ่มเติมจากผู้ร้องเรียน', 'Awaiting information from the complainant'],
    resolved: ['ดำเนินการแล้วเสร็จ', 'Resolved'],
    closed: ['ปิดเรื่อง', 'Closed'],
    duplicate: ['เป็นเรื่องซ้ำกับเรื่องที่รับไว้แล้ว', 'Duplicate of an earlier complaint'],
  };
  const OPEN_STATUSES = 'received,accepted,assigned,in_progress,awaiting_info';
  /** @type {Record<string, string[]>} */
  const DEADLINE_STATE = {
    open: ['อยู่ในกำหนด', 'open'],
    on_track: ['อยู่ในกำหนด', 'on track'],
    due_soon: ['ใกล้ครบกำหนด', 'due soon'],
    overdue: ['เกินกำหนด', 'overdue'],
    answered: ['ตอบแล้ว', 'answered'],
    met: ['ทันกำหนด', 'met'],
    met_by_explanation: ['ชี้แจงทันกำหนด', 'met by explanation'],
    missed: ['ไม่ทันกำหนด', 'missed'],
  };
  /** @type {Record<string, string>} */
  const EVENT_TYPE = {
    received: 'รับเรื่อง / Received',
    status_changed: 'เปลี่ยนสถานะ / Status changed',
    public_reply: 'ตอบผู้ร้อง / Public reply',
    internal_note: 'บันทึกภายใน / Internal note',
    deadline_extended: 'ขยายเวลา / Deadline extended',
    deadline_milestone: 'แจ้งเตือนกำหนดเวลา / Deadline milestone',
    feedback: 'ผลประเมิน / Feedback',
  };
  /** @type {Record<string, string>} */
  const KIND = { complaint: 'ร้องเรียน / Complaint', tip: 'เบาะแส / Tip-off' };
  /** @param {string[] | undefined} pair */
  const two = (pair) => (pair ? pair[0] + ' / ' + pair[1] : '');
  /** @param {string} s */
  const complaintStatus = (s) => two(COMPLAINT_STATUS[/** @type {keyof COMPLAINT_STATUS} */ (s)]) || s;
  /** @param {string | null | undefined} s */
  const deadlineState = (s) =>
    s ? el('span', { class: 'state state-' + s }, two(DEADLINE_STATE[s]) || s) : '-';
  /** @param {string} s */
  const integrityStatus = (s) => (workflow && workflow.statuses[s] ? workflow.statuses[s].th : s);
  /** The workflow, once loadWorkflow() has run (every integrity page awaits it first). */
  const wf = () => /** @type {Schemas['WorkflowView']} */ (workflow);
  /** The signed-in officer (every page runs after sign-in). */
  const me = () => /** @type {Schemas['UserView']} */ (user);
  /** @param {...Schemas['UserView']['roles'][number]} roles */
  const has = (...roles) => !!user && user.roles.some((r) => roles.includes(r));
  const readsComplaints = () => has('intake', 'officer', 'unit_head', 'supervisor', 'executive', 'admin');
  const writesComplaints = () => has('intake', 'officer', 'unit_head', 'supervisor');

  // ---- session --------------------------------------------------------------------------------
  const signedOut = () => Object.assign(new Error('signed out'), { signedOut: true });

  /** @param {Schemas['TokensView']} tokens */
  function signedIn(tokens) {
    access = tokens.accessToken;
    user = tokens.user;
    sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
    // Marks this browser as the officer's own: others' failed sign-ins do not slow or lock it.
    if (tokens.deviceToken) localStorage.setItem(deviceKey(tokens.user.email), tokens.deviceToken);
    $('me').textContent = user.displayName + ' (' + user.roles.join(', ') + ')';
    /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#nav [data-role]')).forEach((a) => {
      const role = a.dataset.role;
      a.hidden =
        role === 'complaints'
          ? !readsComplaints()
          : !has(/** @type {Schemas['UserView']['roles'][number]} */ (role));
    });
    $('nav').hidden = false;
  }

  /** @param {string} [message] */
  function signOut(message) {
    access = null;
    user = null;
    sessionStorage.removeItem(REFRESH_KEY);
    $('keyNotice').hidden = true;
    $('nav').hidden = true;
    $('view').replaceChildren();
    $('login').hidden = false;
    $('loginError').textContent = message || '';
  }

  /** One refresh at a time: the refresh token is single use, and a replay ends the whole session. */
  function refresh() {
    if (!refreshing) {
      refreshing = (async () => {
        const token = sessionStorage.getItem(REFRESH_KEY);
        if (!token) throw signedOut();
        try {
          signedIn(await R.api('POST', '/auth/refresh', { refreshToken: token }));
        } catch (err) {
          const status = R.failure(err).status || 0;
          if (status >= 400 && status < 500) {
            signOut('กรุณาเข้าสู่ระบบอีกครั้ง / Please sign in again.');
            throw signedOut();
          }
          throw err;
        }
      })().finally(() => (refreshing = null));
    }
    return refreshing;
  }

  /**
   * The API as the signed-in officer (see Rongrian.api): refreshes the session once on a 401.
   * @type {ApiCall}
   */
  async function api(method, path, body) {
    if (!access) await refresh();
    // the body was checked against the route by this function's own type (ApiCall)
    const call = () =>
      R.api(method, path, .../** @type {any} */ ([body, { authorization: 'Bearer ' + access }]));
    try {
      return await call();
    } catch (err) {
      if (R.failure(err).status !== 401) throw err;
      await refresh();
      return call();
    }
  }

  $('login').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('loginError').textContent = '';
    $('loginBtn').disabled = true;
    try {
      const tokens = await R.api('POST', '/auth/login', {
        email: $('email').value.trim(),
        password: $('password').value,
        deviceToken: localStorage.getItem(deviceKey($('email').value.trim())) || undefined,
        ...($('recoveryKey').value.trim() ? { recoveryKey: $('recoveryKey').value.trim() } : {}),
        ...($('replaceKey').checked ? { replaceKey: true } : {}),
      });
      signedIn(tokens);
      showKeyNotice(tokens.integrityKey);
      $('password').value = '';
      $('recoveryKey').value = '';
      $('replaceKey').checked = false;
      $('login').hidden = true;
      void route();
    } catch (err) {
      $('loginError').textContent = R.describeError(err, R.labels({ email: 'email', password: 'password' }));
    } finally {
      $('loginBtn').disabled = false;
    }
  });

  /**
   * The integrity key at sign-in: the recovery key is shown once; a locked key is explained.
   * @param {Schemas['IntegrityKeyView'] | undefined} key
   */
  function showKeyNotice(key) {
    const box = $('keyNotice');
    box.replaceChildren();
    box.hidden = !key || !(key.recoveryKey || key.status === 'locked');
    if (!key || box.hidden) return;
    const say = (/** @type {string} */ text) =>
      box.appendChild(Object.assign(document.createElement('p'), { textContent: text }));
    if (key.recoveryKey) {
      say('กุญแจกู้คืนของท่าน (แสดงครั้งเดียว จดเก็บไว้ในที่ปลอดภัย) / Your recovery key (shown once; keep it safe):');
      box.appendChild(Object.assign(document.createElement('code'), { textContent: key.recoveryKey }));
    } else {
      say(
        'รหัสผ่านของท่านถูกตั้งใหม่ กุญแจเข้ารหัสจึงยังล็อกอยู่: เข้าสู่ระบบใหม่พร้อมกุญแจกู้คืน / ' +
          'Your password was reset, so your encryption key is locked: sign in again with your recovery key.',
      );
    }
  }

  $('logout').addEventListener('click', async () => {
    const token = sessionStorage.getItem(REFRESH_KEY);
    signOut('ออกจากระบบแล้ว / Signed out.');
    if (token) await R.api('POST', '/auth/logout', { refreshToken: token }).catch(() => {});
  });

  // ---- building blocks ------------------------------------------------------------------------
  /**
   * @param {string} href
   * @param {...string} text
   */
  const link = (href, ...text) => el('a', { href, 'data-nav': '' }, ...text);
  /** @param {string} th @param {string} en */
  const title = (th, en) => el('h1', {}, th + ' ', el('span', { class: 'en' }, en));
  /** @param {string} th @param {string} en */
  const heading = (th, en) => el('h2', {}, th + ' ', el('span', { class: 'en' }, en));
  /** @param {...(Node | string | (Node | string)[])} children */
  const card = (...children) => el('section', { class: 'card' }, ...children);
  /** @param {unknown} err */
  const errorBox = (err) => el('div', { class: 'error', role: 'alert' }, R.describeError(err));
  /** @param {string} th @param {string} en @param {Node | string | null | undefined} value */
  const pair = (th, en, value) =>
    el(
      'div',
      { class: 'pair' },
      el('span', { class: 'key' }, th + ' / ' + en),
      el('span', {}, value == null ? '-' : value),
    );
  /** @param {string | null | undefined} s */
  const text = (s) => el('div', { class: 'text' }, s || '-');

  /**
   * @param {string[]} headers
   * @param {(Node | string | null)[][]} rows
   */
  function table(headers, rows) {
    if (!rows.length) return el('p', { class: 'muted' }, 'ไม่มีรายการ / Nothing here');
    return el(
      'div',
      { class: 'scroll' },
      el(
        'table',
        {},
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            headers.map((h) => el('th', {}, h)),
          ),
        ),
        el(
          'tbody',
          {},
          rows.map((r) =>
            el(
              'tr',
              {},
              r.map((c) => el('td', {}, c)),
            ),
          ),
        ),
      ),
    );
  }

  let fieldNo = 0;
  /**
   * A small form. Each field: {name ('a.b' nests), th, en, type: text|textarea|date|select|checkbox,
   * options: [[value, label]], required}. `build(values)` may reshape the body before `send(body)`.
   */
  /** @param {FormSpec} spec */
  function form(spec) {
    const f = el('form', { class: 'action-form', novalidate: '' });
    const inputs = spec.fields.map((field) => {
      const id = 'f' + ++fieldNo;
      let input;
      if (field.type === 'textarea') input = el('textarea', { id, class: 'short' });
      else if (field.type === 'select')
        input = el(
          'select',
          { id },
          (field.options || []).map(([v, l]) => el('option', { value: v }, l)),
        );
      else input = el('input', { id, type: field.type || 'text' });
      if (field.placeholder) input.setAttribute('placeholder', field.placeholder);
      const label = el(
        'label',
        { for: id },
        field.th + (field.required ? ' *' : '') + ' ',
        el('span', { class: 'en' }, field.en),
      );
      if (field.type === 'checkbox')
        f.append(el('label', { class: 'check', for: id }, input, field.th + ' / ' + field.en));
      else f.append(label, input);
      return /** @type {const} */ ([field, input]);
    });
    const button = el('button', { type: 'submit' }, spec.label || 'บันทึก / Save');
    const error = el('div', { class: 'error', role: 'alert' });
    f.append(button, error);
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      error.textContent = '';
      /** @type {FormValues} */
      const values = {};
      inputs.forEach(([field, input]) => {
        const value =
          field.type === 'checkbox'
            ? /** @type {HTMLInputElement} */ (input).checked
            : input.value.trim() || undefined;
        if (value === undefined) return;
        const path = field.name.split('.');
        let o = values;
        path.slice(0, -1).forEach((k) => (o = /** @type {FormValues} */ (o[k] = o[k] || {})));
        o[path[path.length - 1]] = value;
      });
      button.disabled = true;
      try {
        await spec.send(spec.build ? spec.build(values) : values);
        void route();
      } catch (err) {
        if (!R.failure(err).signedOut) error.textContent = R.describeError(err, R.labelsOf(spec.fields));
      } finally {
        button.disabled = false;
      }
    });
    return f;
  }

  /** A button that opens its form below it (one action at a time). */
  /** @param {ActionSpec[]} actions */
  function actionButtons(actions) {
    const box = el('div', { class: 'actions' });
    const slot = el('div');
    actions.forEach((a) => {
      const b = el('button', { type: 'button', class: 'secondary' }, a.label);
      b.addEventListener('click', () => {
        box.querySelectorAll('button').forEach((x) => x.classList.toggle('on', x === b));
        slot.replaceChildren(a.form());
      });
      box.append(b);
    });
    return el('div', {}, box, slot);
  }

  const query = () => new URLSearchParams(location.search);
  /** @param {string} path */
  function go(path) {
    history.pushState(null, '', path);
    void route();
  }

  // ---- my work --------------------------------------------------------------------------------
  /** @param {HTMLElement} view */
  async function myWork(view) {
    /** @type {HTMLElement[]} */
    const parts = [title('งานของฉัน', 'My work')];
    if (readsComplaints()) {
      const [mine, screening, overdue] = await Promise.all([
        api('GET', `/complaints?mine=true&status=${OPEN_STATUSES}&sort=dueDate&pageSize=50`),
        has('intake', 'supervisor')
          ? api('GET', '/complaints?status=received&sort=receivedAt&pageSize=50')
          : Promise.resolve(null),
        api('GET', '/complaints?overdue=true&pageSize=1'),
      ]);
      parts.push(
        card(
          heading('เรื่องเกินกำหนด', 'Overdue'),
          el('p', {}, link('/officer/complaints?overdue=true', overdue.total + ' เรื่อง / complaints →')),
        ),
        card(heading('เรื่องที่ฉันหรือหน่วยงานรับผิดชอบ', 'Assigned to me or my unit'), complaintTable(mine.items)),
      );
      if (screening)
        parts.push(
          card(heading('เรื่องใหม่รอตรวจสอบ', 'New, awaiting screening'), complaintTable(screening.items)),
        );
    }
    if (has('integrity_officer')) {
      await loadWorkflow();
      const reports = await api('GET', '/integrity-reports?pageSize=50');
      const open = reports.items.filter((r) => r.status !== 'closed');
      parts.push(card(heading('เรื่องทุจริตที่ยังไม่ปิด', 'Open integrity reports'), integrityTable(open)));
    }
    if (has('custodian')) {
      const pending = await api('GET', '/integrity-reports/identity-requests');
      parts.push(
        card(
          heading('คำขอเปิดเผยตัวตนที่รอพิจารณา', 'Identity requests waiting'),
          el(
            'p',
            {},
            link('/officer/integrity-reports/identity-requests', pending.length + ' คำขอ / requests →'),
          ),
        ),
      );
    }
    if (parts.length === 1)
      parts.push(card(el('p', { class: 'muted' }, 'ไม่มีงานสำหรับบทบาทของท่าน / Nothing for your roles')));
    view.replaceChildren(...parts);
  }

  // ---- general complaints ---------------------------------------------------------------------
  /** @param {Schemas['ComplaintSummary'][]} items */
  function complaintTable(items) {
    return table(
      ['เลขที่ / Ref', 'เรื่อง / Subject', 'สถานะ / Status', 'รับเมื่อ / Received', 'กำหนด / Due', ''],
      items.map((c) => [
        link('/officer/complaints/' + c.id, c.referenceNo),
        c.subject,
        complaintStatus(c.status),
        R.formatDate(c.receivedAt),
        R.formatDay(c.dueDate),
        deadlineState(c.deadlineState),
      ]),
    );
  }

  /** @param {HTMLElement} view */
  async function complaintList(view) {
    const q = query();
    const page = Number(q.get('page') || 1);
    const params = new URLSearchParams({
      page: String(page),
      pageSize: '20',
      sort: q.get('sort') || '-receivedAt',
    });
    ['status', 'q'].forEach((k) => q.get(k) && params.set(k, q.get(k) || ''));
    ['overdue', 'mine'].forEach((k) => q.get(k) === 'true' && params.set(k, 'true'));
    const result = await api('GET', `/complaints?${params}`);

    const status = el(
      'select',
      { id: 'fStatus' },
      el('option', { value: '' }, 'ทุกสถานะ / All'),
      el('option', { value: OPEN_STATUSES }, 'ยังไม่เสร็จ / Open'),
      Object.keys(COMPLAINT_STATUS).map((s) => el('option', { value: s }, complaintStatus(s))),
    );
    status.value = q.get('status') || '';
    const search = el('input', { id: 'fQ', type: 'search', placeholder: 'ค้นหา / Search' });
    search.value = q.get('q') || '';
    const overdue = el('input', { id: 'fOverdue', type: 'checkbox' });
    overdue.checked = q.get('overdue') === 'true';
    const mine = el('input', { id: 'fMine', type: 'checkbox' });
    mine.checked = q.get('mine') === 'true';
    const filters = el(
      'form',
      { class: 'filters' },
      el('div', {}, el('label', { for: 'fStatus' }, 'สถานะ / Status'), status),
      el('div', {}, el('label', { for: 'fQ' }, 'คำค้น / Words'), search),
      el('label', { class: 'check' }, overdue, 'เกินกำหนด / Overdue'),
      el('label', { class: 'check' }, mine, 'ของฉัน / Mine'),
      el('button', { type: 'submit' }, 'กรอง / Filter'),
    );
    filters.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const next = new URLSearchParams();
      if (status.value) next.set('status', status.value);
      if (search.value.trim()) next.set('q', search.value.trim());
      if (overdue.checked) next.set('overdue', 'true');
      if (mine.checked) next.set('mine', 'true');
      go('/officer/complaints?' + next);
    });
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    /** @param {number} n @param {string} label */
    const pageLink = (n, label) => {
      const next = new URLSearchParams(q);
      next.set('page', String(n));
      return link('/officer/complaints?' + next, label);
    };
    view.replaceChildren(
      title('เรื่องร้องเรียน', 'Complaints'),
      card(filters),
      card(
        el('p', { class: 'muted' }, result.total + ' เรื่อง / complaints · หน้า / page ' + page + ' / ' + pages),
        complaintTable(result.items),
        el(
          'p',
          { class: 'pager' },
          page > 1 ? pageLink(page - 1, '← ก่อนหน้า / Previous') : '',
          page < pages ? pageLink(page + 1, 'ถัดไป / Next →') : '',
        ),
      ),
    );
  }

  const note = { name: 'note', th: 'บันทึก (ภายใน)', en: 'Internal note', type: 'textarea' };
  /** @param {string} th @param {string} en @returns {FieldSpec} */
  const message = (th, en) => ({ name: 'message', th, en, type: 'textarea', required: true });
  const REJECTION = [
    ['not_a_complaint', 'ไม่ใช่เรื่องร้องเรียน / Not a complaint'],
    ['outside_remit', 'ไม่อยู่ในอำนาจหน้าที่ / Outside our remit'],
    ['insufficient_information', 'ข้อมูลไม่เพียงพอ / Insufficient information'],
    ['other', 'อื่น ๆ / Other'],
  ];
  /** The form each complaint action needs (src/complaints/dto/complaint-actions.dto.ts). */
  /** @type {Record<string, {th: string, en: string, fields: () => FieldSpec[]}>} */
  const COMPLAINT_ACTIONS = {
    accept: { th: 'รับเป็นเรื่องร้องเรียน', en: 'Accept', fields: () => [note] },
    reject: {
      th: 'ไม่รับเรื่อง',
      en: 'Reject',
      fields: () => [
        { name: 'reasonCode', th: 'เหตุผล', en: 'Reason', type: 'select', options: REJECTION, required: true },
        message('คำชี้แจงถึงผู้ร้อง', 'Explanation to the complainant'),
      ],
    },
    refer: {
      th: 'ส่งต่อหน่วยงานอื่น',
      en: 'Refer',
      fields: () => [
        { name: 'agency', th: 'หน่วยงาน', en: 'Agency', required: true },
        { name: 'referredOn', th: 'วันที่ส่ง', en: 'Date', type: 'date', required: true },
        { name: 'letterNo', th: 'เลขที่หนังสือ', en: 'Letter no.' },
        { name: 'message', th: 'คำชี้แจงถึงผู้ร้อง', en: 'Explanation to the complainant', type: 'textarea' },
      ],
    },
    mark_duplicate: {
      th: 'เรื่องซ้ำ',
      en: 'Duplicate',
      fields: () => [
        {
          name: 'duplicateOfId',
          th: 'รหัสเรื่องเดิม (จากที่อยู่หน้าเรื่องนั้น)',
          en: 'Id of the earlier complaint (from its page address)',
          required: true,
        },
      ],
    },
    assign: {
      th: 'มอบหมาย',
      en: 'Assign',
      fields: () => [
        {
          name: 'unitId',
          th: 'หน่วยงาน',
          en: 'Unit',
          type: 'select',
          required: true,
          options: (units || []).map((u) => [u.id, u.nameTh + (u.nameEn ? ' / ' + u.nameEn : '')]),
        },
        { name: 'assigneeId', th: 'รหัสเจ้าหน้าที่ (ถ้ามี)', en: 'Officer id (optional)' },
        note,
      ],
    },
    start: { th: 'เริ่มดำเนินการ', en: 'Start work', fields: () => [note] },
    request_info: {
      th: 'ขอข้อมูลเพิ่มเติม',
      en: 'Ask for information',
      fields: () => [message('คำถามถึงผู้ร้อง (หยุดนับเวลา)', 'Question to the complainant (the clock pauses)')],
    },
    resume: { th: 'ได้รับข้อมูลแล้ว ดำเนินการต่อ', en: 'Resume', fields: () => [note] },
    resolve: {
      th: 'แจ้งผลการดำเนินการ',
      en: 'Resolve',
      fields: () => [message('ผลที่แจ้งผู้ร้อง', 'Result for the complainant')],
    },
    close: { th: 'ปิดเรื่อง', en: 'Close', fields: () => [note] },
    reopen: {
      th: 'เปิดเรื่องใหม่',
      en: 'Reopen',
      fields: () => [
        { name: 'reason', th: 'เหตุผล (แจ้งผู้ร้อง)', en: 'Reason (shown)', type: 'textarea', required: true },
      ],
    },
  };

  /** @param {HTMLElement} view @param {string} id */
  async function complaintDetail(view, id) {
    const [c, dl] = await Promise.all([
      api('GET', `/complaints/${id}`),
      api('GET', `/complaints/${id}/deadline`).catch(() => null),
    ]);
    if (c.allowedActions.includes('assign') && !units) units = await api('GET', '/units');
    const base = /** @type {const} */ (`/complaints/${id}`);
    const actions = c.allowedActions
      .filter((a) => COMPLAINT_ACTIONS[a])
      .map((a) => {
        const def = COMPLAINT_ACTIONS[a];
        return {
          label: def.th + ' / ' + def.en,
          form: () =>
            form({
              fields: def.fields(),
              label: def.th + ' / ' + def.en,
              send: (body) =>
                api('POST', `${base}/${/** @type {ComplaintActionRoute} */ (a.replace(/_/g, '-'))}`, body),
            }),
        };
      });
    const deadline = c.deadline || { currentDueDate: null, state: null };
    view.replaceChildren(
      el('p', {}, link('/officer/complaints', '← รายการ / List')),
      title(c.referenceNo, c.subject),
      card(
        el(
          'p',
          {},
          el('span', { class: 'status' }, c.statusLabel.th),
          ' ',
          el('span', { class: 'en' }, c.statusLabel.en),
        ),
        pair('หมวด', 'Category', c.category.nameTh + ' / ' + c.category.nameEn),
        pair('ช่องทาง', 'Channel', c.channel),
        pair('รับเมื่อ', 'Received', R.formatDate(c.receivedAt)),
        pair('กำหนดตอบ', 'Due', R.formatDay(deadline.currentDueDate || null)),
        pair('สถานะกำหนดเวลา', 'Deadline', deadlineState(deadline.state)),
        pair('สถานที่', 'Where', [c.locationAddress, c.locationVillage].filter(Boolean).join(' · ') || '-'),
        pair(
          'ผู้ร้อง',
          'Complainant',
          [c.complainantName, c.complainantPhone, c.complainantEmail].filter(Boolean).join(' · ') ||
            'ไม่ระบุ / not given',
        ),
        pair('ยินยอมให้ติดต่อ', 'Consent to contact', c.consentToContact ? 'ใช่ / yes' : 'ไม่ / no'),
        heading('รายละเอียด', 'Description'),
        text(c.description),
      ),
      card(
        heading('ดำเนินการ', 'Actions'),
        actions.length
          ? actionButtons(actions)
          : el('p', { class: 'muted' }, 'ไม่มีการดำเนินการสำหรับท่าน / No action open to you'),
      ),
      card(
        heading('กำหนดเวลา', 'Deadline'),
        dl
          ? el('p', {}, dl.summaryTh, el('br'), el('span', { class: 'en' }, dl.summaryEn))
          : el('p', { class: 'muted' }, '-'),
        dl && dl.changes.length
          ? table(
              ['วันที่ / On', 'เดิม / Was', 'ใหม่ / Now', 'เหตุผล / Reason'],
              dl.changes.map((x) => [
                R.formatDate(x.at),
                R.formatDay(x.previousDueDate),
                R.formatDay(x.newDueDate),
                x.reason || '-',
              ]),
            )
          : '',
        writesComplaints()
          ? el(
              'details',
              {},
              el(
                'summary',
                {},
                'ขยายเวลา (แจ้งเหตุผลแก่ผู้ร้อง) / Extend the deadline (the complainant is told why)',
              ),
              form({
                fields: [
                  { name: 'newDueDate', th: 'กำหนดใหม่', en: 'New due date', type: 'date', required: true },
                  { name: 'reason', th: 'เหตุผล', en: 'Reason', type: 'textarea', required: true },
                  ...(has('supervisor')
                    ? [
                        {
                          name: 'longExtensionReason',
                          th: 'เหตุผลที่ขยายเกินระยะสูงสุด (ไม่แจ้งผู้ร้อง)',
                          en: 'Why beyond the usual maximum (supervisors; audited, not sent)',
                          type: 'textarea',
                        },
                      ]
                    : []),
                ],
                label: 'ขยายเวลา / Extend',
                send: (body) => api('POST', `${base}/extend-deadline`, body),
              }),
            )
          : '',
      ),
      writesComplaints()
        ? card(
            heading('บันทึก / ตอบผู้ร้อง', 'Note or public reply'),
            form({
              fields: [
                { name: 'message', th: 'ข้อความ', en: 'Message', type: 'textarea', required: true },
                {
                  name: 'isPublic',
                  th: 'ผู้ร้องเห็นข้อความนี้',
                  en: 'The complainant sees it (public reply)',
                  type: 'checkbox',
                },
              ],
              label: 'บันทึก / Save',
              send: (body) => api('POST', `${base}/notes`, Object.assign({ isPublic: false }, body)),
            }),
          )
        : '',
      card(
        heading('ประวัติ', 'History'),
        el(
          'ul',
          { class: 'timeline' },
          c.history.map((e) =>
            el(
              'li',
              { class: e.isPublic ? '' : 'internal' },
              el('time', {}, R.formatDate(e.createdAt)),
              ' ',
              el('span', { class: 'tag' }, e.isPublic ? 'ผู้ร้องเห็น / public' : 'ภายใน / internal'),
              el(
                'div',
                {},
                el(
                  'strong',
                  {},
                  COMPLAINT_ACTIONS[e.action || '']
                    ? COMPLAINT_ACTIONS[e.action || ''].th + ' / ' + COMPLAINT_ACTIONS[e.action || ''].en
                    : EVENT_TYPE[e.type] || e.type,
                ),
                e.toStatus ? ' → ' + complaintStatus(e.toStatus) : '',
              ),
              e.message ? el('div', { class: 'text' }, e.message) : null,
            ),
          ),
        ),
      ),
    );
  }

  // ---- integrity reports ----------------------------------------------------------------------
  async function loadWorkflow() {
    if (!workflow) workflow = await api('GET', '/integrity-reports/workflow');
    return workflow;
  }

  /** @param {Schemas['ReportSummaryView'][]} items */
  function integrityTable(items) {
    return table(
      [
        'เลขที่ / No.',
        'ประเภท / Kind',
        'สถานะ / Status',
        'รับวันที่ / Received',
        'ตอบภายใน / Answer by',
        'ตัดสินภายใน / Decide by',
      ],
      items.map((r) => [
        link('/officer/integrity-reports/' + r.id, r.number),
        KIND[r.kind] || r.kind,
        integrityStatus(r.status),
        R.formatDay(r.receivedOn),
        el('span', {}, R.formatDay(r.firstResponseDueOn), ' ', deadlineState(r.responseDeadline)),
        el('span', {}, R.formatDay(r.conclusionDueOn), ' ', deadlineState(r.conclusionDeadline)),
      ]),
    );
  }

  /** @param {HTMLElement} view */
  async function integrityList(view) {
    await loadWorkflow();
    const q = query();
    const params = new URLSearchParams({ page: q.get('page') || '1', pageSize: '20' });
    if (q.get('status')) params.set('status', q.get('status') || '');
    if (q.get('kind')) params.set('kind', q.get('kind') || '');
    const result = await api('GET', `/integrity-reports?${params}`);
    const status = el(
      'select',
      { id: 'iStatus' },
      el('option', { value: '' }, 'ทุกสถานะ / All'),
      Object.keys(wf().statuses).map((s) => el('option', { value: s }, s + ' — ' + wf().statuses[s].th)),
    );
    status.value = q.get('status') || '';
    const kind = el(
      'select',
      { id: 'iKind' },
      el('option', { value: '' }, 'ทุกประเภท / All'),
      Object.keys(KIND).map((k) => el('option', { value: k }, KIND[k])),
    );
    kind.value = q.get('kind') || '';
    const filters = el(
      'form',
      { class: 'filters' },
      el('div', {}, el('label', { for: 'iStatus' }, 'สถานะ / Status'), status),
      el('div', {}, el('label', { for: 'iKind' }, 'ประเภท / Kind'), kind),
      el('button', { type: 'submit' }, 'กรอง / Filter'),
    );
    filters.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const next = new URLSearchParams();
      if (status.value) next.set('status', status.value);
      if (kind.value) next.set('kind', kind.value);
      go('/officer/integrity-reports?' + next);
    });
    view.replaceChildren(
      title('เรื่องร้องเรียนการทุจริตและเบาะแส', 'Integrity reports'),
      card(filters),
      card(el('p', { class: 'muted' }, result.total + ' เรื่อง / reports'), integrityTable(result.items)),
    );
  }

  /** @param {Record<string, {th: string, en: string}>} map */
  const textFrom = (map) => Object.entries(map).map(([k, t]) => [k, t.th + ' / ' + t.en]);
  /** The details each workflow step records (src/integrity-reports/dto/officer.dto.ts). */
  /**
   * @param {string} action
   * @returns {FieldSpec[]}
   */
  function transitionFields(action) {
    switch (action) {
      case 'dismiss':
        return [
          {
            name: 'dismissal.reason',
            th: 'เหตุผล (ไม่แสดงแก่ผู้แจ้ง)',
            en: 'Reason (not shown to the reporter)',
            type: 'textarea',
            required: true,
          },
        ];
      case 'refer':
        return [
          {
            name: 'referral.agency',
            th: 'หน่วยงาน',
            en: 'Agency',
            type: 'select',
            options: textFrom(wf().agencies),
            required: true,
          },
          { name: 'referral.agencyName', th: 'ชื่อหน่วยงาน (กรณีอื่น ๆ)', en: 'Agency name (if other)' },
          { name: 'referral.referredOn', th: 'วันที่ส่ง', en: 'Date', type: 'date', required: true },
          { name: 'referral.letterNumber', th: 'เลขที่หนังสือ', en: 'Letter no.', required: true },
        ];
      case 'open_fact_finding':
        return [
          { name: 'factFinding.orderNumber', th: 'เลขที่คำสั่ง', en: 'Order no.', required: true },
          { name: 'factFinding.orderDate', th: 'ลงวันที่', en: 'Order date', type: 'date', required: true },
          {
            name: 'factFinding.committee',
            th: 'คณะกรรมการ (บรรทัดละคน: ชื่อ, ตำแหน่ง)',
            en: 'Committee (one per line: name, position)',
            type: 'textarea',
            required: true,
          },
        ];
      case 'conclude':
        return [
          {
            name: 'conclusion.outcome',
            th: 'ผล',
            en: 'Outcome',
            type: 'select',
            options: textFrom(wf().outcomes),
            required: true,
          },
          { name: 'conclusion.summary', th: 'สรุป', en: 'Summary', type: 'textarea' },
          {
            name: 'conclusion.actionKind',
            th: 'การดำเนินการ (จำเป็นเมื่อมีมูล)',
            en: 'Action taken (required if substantiated)',
            type: 'select',
            options: [
              ['', '-'],
              ['disciplinary', 'ทางวินัย / Disciplinary'],
              ['criminal', 'ทางอาญา / Criminal'],
              ['administrative', 'ทางปกครอง / Administrative'],
              ['other', 'อื่น ๆ / Other'],
            ],
          },
          {
            name: 'conclusion.actionDescription',
            th: 'รายละเอียดการดำเนินการ',
            en: 'What was done',
            type: 'textarea',
          },
        ];
      case 'close':
        return [{ name: 'closure.note', th: 'บันทึก', en: 'Note', type: 'textarea' }];
      default:
        return [];
    }
  }

  /** Reshapes the flat form into the TransitionDto. */
  /**
   * @param {string} action
   * @param {FormValues} values
   */
  function transitionBody(action, values) {
    const body = /** @type {Record<string, any>} */ (Object.assign({ action }, values));
    const ff = body.factFinding;
    if (ff && typeof ff.committee === 'string')
      ff.committee = /** @type {string} */ (ff.committee)
        .split('\n')
        .map((line) => line.split(','))
        .filter(([name]) => name && name.trim())
        .map(([name, ...position]) => ({
          name: name.trim(),
          position: position.join(',').trim() || undefined,
        }));
    const c = body.conclusion;
    if (c) {
      if (c.actionKind || c.actionDescription)
        c.actionsTaken = [{ kind: c.actionKind, description: c.actionDescription }];
      delete c.actionKind;
      delete c.actionDescription;
    }
    return body;
  }

  /** @param {HTMLElement} view @param {string} id */
  async function integrityDetail(view, id) {
    await loadWorkflow();
    const base = /** @type {const} */ (`/integrity-reports/${id}`);
    const [r, accessList, requests] = await Promise.all([
      api('GET', base),
      api('GET', `${base}/access`),
      api('GET', `${base}/identity-requests`),
    ]);
    const actions = r.allowedActions.map((a) => {
      const rule = wf().transitions.find((t) => t.action === a) || { labelTh: a, labelEn: a };
      return {
        label: rule.labelTh + ' / ' + rule.labelEn,
        form: () =>
          form({
            fields: transitionFields(a),
            label: rule.labelTh + ' / ' + rule.labelEn,
            build: (values) => transitionBody(a, values),
            send: (body) => api('POST', `${base}/transitions`, body),
          }),
      };
    });
    const accused = r.accused || {};
    const evidence = r.evidence || {};
    const mineApproved = requests.filter(
      (q) =>
        q.status === 'approved' &&
        q.requestedBy.id === me().id &&
        q.accessUntil &&
        new Date(q.accessUntil) > new Date(),
    );
    const identitySlot = el('div');
    view.replaceChildren(
      el('p', {}, link('/officer/integrity-reports', '← รายการ / List')),
      title(r.number, KIND[r.kind] || r.kind),
      card(
        el(
          'p',
          {},
          el('span', { class: 'status' }, integrityStatus(r.status)),
          ' ',
          el('span', { class: 'en' }, r.status),
        ),
        pair('ลักษณะการกระทำ', 'Allegation', r.allegationType),
        pair('รับวันที่', 'Received', R.formatDay(r.receivedOn)),
        pair(
          'ตอบผู้แจ้งภายใน',
          'Answer the reporter by',
          el('span', {}, R.formatDay(r.firstResponseDueOn), ' ', deadlineState(r.responseDeadline)),
        ),
        pair(
          'ตัดสินภายใน',
          'Decide by',
          el('span', {}, R.formatDay(r.conclusionDueOn), ' ', deadlineState(r.conclusionDeadline)),
        ),
        pair('ผู้แจ้งระบุตัวตน', 'Identity given', r.identityProvided ? 'ใช่ / yes' : 'ไม่ / no'),
        pair(
          'ผู้ถูกกล่าวหา',
          'Accused',
          [accused.name, accused.position, accused.unit].filter(Boolean).join(' · ') || '-',
        ),
        pair(
          'เมื่อ',
          'When',
          [r.incidentDate && R.formatDay(r.incidentDate), r.incidentPeriod].filter(Boolean).join(' · ') ||
            '-',
        ),
        pair('สถานที่', 'Place', r.place),
        pair('ผู้แจ้งเป็น', 'Reporter is', r.reporterRelation),
        heading('รายละเอียด', 'Description'),
        text(r.description),
        heading('หลักฐาน', 'Evidence'),
        text(
          [evidence.description, evidence.witnesses && 'พยาน / Witnesses: ' + evidence.witnesses]
            .filter(Boolean)
            .join('\n'),
        ),
      ),
      card(
        heading('ขั้นตอน', 'Workflow step'),
        actions.length
          ? actionButtons(actions)
          : el('p', { class: 'muted' }, 'ไม่มีขั้นตอนต่อไป / No further step'),
      ),
      card(
        heading('ข้อความกับผู้แจ้ง', 'Conversation with the reporter'),
        el(
          'ul',
          { class: 'timeline' },
          r.messages.map((m) =>
            el(
              'li',
              {},
              el('time', {}, R.formatDay(m.on)),
              el(
                'div',
                {},
                el(
                  'strong',
                  {},
                  m.from === 'reporter' ? 'ผู้แจ้ง / Reporter' : m.officer || 'เจ้าหน้าที่ / Officer',
                ),
              ),
              el('div', { class: 'text' }, m.body),
            ),
          ),
        ),
        r.status !== 'closed'
          ? form({
              fields: [
                {
                  name: 'body',
                  th: 'ข้อความถึงผู้แจ้ง',
                  en: 'Message to the reporter',
                  type: 'textarea',
                  required: true,
                },
              ],
              label: 'ส่งถึงผู้แจ้ง / Send to the reporter',
              send: (body) => api('POST', `${base}/messages`, body),
            })
          : '',
      ),
      card(
        heading('บันทึกภายใน', 'Internal notes'),
        el(
          'ul',
          { class: 'timeline' },
          r.notes.map((n) =>
            el(
              'li',
              { class: 'internal' },
              el('time', {}, R.formatDay(n.on) + ' · ' + n.officer),
              el('div', { class: 'text' }, n.body),
            ),
          ),
        ),
        form({
          fields: [
            {
              name: 'body',
              th: 'บันทึก (ผู้แจ้งไม่เห็น)',
              en: 'Note (never shown to the reporter)',
              type: 'textarea',
              required: true,
            },
          ],
          label: 'บันทึก / Save note',
          send: (body) => api('POST', `${base}/notes`, body),
        }),
      ),
      card(
        heading('ประวัติ', 'History'),
        table(
          ['วันที่ / On', 'ขั้นตอน / Step', 'จาก / From', 'เป็น / To', 'โดย / By'],
          r.history.map((h) => {
            const rule = wf().transitions.find((t) => t.action === h.action);
            return [
              R.formatDay(h.on),
              rule ? rule.labelTh + ' / ' + rule.labelEn : h.action,
              h.from,
              h.to,
              h.officer,
            ];
          }),
        ),
      ),
      card(
        heading('ผู้มีสิทธิ์อ่านเรื่องนี้', 'Who can read this report'),
        table(
          ['เจ้าหน้าที่ / Officer', 'สิทธิ์ / Access', 'เหตุผล / Reason', ''],
          accessList.map((a) => [
            a.displayName,
            a.hasAccess ? 'อ่านได้ / yes' : a.status === 'recused' ? 'ถอนตัว / recused' : 'ไม่มี / no',
            a.reason || '-',
            a.hasAccess && a.userId !== me().id
              ? actionButtons([
                  {
                    label: 'ให้ถอนตัว / Recuse',
                    form: () =>
                      form({
                        fields: [
                          {
                            name: 'reason',
                            th: 'ส่วนได้เสีย',
                            en: 'Conflict of interest',
                            type: 'textarea',
                            required: true,
                          },
                        ],
                        label: 'ถอนสิทธิ์ / Recuse',
                        build: (v) => Object.assign({ userId: a.userId }, v),
                        send: (body) => api('POST', `${base}/recusals`, body),
                      }),
                  },
                ])
              : !a.hasAccess
                ? actionButtons([
                    {
                      label: 'ให้สิทธิ์ / Grant',
                      form: () =>
                        form({
                          fields: [{ name: 'reason', th: 'เหตุผล', en: 'Reason', type: 'textarea' }],
                          label: 'ให้สิทธิ์ / Grant',
                          build: (v) => Object.assign({ userId: a.userId }, v),
                          send: (body) => api('POST', `${base}/grants`, body),
                        }),
                    },
                  ])
                : '',
          ]),
        ),
      ),
      card(
        heading('ขอทราบตัวตนผู้แจ้ง', 'Reporter identity requests'),
        table(
          ['วันที่ / On', 'ผู้ขอ / By', 'เหตุผล / Justification', 'ผล / Decision'],
          requests.map((q) => [
            R.formatDay(q.requestedOn),
            q.requestedBy.displayName,
            q.justification,
            q.status + (q.decisionReason ? ': ' + q.decisionReason : ''),
          ]),
        ),
        mineApproved.map((q) => {
          const b = el(
            'button',
            { type: 'button', class: 'secondary' },
            'ดูตัวตน (บันทึกการเข้าถึง) / Read the identity (audited)',
          );
          b.addEventListener('click', async () => {
            try {
              const who = await api('GET', `${base}/identity-requests/${q.id}/identity`);
              identitySlot.replaceChildren(
                pair('ชื่อ', 'Name', who.name),
                pair('โทรศัพท์', 'Phone', who.phone),
                pair('อีเมล', 'E-mail', who.email),
                pair('เลขประจำตัวประชาชน', 'National id', who.nationalId),
                pair('ยินยอมให้ติดต่อ', 'Consent to contact', who.consentToContact ? 'ใช่ / yes' : 'ไม่ / no'),
              );
            } catch (err) {
              if (!R.failure(err).signedOut) identitySlot.replaceChildren(errorBox(err));
            }
          });
          return b;
        }),
        identitySlot,
        r.identityProvided
          ? el(
              'details',
              {},
              el('summary', {}, 'ขอให้ผู้ดูแลข้อมูลเปิดเผยตัวตน / Ask a custodian to disclose the identity'),
              form({
                fields: [
                  {
                    name: 'justification',
                    th: 'เหตุผลความจำเป็น (อย่างน้อย 30 ตัวอักษร)',
                    en: 'Why the investigation needs it (at least 30 characters)',
                    type: 'textarea',
                    required: true,
                  },
                ],
                label: 'ส่งคำขอ / Send request',
                send: (body) => api('POST', `${base}/identity-requests`, body),
              }),
            )
          : el('p', { class: 'muted' }, 'ผู้แจ้งไม่ได้ระบุตัวตน / The reporter gave no identity'),
      ),
    );
  }

  // ---- custodians -----------------------------------------------------------------------------
  /** @param {HTMLElement} view */
  async function identityRequests(view) {
    const wanted = ['pending', 'approved', 'denied'].includes(query().get('status') || '')
      ? query().get('status') || 'pending'
      : 'pending';
    const list = await api('GET', `/integrity-reports/identity-requests?status=${wanted}`);
    const status = el(
      'select',
      { id: 'rStatus' },
      ['pending', 'approved', 'denied'].map((s) =>
        el(
          'option',
          { value: s },
          { pending: 'รอพิจารณา / Pending', approved: 'อนุมัติ / Approved', denied: 'ไม่อนุมัติ / Denied' }[s],
        ),
      ),
    );
    status.value = wanted;
    status.addEventListener('change', () =>
      go('/officer/integrity-reports/identity-requests?status=' + status.value),
    );
    view.replaceChildren(
      title('คำขอเปิดเผยตัวตนผู้แจ้ง', 'Requests to disclose a reporter’s identity'),
      card(
        el(
          'p',
          { class: 'muted' },
          'ผู้ดูแลข้อมูลไม่เห็นเนื้อหาของเรื่อง พิจารณาจากเหตุผลที่ผู้ขอให้ไว้เท่านั้น ',
          el(
            'span',
            { class: 'en' },
            'Custodians never see the report; decide on the written justification.',
          ),
        ),
        el('label', { for: 'rStatus' }, 'แสดง / Show'),
        status,
      ),
      ...(list.length
        ? list.map((q) =>
            card(
              heading(q.reportNumber, q.status),
              pair('ผู้ขอ', 'Requested by', q.requestedBy.displayName),
              pair('วันที่ขอ', 'Requested on', R.formatDay(q.requestedOn)),
              heading('เหตุผล', 'Justification'),
              text(q.justification),
              q.decidedBy
                ? pair('ผู้พิจารณา', 'Decided by', q.decidedBy.displayName + ' · ' + R.formatDay(q.decidedOn))
                : '',
              q.decisionReason ? pair('เหตุผลการพิจารณา', 'Decision reason', q.decisionReason) : '',
              q.status === 'pending' && q.requestedBy.id !== me().id
                ? form({
                    fields: [
                      {
                        name: 'decision',
                        th: 'การพิจารณา',
                        en: 'Decision',
                        type: 'select',
                        required: true,
                        options: [
                          ['deny', 'ไม่อนุมัติ / Deny'],
                          ['approve', 'อนุมัติ (อ่านได้ 48 ชั่วโมง) / Approve (readable for 48 hours)'],
                        ],
                      },
                      { name: 'reason', th: 'เหตุผล', en: 'Reason', type: 'textarea', required: true },
                    ],
                    label: 'บันทึกการพิจารณา / Record the decision',
                    send: (body) =>
                      api('POST', `/integrity-reports/identity-requests/${q.id}/decision`, body),
                  })
                : q.status === 'pending'
                  ? el(
                      'p',
                      { class: 'muted' },
                      'คำขอของท่านเอง ผู้ดูแลข้อมูลท่านอื่นต้องพิจารณา / Your own request: another custodian decides',
                    )
                  : '',
            ),
          )
        : [card(el('p', { class: 'muted' }, 'ไม่มีคำขอ / No requests'))]),
    );
  }

  // ---- routing --------------------------------------------------------------------------------
  async function route() {
    const view = $('view');
    if (!access && !sessionStorage.getItem(REFRESH_KEY)) return signOut();
    $('login').hidden = true;
    view.replaceChildren(el('p', { class: 'muted' }, 'กำลังโหลด… / Loading…'));
    const path = location.pathname.replace(/\/+$/, '');
    let m;
    try {
      if (!access) await refresh();
      if (path === '/officer') await myWork(view);
      else if (path === '/officer/complaints') await complaintList(view);
      else if ((m = path.match(/^\/officer\/complaints\/([^/]+)$/))) await complaintDetail(view, m[1]);
      else if (path === '/officer/integrity-reports') await integrityList(view);
      else if (path === '/officer/integrity-reports/identity-requests') await identityRequests(view);
      else if ((m = path.match(/^\/officer\/integrity-reports\/([^/]+)$/))) await integrityDetail(view, m[1]);
      else view.replaceChildren(card(el('p', {}, 'ไม่พบหน้า / Page not found')));
    } catch (err) {
      if (!R.failure(err).signedOut) view.replaceChildren(errorBox(err));
    }
  }

  document.addEventListener('click', (ev) => {
    const a = ev.target instanceof Element ? ev.target.closest('a[data-nav]') : null;
    if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    if (!access && !sessionStorage.getItem(REFRESH_KEY)) return;
    go(a.getAttribute('href') || '/officer');
  });
  window.addEventListener('popstate', route);
  void route();
})();
