// The agent desk: the queue, the open conversation's transcript and case, and the agent's actions, live over SignalR.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const connection = new signalR.HubConnectionBuilder().withUrl('/agent/hub').withAutomaticReconnect().build();
  // Other parts of the desk (support-tasks.js) share the connection and hear when it is live.
  window.agentDesk = { connection };
  const live = () => document.dispatchEvent(new CustomEvent('agentdesk:live'));
  const reasons = {
    'customer-asked': 'Asked for a person',
    'human-review': 'Case by case decision',
    'repeated-misunderstanding': 'Bot could not understand',
    'customer-upset': 'Customer upset',
    'question-not-covered': 'Question not in the policy'
  };
  const results = {
    claimedByAnother: 'Another agent has already claimed this conversation.',
    notInQueue: 'This conversation is no longer in the queue.',
    notYours: 'Claim the conversation first.',
    noCase: 'There is no case to record a decision on.',
    invalid: 'Write a message (2,000 characters at most) and pick a decision.',
    invalidAmount: 'The amount must be above zero, in cents at most, no more than what was paid, and in the policy\'s currency.',
    caseFinal: 'The case is closed (refunded, closed or withdrawn): it takes no decision. The customer was told nothing.',
    notDone: 'The bot is restarting: nothing was changed, try again in a moment.'
  };
  let me = null;
  let queue = [];
  let open = null;

  // The inbox (inbox.js) draws the list of conversations; it hears which one is open.
  function renderQueue() {
    document.dispatchEvent(new CustomEvent('agentdesk:opened', { detail: open }));
  }

  function line(entry) {
    const li = document.createElement('li');
    li.className = entry.role;
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = `${entry.role === 'agent' ? entry.name : entry.role} · ${new Date(entry.at).toLocaleTimeString()}`;
    li.append(who, ...withBold(entry.text));
    return li;
  }

  // The bot writes markdown; the desk shows its **bold** parts as bold and everything else as plain text.
  function withBold(text) {
    return text.split('**').map((part, i) => {
      if (i % 2 === 0) { return document.createTextNode(part); }
      const strong = document.createElement('strong');
      strong.textContent = part;
      return strong;
    });
  }

  function renderConversation() {
    $('conversation').hidden = !open;
    $('conversation-empty').hidden = !!open;
    if (!open) { return; }
    const ticket = open.ticket;
    const mine = ticket.status === 'claimed' && me && ticket.agentId === me.id;
    $('owner').textContent = ticket.status === 'claimed' ? `Owned by ${ticket.agentName}` : 'Waiting for an agent';
    const closed = ticket.status === 'closed';
    $('owner').textContent = closed ? 'Left the queue (read only)' : $('owner').textContent;
    $('claim').hidden = ticket.status !== 'waiting';
    $('release').hidden = !mine;
    $('hand-back').hidden = closed;
    $('close').hidden = closed;
    for (const id of ['message', 'hand-back', 'close']) { $(id).disabled = !mine; }
    $('composer').querySelector('button').disabled = !mine;
    $('decide').querySelector('button').disabled = !mine || !open.case;
    $('transcript').replaceChildren(...open.transcript.map(line));
    $('transcript').scrollTop = $('transcript').scrollHeight;
    renderCase(open.case, ticket);
  }

  function renderCase(refundCase, ticket) {
    $('case').hidden = !refundCase;
    $('case-empty').hidden = !!refundCase;
    $('case-empty').textContent = ticket.question ? `No case yet. Unanswered question: “${ticket.question}”` : 'No case yet.';
    if (!refundCase) { return; }
    const facts = [['Case', refundCase.id], ['Status', refundCase.status], ['Order', refundCase.orderId],
      ['Bought', refundCase.purchaseDate], ['Reason', `${refundCase.reason} (${refundCase.reasonCategory})`],
      ...(refundCase.facts || []).map(f => [f.label, f.value])];
    $('case-facts').replaceChildren(...facts.flatMap(([name, value]) => {
      const dt = document.createElement('dt'); dt.textContent = name;
      const dd = document.createElement('dd'); dd.textContent = value;
      return [dt, dd];
    }));
    $('case-history').replaceChildren(...(refundCase.history || []).map(e => {
      const li = document.createElement('li');
      const who = e.by.kind === 'agent' ? `${e.by.name} (agent)` : e.by.kind;
      li.textContent = `${new Date(e.at).toLocaleString()} · ${who} · ${e.from ? `${e.from} → ` : ''}${e.to} · ${e.why}`;
      return li;
    }));
    renderForm(refundCase);
    const decision = refundCase.decision;
    const box = $('decision');
    box.replaceChildren();
    if (!decision) {
      box.textContent = 'Not decided yet: the bot was still gathering facts.';
    } else {
      const p = document.createElement('p');
      const b = decision.breakdown;
      const amount = b ? ` · refund ${b.refund} ${b.currency} of ${b.paid} paid` : '';
      p.textContent = `${decision.outcome} (rule ${decision.ruleId})${amount}`;
      const cited = document.createElement('ul');
      cited.replaceChildren(...decision.sections.map(s => { const li = document.createElement('li'); li.textContent = `§ ${s.heading}`; return li; }));
      const lines = document.createElement('ul');
      lines.replaceChildren(...(b ? b.lines.filter(l => l.amount > 0) : []).map(l => {
        const li = document.createElement('li'); li.textContent = `− ${l.amount} ${b.currency} (${l.kind}, § ${l.section})`; return li;
      }));
      const latest = document.createElement('p');
      latest.textContent = decision.latestRefundDate ? `Refund by ${decision.latestRefundDate} at the latest` : '';
      box.append(p, lines, latest, cited);
      if (window.RefundBotReceipt) { box.append(window.RefundBotReceipt.line(refundCase)); }
    }
    const agentDecision = refundCase.agentDecision;
    $('agent-decision').textContent = agentDecision
      ? `Recorded: ${agentDecision.outcome}${agentDecision.amount != null ? ` ${agentDecision.amount} ${agentDecision.currency}` : ''} by ${agentDecision.agentName}. `
        + `Told the customer: “${agentDecision.customerMessage}”${agentDecision.internalNote ? ` Internal note: ${agentDecision.internalNote}` : ''}`
      : '';
  }

  // The form starts from the policy's wording for the chosen outcome; what the agent typed is kept until they send it.
  let formCase = null;
  let edited = false;
  function renderForm(refundCase) {
    const form = refundCase.form;
    const fresh = !formCase || formCase !== refundCase.id;
    formCase = refundCase.id;
    $('currency').textContent = form ? form.currency : '';
    $('paid').textContent = form && form.paid != null ? `paid: ${form.paid} ${form.currency}` : 'what was paid is not known';
    if (form && form.paid != null) { $('amount').max = form.paid; } else { $('amount').removeAttribute('max'); }
    if (fresh) { edited = false; $('internal-note').value = ''; $('amount').value = ''; }
    if (!edited) { prefill(); }
    $('partial-amount').hidden = $('outcome').value !== 'partial';
  }

  function prefill() {
    const form = open && open.case && open.case.form;
    const draft = form && form.messages[$('outcome').value];
    $('customer-message').value = draft ? draft.text : '';
    $('message-source').textContent = draft && draft.file
      ? `Prefilled from the policy's desk replies (${draft.file}, in ${form.language.toUpperCase()}): check it fits before sending.`
      : draft && draft.ruleId
        ? `Prefilled from the policy (rule ${draft.ruleId}, § ${draft.section}, in ${form.language.toUpperCase()}): check it fits before sending.` : '';
  }

  async function refreshQueue() {
    queue = await connection.invoke('GetQueue');
    renderQueue();
    if (open) {
      const ticket = queue.find(t => t.conversationKey === open.ticket.conversationKey);
      if (!ticket) {
        if (open.ticket.status !== 'closed') { open = null; renderConversation(); renderQueue(); }
        return;
      }
      open.ticket = ticket;
      renderConversation();
    }
  }

  async function openConversation(key) {
    open = await connection.invoke('Open', key);
    renderQueue();
    renderConversation();
    document.dispatchEvent(new CustomEvent('agentdesk:opened', { detail: open ? key : null }));
  }

  async function act(method, ...args) {
    if (!open) { return; }
    const result = await connection.invoke(method, open.ticket.conversationKey, ...args);
    $('action-result').textContent = result === 'done' ? '' : (results[result] || result);
    if (open && method !== 'HandBack') { await openConversation(open.ticket.conversationKey); }
    return result;
  }

  // The inbox opens conversations and acts on the open one through these.
  Object.assign(window.agentDesk, {
    reasons,
    openConversation,
    show: view => { open = view; renderQueue(); renderConversation(); },
    current: () => open,
    me: () => me,
    act
  });

  connection.on('queueChanged', () => refreshQueue());
  connection.on('transcript', (key, entries) => {
    if (!open || open.ticket.conversationKey !== key) { return; }
    open.transcript.push(...entries);
    $('transcript').append(...entries.map(line));
    $('transcript').scrollTop = $('transcript').scrollHeight;
    document.dispatchEvent(new CustomEvent('agentdesk:transcript', { detail: key }));
  });
  connection.onreconnecting(() => { $('connection').textContent = 'reconnecting…'; });
  connection.onreconnected(async () => {
    $('connection').textContent = 'live';
    await refreshQueue();
    if (open) { await openConversation(open.ticket.conversationKey); }
    live();
  });

  $('claim').addEventListener('click', () => act('Claim'));
  $('release').addEventListener('click', () => act('Release'));
  $('composer').addEventListener('submit', async event => {
    event.preventDefault();
    const text = $('message').value.trim();
    if (!text) { return; }
    if (await act('Send', text) === 'done') { $('message').value = ''; }
  });
  $('message').addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); $('composer').requestSubmit(); }
  });
  $('outcome').addEventListener('change', () => {
    $('partial-amount').hidden = $('outcome').value !== 'partial';
    if (!edited) { prefill(); }
  });
  $('customer-message').addEventListener('input', () => { edited = true; });
  function decisionForm() {
    const outcome = $('outcome').value;
    const form = open.case.form;
    return {
      outcome,
      amount: outcome === 'partial' && $('amount').value !== '' ? Number($('amount').value) : null,
      currency: outcome === 'partial' && form ? form.currency : null,
      customerMessage: $('customer-message').value.trim(),
      internalNote: $('internal-note').value.trim()
    };
  }
  $('decide').addEventListener('submit', event => {
    event.preventDefault();
    const form = decisionForm();
    const label = $('outcome').selectedOptions[0].textContent;
    $('confirm-text').textContent = `${label}${form.amount != null ? ` of ${form.amount} ${form.currency}` : ''}. `
      + `The customer will read: “${form.customerMessage}”. Send it?`;
    $('confirm-decision').hidden = false;
    $('confirm-send').focus();
  });
  $('confirm-cancel').addEventListener('click', () => { $('confirm-decision').hidden = true; });
  $('confirm-send').addEventListener('click', async () => {
    $('confirm-decision').hidden = true;
    if (await act('Decide', decisionForm()) === 'done') { edited = false; $('internal-note').value = ''; }
  });
  $('hand-back').addEventListener('click', () => act('HandBack', false));
  $('close').addEventListener('click', () => act('HandBack', true));
  $('sign-out').addEventListener('click', async () => {
    await fetch('/agent/api/logout', { method: 'POST' });
    location.href = '/agent/login';
  });
  // The desk says it is still open; an agent not heard from for two minutes loses their conversations to the queue.
  setInterval(() => { if (connection.state === signalR.HubConnectionState.Connected) { connection.invoke('Heartbeat'); } }, 30000);

  (async () => {
    me = await (await fetch('/agent/api/me')).json();
    $('me').textContent = me.displayName;
    await connection.start();
    $('connection').textContent = 'live';
    await refreshQueue();
    live();
  })();
})();
