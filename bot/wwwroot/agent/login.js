// The agent desk's sign-in page: a local account's password, or the company's identity provider when configured.
// A file of its own, not an inline script: the desk's Content Security Policy runs only the bot's own script files.
(function () {
  'use strict';

  const form = document.getElementById('sign-in');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const response = await fetch('/agent/api/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: form.username.value, password: form.password.value })
    });
    if (response.ok) {
      // Back to the page that sent here (the desk or the business console), never elsewhere.
      const back = new URLSearchParams(location.search).get('ReturnUrl');
      location.href = back && /^\/(agent|admin)(\/|\?|$)/.test(back) ? back : '/agent';
    } else {
      document.getElementById('sign-in-error').hidden = false;
    }
  });
  fetch('/agent/api/sign-in-options').then(r => r.json()).then(o => { document.getElementById('oidc').hidden = !o.openIdConnect; });
})();
