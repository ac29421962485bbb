// The desk's refunds: those the bot decided above its limit (or on facts the records did not give), which an agent
// approves with one action that requests them; those carried out by hand (the manual connector), which an agent marks
// done once issued; those the payment system is working on; and those that failed, to request again or mark done.
// Each action is a turn of the case's conversation: the customer is told in the chat (and by e-mail where they gave one).
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const { connection } = window.agentDesk;
  let items = [];

  const money = (amount, currency) => new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
  const state = item => ({
    approve: 'decided by the bot: approve to issue it',
    done: 'to issue by hand, then mark done',
    retry: `failed${item.failureReason ? ` (${item.failureReason})` : ''}`,
    none: `at ${item.connector}: ${(item.paymentStatus || 'requested').replace('_', ' ')}`,
  })[item.action];
  const results = {
    done: '',
    notAllowed: 'This refund is no longer waiting for that action (another agent acted, or it moved on).',
    notDone: 'That did not go through; try again.',
  };

  function button(label, run) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', run);
    return b;
  }

  function render() {
    $('refunds').replaceChildren(...items.map(item => {
      const li = document.createElement('li');
      li.dataset.caseId = item.caseId;
      li.innerHTML = '<strong></strong><div class="meta"></div><div class="actions"></div>';
      li.children[0].textContent = `${item.caseId} · ${money(item.amount, item.currency)}`;
      li.children[1].textContent = `${item.policyId || ''} · order ${item.orderId} · ${state(item)}`;
      const actions = li.children[2];
      if (item.action === 'approve' || item.action === 'retry') {
        actions.append(button(item.action === 'approve' ? 'Approve and issue' : 'Request again', () => act(item, 'ApproveRefund')));
      }
      if (item.action === 'done' || item.action === 'retry') {
        actions.append(button('Refund done', () => act(item, 'RefundDone')));
      }
      return li;
    }));
    $('refunds-empty').hidden = items.length > 0;
  }

  async function refresh() {
    if (connection.state !== signalR.HubConnectionState.Connected) { return; }
    items = await connection.invoke('GetRefunds');
    render();
  }

  async function act(item, method) {
    const what = method === 'RefundDone'
      ? `Confirm that ${money(item.amount, item.currency)} for ${item.caseId} has been refunded? The customer is told it is issued.`
      : `Issue the refund of ${money(item.amount, item.currency)} for ${item.caseId}? The customer is told.`;
    if (!confirm(what)) { return; }
    const result = await connection.invoke(method, item.caseId);
    $('refunds-result').textContent = results[result] ?? result;
    await refresh();
  }

  document.addEventListener('agentdesk:live', refresh);
  connection.on('queueChanged', refresh);
  setInterval(refresh, 30000);
})();
