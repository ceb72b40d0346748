// @ts-check
// The page of an invitation or password-reset link. The token is in the fragment (#…), which the
// browser never sends to any server; it is removed from the address bar at once.
(function () {
  const R = window.Rongrian;
  const $ = R.byId;
  const token = location.hash.slice(1);
  history.replaceState(null, '', location.pathname);

  async function start() {
    try {
      const link = await R.api('POST', '/auth/account-links/inspect', { token });
      $('who').textContent = link.displayName;
      $('email').textContent = link.email;
      $('until').textContent = R.formatDate(link.expiresAt);
      $('form').hidden = false;
    } catch (err) {
      $('error').textContent = R.describeError(err);
    }
  }

  $('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('error').textContent = '';
    if ($('password').value !== $('again').value) {
      $('error').textContent = 'รหัสผ่านสองช่องไม่ตรงกัน / The two passwords differ';
      return;
    }
    try {
      await R.api('POST', '/auth/account-links/complete', { token, password: $('password').value });
      $('form').hidden = true;
      $('done').hidden = false;
    } catch (err) {
      $('error').textContent = R.describeError(err, R.labels({ password: 'password' }));
    } finally {
      $('password').value = '';
      $('again').value = '';
    }
  });

  void start();
})();
