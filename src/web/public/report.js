// @ts-check
// The whistleblower's form. Sends the report and shows the receipt once; keeps nothing in storage.
(function () {
  const R = window.Rongrian;
  const org = document.body.dataset.org || '';
  const $ = R.byId;

  R.api('GET', `/orgs/${org}/integrity-reports/allegation-types`)
    .then((types) =>
      types.forEach((t) =>
        $('allegationType').append(R.el('option', { value: t.code }, t.nameTh + ' — ' + t.nameEn)),
      ),
    )
    .catch((err) => ($('error').textContent = R.describeError(err)));

  $('giveIdentity').addEventListener('change', () => ($('identity').hidden = !$('giveIdentity').checked));

  /** @param {string} id */
  const v = (id) => $(id).value.trim() || undefined;
  /**
   * Drops the parts of an object nobody filled in; undefined when nothing is left.
   * @template {object} T
   * @param {T} o
   * @returns {Partial<T> | undefined}
   */
  const filled = (o) => {
    /** @type {Record<string, unknown>} */
    const out = {};
    Object.entries(o).forEach(([k, x]) => x !== undefined && (out[k] = x));
    return Object.keys(out).length ? /** @type {Partial<T>} */ (out) : undefined;
  };

  $('form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('error').textContent = '';
    $('send').disabled = true;
    const body = /** @type {Schemas['SubmitIntegrityReportDto']} */ (
      filled({
        kind: /** @type {'complaint' | 'tip'} */ (
          $('form').querySelector('input[name=kind]:checked')?.getAttribute('value')
        ),
        allegationType: $('allegationType').value,
        description: $('description').value.trim(),
        accused: filled({ name: v('accusedName'), position: v('accusedPosition'), unit: v('accusedUnit') }),
        incidentDate: v('incidentDate'),
        incidentPeriod: v('incidentPeriod'),
        place: v('place'),
        evidence: filled({ description: v('evidence'), witnesses: v('witnesses') }),
        reporterRelation: v('relation'),
      })
    );
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
      const r = await R.api('POST', `/orgs/${org}/integrity-reports`, body);
      $('form').reset();
      $('form').hidden = true;
      $('identity').hidden = true;
      $('done').hidden = false;
      $('receipt').textContent = R.formatReceipt(r.receipt);
      $('done').scrollIntoView();
    } catch (err) {
      $('error').textContent = R.describeError(
        err,
        R.labels({
          allegationType: 'allegationType',
          description: 'description',
          'accused.name': 'accusedName',
          'accused.position': 'accusedPosition',
          'accused.unit': 'accusedUnit',
          incidentDate: 'incidentDate',
          incidentPeriod: 'incidentPeriod',
          place: 'place',
          'evidence.description': 'evidence',
          'evidence.witnesses': 'witnesses',
          reporterRelation: 'relation',
          'identity.name': 'idName',
          'identity.phone': 'idPhone',
          'identity.email': 'idEmail',
          'identity.nationalId': 'idNationalId',
        }),
      );
    } finally {
      $('send').disabled = false;
    }
  });

  $('forget').addEventListener('click', () => {
    $('receipt').textContent = '•••• •••• •••• ••••';
    $('forget').disabled = true;
  });
})();
