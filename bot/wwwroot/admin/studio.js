// The console's policy studio: a draft of a policy's folder, edited or uploaded, checked, tested, backtested, compared
// with the published version and published. Every change carries the page's antiforgery token; the draft is saved
// with the ETag last read, so two admins never save over each other unknowingly.
(function () {
  'use strict';

  const $ = id => document.getElementById(id);
  const api = '/admin/api/studio/';
  const state = { policy: null, etag: null, files: {}, file: null, dirty: false, token: null };

  const money = (amount, currency) => amount == null ? '-' : amount.toFixed(2) + ' ' + currency;
  const status = text => { $('status').textContent = text; };

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text != null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  async function call(method, path, body, contentType) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      if (!state.token) state.token = (await call('GET', 'token')).token;
      headers['X-CSRF-TOKEN'] = state.token;
    }
    if (body !== undefined) headers['Content-Type'] = contentType || 'application/json';
    const response = await fetch(api + path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : contentType ? body : JSON.stringify(body),
    });
    const answer = response.status === 204 ? null : await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error((answer && (answer.detail || answer.title)) || ('The console answered ' + response.status));
      error.refusals = answer && answer.refusals;
      error.status = response.status;
      throw error;
    }
    return answer;
  }

  async function loadPolicies() {
    const policies = await call('GET', 'policies');
    const select = $('policy');
    select.replaceChildren(...policies.map(p => {
      const option = element('option', p.id + ' (' + p.business + ')');
      option.value = p.id;
      return option;
    }));
    const wanted = new URLSearchParams(location.search).get('policy');
    if (wanted && policies.some(p => p.id === wanted)) select.value = wanted;
    await loadDraft();
  }

  async function loadDraft() {
    state.policy = $('policy').value;
    const draft = await call('GET', encodeURIComponent(state.policy));
    state.etag = draft.eTag;
    state.files = Object.assign({}, draft.files);
    state.dirty = false;
    $('version').textContent = 'Published version ' + draft.publishedVersion.slice(0, 12) + (draft.publishedLabel ? ' (' + draft.publishedLabel + ')' : '');
    $('draft-state').textContent = draft.saved
      ? 'Draft saved by ' + draft.updatedBy + ' at ' + draft.updatedAt.replace('T', ' ').slice(0, 16) + ' UTC.'
      : 'No draft yet: these are the published files. Your first save starts a draft.';
    const names = Object.keys(state.files).sort();
    $('file').replaceChildren(...names.map(n => { const o = element('option', n); o.value = n; return o; }));
    const keep = names.includes(state.file) ? state.file : names.includes('policy.yaml') ? 'policy.yaml' : names[0];
    $('file').value = keep;
    showFile(keep);
    ['check-results', 'test-results', 'backtest-results', 'diff-results', 'publish-result'].forEach(id => $(id).replaceChildren());
    ['check-summary', 'test-summary'].forEach(id => { $(id).textContent = ''; });
    await loadVersions();
  }

  function showFile(name) {
    state.file = name;
    $('editor').value = state.files[name] || '';
  }

  async function save() {
    const saved = await call('PUT', encodeURIComponent(state.policy) + '/draft', { eTag: state.etag, files: state.files });
    state.etag = saved.eTag;
    state.dirty = false;
    $('draft-state').textContent = 'Draft saved.';
    return saved;
  }

  async function saveIfEdited() {
    if (state.dirty) await save();
  }

  async function check() {
    await saveIfEdited();
    const report = await call('GET', encodeURIComponent(state.policy) + '/check');
    $('check-summary').textContent = report.errors + ' error(s), ' + report.warnings + ' warning(s), ' + report.allowed.length + ' allowed';
    $('check-results').replaceChildren(...report.findings.map(f => element('li', f.text, f.severity)),
      ...report.allowed.map(a => element('li', 'allowed ' + a.code + " '" + a.subject + "': " + a.reason)));
  }

  async function test() {
    await saveIfEdited();
    const run = await call('GET', encodeURIComponent(state.policy) + '/test');
    $('test-summary').textContent = run.problems.length > 0 ? run.problems.join(' ') : run.passed + ' passed, ' + run.failed + ' failed';
    $('test-results').replaceChildren(...run.examples.map(e => {
      const item = element('li', null, e.passed ? 'ok' : 'error');
      const lines = e.text.split('\n');
      item.append(element('span', lines[0]));
      if (lines.length > 1) item.append(element('pre', lines.slice(1).map(l => l.trim()).join('\n')));
      return item;
    }));
  }

  async function backtest() {
    await saveIfEdited();
    const days = $('days').value;
    const report = await call('GET', encodeURIComponent(state.policy) + '/backtest?days=' + encodeURIComponent(days));
    const box = $('backtest-results');
    box.replaceChildren(element('p', report.replayed + ' case(s) of the last ' + report.days + ' day(s) replayed under the draft, ' + report.changed.length + ' changed', 'summary'));
    for (const m of report.money) {
      box.append(element('p', 'Refunded: ' + money(m.before, m.currency) + ' before, ' + money(m.after, m.currency) + ' after (' +
        (m.difference >= 0 ? '+' : '') + money(m.difference, m.currency) + ')'));
    }
    box.append(element('p', 'Escalations to a person: ' + report.escalationsBefore + ' before, ' + report.escalationsAfter + ' after'));
    if (report.changed.length > 0) {
      const table = element('table');
      table.id = 'changed-cases';
      const head = element('tr');
      ['Case', 'Decision before', 'Decision after', 'Rule', 'Refund before', 'Refund after', 'The draft would ask for'].forEach(h => head.append(element('th', h)));
      table.append(element('thead'));
      table.tHead.append(head);
      const body = element('tbody');
      const currency = report.money.length > 0 ? report.money[0].currency : '';
      for (const c of report.changed) {
        const row = element('tr');
        [c.id, c.from, c.to, (c.ruleBefore || '?') + ' → ' + (c.ruleAfter || '?'), money(c.refundBefore, currency), money(c.refundAfter, currency), c.asks.join(', ')]
          .forEach(v => row.append(element('td', v)));
        body.append(row);
      }
      table.append(body);
      box.append(table);
    }
    report.unreadable.forEach(u => box.append(element('p', 'Not replayed: ' + u, 'warning')));
  }

  async function diff() {
    await saveIfEdited();
    const files = await call('GET', encodeURIComponent(state.policy) + '/diff');
    const box = $('diff-results');
    box.replaceChildren(files.length === 0 ? element('p', 'The draft is the published version.') : element('p', files.length + ' file(s) differ.'));
    for (const f of files) {
      box.append(element('h3', f.file + ' (' + f.status + ')'));
      const pre = element('pre', null, 'diff');
      for (const l of f.lines) {
        pre.append(element('span', l.kind + ' ' + (l.draft || l.published || '') + '\t' + l.text + '\n', l.kind === '+' ? 'added' : l.kind === '-' ? 'removed' : null));
      }
      box.append(pre);
    }
  }

  async function publish() {
    const box = $('publish-result');
    box.replaceChildren();
    await saveIfEdited();
    if (!state.etag) {
      box.append(element('p', 'Save a draft first: there is nothing to publish.', 'error'));
      return;
    }
    if (!window.confirm('Publish this draft of ' + state.policy + '? Customers will be answered under it within seconds.')) return;
    try {
      const published = await call('POST', encodeURIComponent(state.policy) + '/publish', { eTag: state.etag });
      await loadDraft();
      box.replaceChildren(element('p', 'Published version ' + published.version.slice(0, 12) + ' by ' + published.publishedByName + ' at ' +
        published.publishedAt.replace('T', ' ').slice(0, 16) + ' UTC.', 'ok'));
    } catch (error) {
      box.append(element('p', error.message, 'error'));
      if (error.refusals) {
        const list = element('ul', null, 'refusals');
        error.refusals.forEach(r => list.append(element('li', r)));
        box.append(list);
      }
    }
  }

  async function loadVersions() {
    const versions = await call('GET', encodeURIComponent(state.policy) + '/versions');
    $('versions').tBodies[0].replaceChildren(...versions.map(v => {
      const row = element('tr');
      [v.hash.slice(0, 12), v.label || '', v.publishedAt.replace('T', ' ').slice(0, 16), v.publishedByName || 'from the folder at start', v.served ? 'served now' : '']
        .forEach(t => row.append(element('td', t)));
      return row;
    }));
  }

  async function discard() {
    if (!state.etag) { await loadDraft(); return; }
    if (!window.confirm('Discard the draft of ' + state.policy + '? Its changes are lost.')) return;
    await call('DELETE', encodeURIComponent(state.policy) + '/draft?etag=' + encodeURIComponent(state.etag));
    await loadDraft();
  }

  async function upload(event) {
    const file = event.target.files[0];
    if (!file) return;
    await saveIfEdited();
    const saved = await call('POST', encodeURIComponent(state.policy) + '/draft/upload?etag=' + encodeURIComponent(state.etag || ''), file, 'application/zip');
    event.target.value = '';
    await loadDraft();
    status('Uploaded ' + saved.files.length + ' file(s)' + (saved.ignored.length > 0 ? '; ignored (not policy files): ' + saved.ignored.join(', ') : '') + '.');
  }

  async function addFiles(event) {
    for (const file of event.target.files) state.files[file.name] = await file.text();
    event.target.value = '';
    await save();
    await loadDraft();
    status('Added to the draft.');
  }

  function guard(action) {
    return async event => {
      status('');
      try {
        await action(event);
      } catch (error) {
        status(error.status === 409 && error.refusals ? error.refusals.join(' ') : error.message);
      }
    };
  }

  $('policy').addEventListener('change', guard(loadDraft));
  $('file').addEventListener('change', event => showFile(event.target.value));
  $('editor').addEventListener('input', () => { state.files[state.file] = $('editor').value; state.dirty = true; });
  $('save').addEventListener('click', guard(save));
  $('discard').addEventListener('click', guard(discard));
  $('check').addEventListener('click', guard(check));
  $('test').addEventListener('click', guard(test));
  $('backtest').addEventListener('click', guard(backtest));
  $('diff').addEventListener('click', guard(diff));
  $('publish').addEventListener('click', guard(publish));
  $('upload').addEventListener('change', guard(upload));
  $('add-files').addEventListener('change', guard(addFiles));
  guard(loadPolicies)();
})();
