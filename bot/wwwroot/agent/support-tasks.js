// The desk's support tasks: cases the support team has to solve before a deadline (the policy gives it time, e.g. 48 hours).
// The bot asks the customer at the deadline whether it works; "Solved" has it ask now.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const { connection } = window.agentDesk;
  let tasks = [];

  const remaining = deadline => {
    const minutes = Math.round((new Date(deadline) - Date.now()) / 60000);
    if (minutes <= 0) { return 'deadline passed'; }
    return minutes < 120 ? `${minutes} min left` : `${Math.floor(minutes / 60)} h left`;
  };

  function render() {
    $('tasks').replaceChildren(...tasks.map(task => {
      const li = document.createElement('li');
      li.dataset.caseId = task.caseId;
      li.innerHTML = '<strong></strong><div class="meta"></div><div class="meta"></div><button type="button">Solved: ask the customer now</button>';
      li.children[0].textContent = `${task.caseId} · ${task.reasonCategory}`;
      li.children[1].textContent = `${task.language.toUpperCase()} · ${task.business || task.policyId || ''} · order ${task.orderId} · ${task.troubleshootingSteps} step(s) tried`;
      li.children[2].textContent = `${new Date(task.deadline).toLocaleString()} · ${remaining(task.deadline)}`;
      li.children[2].className = new Date(task.deadline) <= Date.now() ? 'meta overdue' : 'meta';
      li.children[3].addEventListener('click', () => solved(task));
      return li;
    }));
    $('tasks-empty').hidden = tasks.length > 0;
  }

  async function refresh() {
    if (connection.state !== signalR.HubConnectionState.Connected) { return; }
    tasks = await connection.invoke('GetSupportTasks');
    render();
  }

  async function solved(task) {
    if (!confirm(`Tell the customer of ${task.caseId} that support worked on it, and ask whether it works now?`)) { return; }
    const result = await connection.invoke('SupportSolved', task.caseId);
    $('tasks-result').textContent = result === 'done' ? '' : 'This case is no longer waiting for support (or a person has the conversation).';
    await refresh();
  }

  document.addEventListener('agentdesk:live', refresh);
  connection.on('queueChanged', refresh);
  setInterval(refresh, 30000);
})();
