// @ts-check
(function () {
  const R = window.Rongrian;
  const $ = R.byId;
  let code = decodeURIComponent(location.pathname.split('/track/')[1] || '');
  let rating = 0;

  async function show() {
    $('error').textContent = '';
    try {
      const t = await R.api('GET', `/track/${encodeURIComponent(code)}`);
      $('result').hidden = false;
      $('ref').textContent = t.referenceNo;
      $('status').textContent = t.statusLabel.th;
      $('statusEn').textContent = t.statusLabel.en;
      $('category').textContent = t.category.th + ' / ' + t.category.en;
      $('received').textContent = R.formatDay(t.receivedDate);
      $('due').textContent = R.formatDay(t.dueDate);
      $('extended').hidden = !t.extended;
      $('extended').textContent = t.extended ? 'ขยายเวลา / Extended: ' + (t.extensionReason || '') : '';
      $('duplicate').hidden = !t.duplicateOf;
      if (t.duplicateOf)
        $('duplicate').textContent =
          'เรื่องนี้ซ้ำกับเรื่องที่รับไว้แล้ว (รับเมื่อ ' +
          R.formatDay(t.duplicateOf.receivedDate) +
          ') สถานะด้านบนเป็นของเรื่องนั้น / Same as a complaint already received; the status above is its status';
      $('timeline').replaceChildren(
        ...t.timeline.map((e) =>
          R.el(
            'li',
            {},
            R.el('time', {}, R.formatDate(e.at)),
            R.el(
              'div',
              {},
              e.statusLabel ? R.el('strong', {}, e.statusLabel.th + ' / ' + e.statusLabel.en) : null,
            ),
            e.message ? R.el('div', {}, e.message) : null,
          ),
        ),
      );
      $('feedback').hidden = !t.canGiveFeedback;
    } catch (err) {
      $('result').hidden = true;
      $('error').textContent = R.describeError(err);
    }
  }

  for (let i = 1; i <= 5; i++) {
    const b = R.el('button', { type: 'button', 'aria-label': i + ' / 5' }, '★'.repeat(i));
    b.addEventListener('click', () => {
      rating = i;
      [...$('stars').children].forEach((c, j) => c.classList.toggle('on', j === i - 1));
    });
    $('stars').append(b);
  }
  $('sendFeedback').addEventListener('click', async () => {
    if (!rating) return;
    try {
      await R.api('POST', `/track/${encodeURIComponent(code)}/feedback`, {
        rating,
        comment: $('comment').value.trim() || undefined,
      });
      $('feedbackMsg').textContent = 'ขอบคุณสำหรับความคิดเห็น / Thank you';
      $('sendFeedback').disabled = true;
    } catch (err) {
      $('feedbackMsg').textContent = R.describeError(err);
    }
  });
  $('form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    code = $('code').value.trim();
    history.replaceState(null, '', `/track/${encodeURIComponent(code)}`);
    void show();
  });
  if (code) {
    $('code').value = code;
    void show();
  }
})();
