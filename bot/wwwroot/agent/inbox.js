// The desk's inbox: views (unassigned, mine, all open, recently closed), search and filters (answered by the server),
// cards with the order, case, last line and waiting time against the business's target; the open conversation's team
// notes, canned replies and the agent's typing; alerts (the waiting count in the tab title, a sound, browser
// notifications) and keyboard shortcuts.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const desk = window.agentDesk;
  const { connection, reasons } = desk;
  const title = document.title;
  const kinds = { 'handed-back': 'handed back to the bot', closed: 'closed', 'customer-left': 'the customer went back to the bot' };
  let view = 'open';
  let cards = [];
  let waiting = null; // the keys of the conversations waiting, to tell when a new one joins
  let openKey = null;
  let canned = [];
  let lastTyping = 0;

  const since = at => {
    const seconds = Math.max(0, Math.round((Date.now() - new Date(at)) / 1000));
    return seconds < 60 ? `${seconds}s` : seconds < 7200 ? `${Math.floor(seconds / 60)} min` : `${Math.floor(seconds / 3600)} h`;
  };
  const live = () => connection.state === signalR.HubConnectionState.Connected;

  function query() {
    const wait = $('filter-wait').value;
    return {
      view,
      search: $('search').value.trim() || null,
      policyId: $('filter-policy').value || null,
      language: $('filter-language').value || null,
      channel: $('filter-channel').value || null,
      reason: $('filter-reason').value || null,
      minWaitMinutes: wait ? Number(wait) : null
    };
  }

  function card(item) {
    const li = document.createElement('li');
    li.dataset.key = item.conversationKey;
    li.dataset.id = item.id;
    li.tabIndex = 0;
    li.className = openKey === item.conversationKey ? 'selected' : '';
    const head = document.createElement('strong');
    head.textContent = reasons[item.reason] || item.reason;
    const ids = document.createElement('div');
    ids.className = 'meta';
    ids.textContent = [item.caseId, item.orderId ? `order ${item.orderId}` : null].filter(Boolean).join(' · ') || 'no case yet';
    const where = document.createElement('div');
    where.className = 'meta';
    where.textContent = `${item.language.toUpperCase()} · ${item.business || item.policyId || ''} · ${item.channel}`;
    const last = document.createElement('div');
    last.className = 'last';
    const said = item.lastMessage ? item.lastMessage.replaceAll('**', '') : '';
    last.textContent = said ? `${item.lastMessageRole === 'customer' ? 'Customer' : item.lastMessageRole === 'agent' ? 'Agent' : 'Bot'}: ${said}` : '';
    const status = document.createElement('div');
    status.className = `meta status-${item.status}`;
    status.textContent = item.status === 'closed'
      ? `closed ${since(item.closedAt)} ago · ${kinds[item.closedKind] || item.closedKind}${item.closedByName ? ` by ${item.closedByName}` : ''}`
      : item.status === 'claimed' ? `claimed by ${item.agentName}` : `waiting ${since(item.waitingSince)}`;
    li.append(head, ids, where, last, status);
    if (item.pastTarget) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = `Past the ${item.targetWaitMinutes} min target`;
      status.append(' ', badge);
    }
    if (item.notes > 0) {
      const notes = document.createElement('span');
      notes.className = 'meta';
      notes.textContent = ` · ${item.notes} note${item.notes > 1 ? 's' : ''}`;
      status.append(notes);
    }
    const select = () => openCard(item);
    li.addEventListener('click', select);
    li.addEventListener('keydown', event => { if (event.key === 'Enter') { select(); } });
    return li;
  }

  function render() {
    $('queue').replaceChildren(...cards.map(card));
    const filtered = query().search || query().policyId || query().language || query().channel || query().reason || query().minWaitMinutes;
    $('queue-empty').textContent = filtered ? 'No conversation matches.'
      : view === 'closed' ? 'No conversation left the queue in the last 7 days.'
        : view === 'mine' ? 'You have no conversation.' : 'Nobody is waiting.';
    $('queue-empty').hidden = cards.length > 0;
  }

  async function openCard(item) {
    if (item.status === 'closed') {
      const closed = await connection.invoke('OpenClosed', item.id);
      if (!closed) { return; }
      desk.show(closed.view);
      renderNotes(closed.notes, true);
      $('action-result').textContent = `This conversation left the queue ${new Date(closed.closedAt).toLocaleString()} (${kinds[closed.kind] || closed.kind}${closed.closedByName ? ` by ${closed.closedByName}` : ''}).`;
    } else {
      await desk.openConversation(item.conversationKey);
    }
  }

  async function refresh() {
    if (!live()) { return; }
    const [found, queue] = await Promise.all([connection.invoke('GetInbox', query()), connection.invoke('GetQueue')]);
    cards = found;
    render();
    alertOnNew(queue.filter(t => t.status === 'waiting'));
    fillFilters(queue);
  }

  // Filters offer what is in the queue (and what is already chosen), by the business's name.
  function fillFilters(queue) {
    const fill = (select, entries) => {
      const chosen = select.value;
      const known = new Map([...select.options].filter(o => o.value).map(o => [o.value, o.textContent]));
      for (const [value, label] of entries) { if (value && !known.has(value)) { known.set(value, label); } }
      select.replaceChildren(new Option('All', ''), ...[...known].map(([value, label]) => new Option(label, value)));
      select.value = chosen;
    };
    fill($('filter-policy'), queue.map(t => [t.policyId, t.business || t.policyId]).concat(cards.map(c => [c.policyId, c.business || c.policyId])));
    fill($('filter-reason'), Object.entries(reasons));
  }

  // The count in the tab title; a sound and a browser notification when a customer starts waiting.
  function alertOnNew(waitingNow) {
    const keys = new Set(waitingNow.map(t => t.conversationKey));
    $('waiting-count').textContent = keys.size ? `· ${keys.size} waiting` : '';
    document.title = keys.size ? `(${keys.size}) ${title}` : title;
    const joined = waiting ? waitingNow.filter(t => !waiting.has(t.conversationKey)) : [];
    waiting = keys;
    if (joined.length === 0) { return; }
    if ($('sound').checked) { beep(); }
    if ('Notification' in window && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
      for (const t of joined) {
        new Notification('A customer is waiting', { body: `${reasons[t.reason] || t.reason} · ${t.business || t.policyId || ''} · ${t.language.toUpperCase()}`, tag: t.conversationKey });
      }
    }
  }

  function beep() {
    try {
      const audio = new (window.AudioContext || window.webkitAudioContext)();
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.4);
    } catch { /* no audio on this device */ }
  }

  function renderNotifyButton() {
    const button = $('notify');
    if (!('Notification' in window)) { button.hidden = true; return; }
    button.disabled = Notification.permission !== 'default';
    button.textContent = Notification.permission === 'granted' ? 'Browser notifications are on'
      : Notification.permission === 'denied' ? 'Browser notifications are blocked' : 'Turn on browser notifications';
  }

  function renderNotes(notes, readOnly) {
    $('notes').replaceChildren(...notes.map(n => {
      const li = document.createElement('li');
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = `${n.agentName} · ${new Date(n.at).toLocaleString()}`;
      li.append(who, document.createTextNode(n.text));
      return li;
    }));
    $('note-form').hidden = readOnly;
  }

  // What the open conversation brings with it: its notes and its policy's canned replies in the customer's language.
  async function opened(current) {
    const key = current ? current.ticket.conversationKey : null;
    const changed = key !== openKey;
    openKey = key;
    for (const li of $('queue').children) { li.classList.toggle('selected', li.dataset.key === key); }
    const readOnly = !!current && current.ticket.status === 'closed'; // a conversation that left the queue takes no message
    $('composer').hidden = readOnly;
    $('canned').parentElement.hidden = readOnly;
    if (!current || current.ticket.status === 'closed' || !changed) { return; }
    $('note-result').textContent = '';
    $('typing-status').textContent = '';
    const [notes, replies] = await Promise.all([connection.invoke('GetNotes', key), connection.invoke('GetCannedReplies', key)]);
    renderNotes(notes, false);
    canned = replies;
    $('canned').replaceChildren(new Option(replies.length ? 'Insert a canned reply…' : 'No canned reply for this business', ''),
      ...replies.map(r => new Option(r.title, r.id)));
  }

  document.addEventListener('agentdesk:opened', event => opened(event.detail));

  // A canned reply goes into the message box, where the agent edits it before sending.
  $('canned').addEventListener('change', () => {
    const reply = canned.find(r => r.id === $('canned').value);
    $('canned').value = '';
    if (!reply) { return; }
    const box = $('message');
    const at = box.selectionStart ?? box.value.length;
    box.value = box.value ? `${box.value.slice(0, at)}${reply.text}${box.value.slice(box.selectionEnd ?? at)}` : reply.text;
    box.focus();
  });

  // The customer's Web Chat shows the agent typing (at most every 3 s).
  $('message').addEventListener('input', () => {
    const current = desk.current();
    const me = desk.me();
    if (!current || !me || current.ticket.status !== 'claimed' || current.ticket.agentId !== me.id || Date.now() - lastTyping < 3000) { return; }
    lastTyping = Date.now();
    connection.invoke('Typing', current.ticket.conversationKey);
  });

  $('note-form').addEventListener('submit', async event => {
    event.preventDefault();
    const current = desk.current();
    const text = $('note').value.trim();
    if (!current || !text) { return; }
    const result = await connection.invoke('AddNote', current.ticket.conversationKey, text);
    $('note-result').textContent = result === 'done' ? 'Note saved.' : result === 'notInQueue'
      ? 'This conversation is no longer in the queue.' : 'The note was not saved: try again.';
    if (result === 'done') {
      $('note').value = '';
      renderNotes(await connection.invoke('GetNotes', current.ticket.conversationKey), false);
      await refresh();
    }
  });

  for (const button of document.querySelectorAll('.views button')) {
    button.addEventListener('click', () => setView(button.dataset.view));
  }
  function setView(next) {
    view = next;
    for (const b of document.querySelectorAll('.views button')) { b.setAttribute('aria-pressed', String(b.dataset.view === view)); }
    refresh();
  }

  let searchTimer = 0;
  $('search').addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(refresh, 250); });
  $('inbox-search').addEventListener('submit', event => { event.preventDefault(); refresh(); });
  for (const id of ['filter-policy', 'filter-language', 'filter-channel', 'filter-reason', 'filter-wait']) { $(id).addEventListener('change', refresh); }

  $('sound').checked = localStorage.getItem('agentdesk.sound') === 'on';
  $('sound').addEventListener('change', () => localStorage.setItem('agentdesk.sound', $('sound').checked ? 'on' : 'off'));
  $('notify').addEventListener('click', async () => { await Notification.requestPermission(); renderNotifyButton(); });
  renderNotifyButton();

  // Shortcuts, outside text boxes: ? / j k 1-4 c r t n; Escape leaves a text box or closes the list.
  const shortcuts = $('shortcuts');
  $('shortcuts-open').addEventListener('click', () => shortcuts.showModal());
  $('shortcuts-close').addEventListener('click', () => shortcuts.close());
  function step(by) {
    if (cards.length === 0) { return; }
    const index = cards.findIndex(c => c.conversationKey === openKey);
    const next = cards[Math.min(cards.length - 1, Math.max(0, index < 0 ? 0 : index + by))];
    openCard(next);
  }
  document.addEventListener('keydown', event => {
    const typing = event.target.closest && event.target.closest('input, textarea, select, [contenteditable]');
    if (event.key === 'Escape' && typing) { event.target.blur(); return; }
    if (typing || event.ctrlKey || event.metaKey || event.altKey || shortcuts.open) { return; }
    const actions = {
      '?': () => shortcuts.showModal(),
      '/': () => $('search').focus(),
      j: () => step(1),
      k: () => step(-1),
      1: () => setView('unassigned'),
      2: () => setView('mine'),
      3: () => setView('open'),
      4: () => setView('closed'),
      c: () => { if (!$('claim').hidden && !$('conversation').hidden) { $('claim').click(); } },
      r: () => { if (!$('conversation').hidden) { $('message').focus(); } },
      t: () => { if (!$('conversation').hidden) { $('canned').focus(); } },
      n: () => { if (!$('conversation').hidden && !$('note-form').hidden) { $('note').focus(); } }
    };
    if (actions[event.key]) { event.preventDefault(); actions[event.key](); }
  });

  document.addEventListener('agentdesk:live', refresh);
  connection.on('queueChanged', refresh);
  setInterval(refresh, 15000);
})();
