// The whistleblower's form. Sends the report and shows the receipt once; keeps nothing in storage.
(function () {
  const R = window.Rongrian;
  const org = document.body.dataset.org;
  const $ = (id) => document.getElementById(id);

  R.api('GET', '/orgs/' + org + '/integrity-reports/allegation-types')
    .then((types) =>
      types.forEach((t) =>
        $('allegationType').append(R.el('option', { value: t.code }, t.nameTh + ' — ' + t.nameEn)),
      ),
    )
    .catch((err) => ($('error').textContent = R.describeError(err)));

  $('giveIdentity').addEventListener('change', () => ($('identity').hidden = !$('giveIdentity').checked));

  const v = (id) => $(id).value.trim() || undefined;
  /** Drops the parts of an object nobody filled in; undefined when nothing is left. */
  const filled = (o) => {
    const out = {};
    Object.entries(o).forEach(([k, x]) => x !== undefined && (out[k] = x));
    return Object.keys(out).length ? out : undefined;
  };

  $('form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('error').textContent = '';
    $('send').disabled = true;
    const body = filled({
      kind: document.querySelector('input[name=kind]:checked').value,
      allegationType: $('allegationType').value,
      description: $('description').value.trim(),
      accused: filled({ name: v('accusedName'), position: v('accusedPosition'), unit: v('accusedUnit') }),
      incidentDate: v('incidentDate'),
      incidentPeriod: v('incidentPeriod'),
      place: v('place'),
      evidence: filled({ description: v('evidence'), witnesses: v('witnesses') }),
      reporterRelation: v('relation'),
    });
    if ($('giveIdentity').checked) {
      const identity = filled({
        name: v('idName'),
        phone: v('idPhone'),
        email: v('idEmail'),
        nationalId: v('idNationalId'),
      });
      if (identity) body.identity = Object.assign(identity, { consentToContact: $('idConsent').checked });
    }
    try {
      const r = await R.api('POST', '/orgs/' + org + '/integrity-reports', body);
      $('form').reset();
      $('form').hidden = true;
      $('identity').hidden = true;
      $('done').hidden = false;
      $('receipt').textContent = R.formatReceipt(r.receipt);
      $('done').scrollIntoView();
    } catch (err) {
      $('error').textContent = R.describeError(err);
    } finally {
      $('send').disabled = false;
    }
  });

  $('forget').addEventListener('click', () => {
    $('receipt').textContent = '•••• •••• •••• ••••';
    $('forget').disabled = true;
  });
})();
