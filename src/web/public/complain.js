// @ts-check
(function () {
  const R = window.Rongrian;
  const org = document.body.dataset.org || '';
  const $ = R.byId;
  const LABELS = R.labels({
    categoryCode: 'category',
    subject: 'subject',
    description: 'description',
    'location.address': 'address',
    'location.village': 'village',
    'complainant.name': 'name',
    'complainant.phone': 'phone',
    'complainant.email': 'email',
  });
  const idempotencyKey =
    'web-' + (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
  R.api('GET', `/orgs/${org}/categories`)
    .then((cats) => {
      cats.forEach((c) =>
        $('category').append(R.el('option', { value: c.code }, c.nameTh + ' — ' + c.nameEn)),
      );
    })
    .catch((err) => ($('error').textContent = R.describeError(err)));
  $('form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('error').textContent = '';
    $('send').disabled = true;
    /** @param {string} id */
    const v = (id) => $(id).value.trim() || undefined;
    const location = { address: v('address'), village: v('village') };
    const complainant = {
      name: v('name'),
      phone: v('phone'),
      email: v('email'),
      consentToContact: $('consent').checked,
    };
    /** @type {Schemas['SubmitComplaintDto']} */
    const body = {
      categoryCode: $('category').value,
      subject: $('subject').value.trim(),
      description: $('description').value.trim(),
    };
    if (location.address || location.village) body.location = location;
    if (complainant.name || complainant.phone || complainant.email) body.complainant = complainant;
    try {
      // The same key on a retry (double click, flaky network) returns the first answer, not a second case.
      const r = await R.api('POST', `/orgs/${org}/complaints`, body, {
        'idempotency-key': idempotencyKey,
      });
      $('form').hidden = true;
      $('done').hidden = false;
      $('ref').textContent = r.referenceNo;
      $('code').textContent = r.trackingCode;
      $('due').textContent = R.formatDay(r.dueDate);
      $('tracklink').href = '/track/' + r.trackingCode;
    } catch (err) {
      $('error').textContent = R.describeError(err, LABELS);
    } finally {
      $('send').disabled = false;
    }
  });
})();
