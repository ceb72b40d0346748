// @ts-check
// The reporter's follow-up: the session token lives in this variable only (never in storage or a
// cookie), so closing or leaving the page forgets it.
(function () {
  const R = window.Rongrian;
  const org = document.body.dataset.org || '';
  const $ = R.byId;
  /** @type {string | null} */
  let token = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let expiry;

  const auth = () => ({ authorization: 'Bearer ' + token });

  /** @param {string} [message] */
  function forget(message) {
    token = null;
    clearTimeout(expiry);
    $('report').hidden = true;
    $('messages').replaceChildren();
    $('body').value = '';
    $('addMsg').textContent = '';
    $('open').hidden = false;
    $('receipt').value = '';
    $('error').textContent = message || '';
  }

  const ended = 'หมดเวลาหรือออกแล้ว โปรดกรอกรหัสอีกครั้ง / The session ended; enter your receipt again.';

  async function show() {
    try {
      const r = await R.api('GET', '/integrity-reports/session/report', null, auth());
      $('open').hidden = true;
      $('report').hidden = false;
      $('statusTh').textContent = r.statusText.th;
      $('statusEn').textContent = r.statusText.en;
      $('outcome').hidden = !r.outcome;
      if (r.outcome)
        $('outcome').textContent = 'ผลการพิจารณา / Outcome: ' + r.outcome.th + ' / ' + r.outcome.en;
      $('referredTo').hidden = !r.referredTo;
      if (r.referredTo)
        $('referredTo').textContent = 'ส่งต่อไปยัง / Referred to: ' + r.referredTo.th + ' / ' + r.referredTo.en;
      $('receivedOn').textContent = R.formatDay(r.receivedOn);
      $('responseDue').hidden = !r.responseDueOn;
      $('responseDueOn').textContent = R.formatDay(r.responseDueOn);
      $('overdue').hidden = !r.responseOverdue;
      $('decisionDue').hidden = !r.decisionDueOn;
      $('decisionDueOn').textContent = R.formatDay(r.decisionDueOn);
      $('noMessages').hidden = r.messages.length > 0;
      $('messages').replaceChildren(
        ...r.messages.map((m) =>
          R.el(
            'li',
            { class: m.from === 'officer' ? 'from-officer' : '' },
            R.el('time', {}, R.formatDay(m.on)),
            R.el('div', {}, R.el('strong', {}, m.from === 'officer' ? 'เจ้าหน้าที่ / Officer' : 'ท่าน / You')),
            R.el('div', { class: 'body' }, m.body),
          ),
        ),
      );
      $('add').hidden = !r.canAddInformation;
    } catch (err) {
      if (R.failure(err).status === 401) forget(ended);
      else $('error').textContent = R.describeError(err);
    }
  }

  $('open').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('error').textContent = 'กำลังตรวจสอบ… / Checking…';
    $('openBtn').disabled = true;
    try {
      const s = await R.api('POST', `/orgs/${org}/integrity-reports/session`, {
        receipt: $('receipt').value,
      });
      $('receipt').value = '';
      $('error').textContent = '';
      token = s.token;
      expiry = setTimeout(() => forget(ended), s.expiresIn * 1000);
      await show();
    } catch (err) {
      $('error').textContent = R.describeError(err, R.labels({ receipt: 'receipt' }));
    } finally {
      $('openBtn').disabled = false;
    }
  });

  $('add').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('addBtn').disabled = true;
    try {
      await R.api('POST', '/integrity-reports/session/messages', { body: $('body').value.trim() }, auth());
      $('body').value = '';
      $('addMsg').textContent = 'ส่งแล้ว / Sent';
      await show();
    } catch (err) {
      if (R.failure(err).status === 401) forget(ended);
      else $('addMsg').textContent = R.describeError(err, R.labels({ body: 'body' }));
    } finally {
      $('addBtn').disabled = false;
    }
  });

  $('leave').addEventListener('click', async () => {
    const t = token;
    forget('ออกแล้ว / You have left.');
    if (t)
      await R.api('DELETE', '/integrity-reports/session', null, { authorization: 'Bearer ' + t }).catch(
        () => {},
      );
  });

  // Leaving the page ends the session on the server too (best effort).
  window.addEventListener('pagehide', () => {
    if (!token) return;
    fetch('/api/v1/integrity-reports/session', { method: 'DELETE', headers: auth(), keepalive: true }).catch(
      () => {},
    );
    forget();
  });
})();
