// The desk's verification list: cases whose refund the bot decided on facts only the customer gave ("based on what you
// told me"). Opening one shows its facts with where each comes from; each fact to check has a form: verified as stated,
// or corrected to the value found in the business's records. Each check is confirmed first, and the bot tells the
// customer when it settles the case (the refund stands, or a person decides with the corrected facts).
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const { connection } = window.agentDesk;
  let items = [];
  let open = null; // { caseId, view }

  const money = (amount, currency) => amount == null ? '' : new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
  const source = s => s.source === 'agent' ? `verified by ${s.byName || s.by}${s.was != null ? ` (customer said ${s.was})` : ''}`
    : s.source === 'order-record' ? 'order record' : 'customer';

  function render() {
    $('verifications').replaceChildren(...items.map(item => {
      const li = document.createElement('li');
      li.dataset.caseId = item.caseId;
      li.innerHTML = '<strong></strong><div class="meta"></div><div class="meta"></div><button type="button">Open</button><div class="verify-case"></div>';
      li.children[0].textContent = `${item.caseId} · ${money(item.refund, item.currency)}${item.corrected ? ' · corrected: an agent decides' : ''}`;
      li.children[1].textContent = `${item.language.toUpperCase()} · ${item.business || item.policyId || ''} · order ${item.orderId} · ${item.reasonCategory}`;
      li.children[2].textContent = item.toVerify.length ? `To check: ${item.toVerify.join(', ')}` : 'Every fact checked';
      li.children[3].addEventListener('click', () => openCase(item.caseId));
      if (open && open.caseId === item.caseId) { renderCase(li.children[4], open.view); }
      return li;
    }));
    $('verifications-empty').hidden = items.length > 0;
  }

  function renderCase(box, view) {
    const facts = document.createElement('dl');
    for (const fact of view.facts) {
      const dt = document.createElement('dt');
      dt.textContent = fact.label;
      const dd = document.createElement('dd');
      dd.dataset.factId = fact.id;
      dd.textContent = `${fact.value} · ${source(fact.source)}`;
      if (fact.needsVerification) { dd.appendChild(fact.type === 'document' ? window.agentDesk.documentCheck(open.caseId, fact, refresh) : form(fact)); }
      facts.append(dt, dd);
    }
    box.replaceChildren(facts);
  }

  function form(fact) {
    const f = document.createElement('form');
    f.className = 'verify-fact';
    const input = fact.choices ? document.createElement('select') : document.createElement('input');
    if (fact.choices) {
      input.replaceChildren(...fact.choices.map(c => new Option(c.label, c.id, false, c.id === fact.raw)));
    } else {
      input.type = fact.type === 'date' ? 'date' : fact.type === 'money' || fact.type === 'number' || fact.type === 'integer' ? 'number' : 'text';
      if (input.type === 'number') { input.step = 'any'; }
      input.value = fact.raw ?? '';
    }
    input.setAttribute('aria-label', `${fact.label} as found in the records`);
    const verified = document.createElement('button');
    verified.type = 'button';
    verified.textContent = 'Verified as stated';
    verified.addEventListener('click', () => verify(fact, null));
    const corrected = document.createElement('button');
    corrected.type = 'submit';
    corrected.textContent = 'Correct';
    f.addEventListener('submit', e => { e.preventDefault(); verify(fact, input.value); });
    f.append(input, verified, corrected);
    return f;
  }

  async function verify(fact, value) {
    const question = value == null || value === fact.raw
      ? `Confirm that "${fact.label}" (${fact.value}) matches the business's records?`
      : `Record "${fact.label}" as ${value} instead of ${fact.value}? A person will then decide the case with the corrected value.`;
    if (!confirm(question)) { return; }
    const result = await connection.invoke('VerifyFact', open.caseId, fact.id, value == null || value === fact.raw ? null : value);
    $('verifications-result').textContent = result === 'done' ? ''
      : result === 'invalid' ? 'That value cannot be recorded for this fact.' : `Not recorded (${result}); try again.`;
    await openCase(open.caseId);
  }

  async function openCase(caseId) {
    const view = await connection.invoke('OpenVerification', caseId);
    open = view ? { caseId, view } : null;
    await refresh();
  }

  async function refresh() {
    if (connection.state !== signalR.HubConnectionState.Connected) { return; }
    items = await connection.invoke('GetVerifications');
    render();
  }

  document.addEventListener('agentdesk:live', refresh);
  connection.on('queueChanged', refresh);
  setInterval(refresh, 30000);
})();
