// A document the customer sent for a case (a receipt): the agent accepts it or rejects it with a reason, which the
// customer is told. The bot's decision rests on the agent's verdict, never on the customer's sending a file.
(() => {
  'use strict';
  const { connection } = window.agentDesk;
  const results = {
    done: null,
    invalid: 'This file is no longer waiting for a check (or a rejection needs a reason).',
    caseFinal: 'This case is closed.',
    notDone: 'The check was not recorded; try again.',
  };

  function button(text, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }

  // The Accept / Reject controls of a document fact of case caseId; done() once the verdict is recorded.
  window.agentDesk.documentCheck = (caseId, fact, done) => {
    const box = document.createElement('span');
    box.className = 'document-check';
    const check = async (accepted) => {
      let reason = null;
      if (accepted) {
        if (!window.confirm(`Accept the file as "${fact.label}"? The customer is told, and the refund may then stand.`)) { return; }
      } else {
        reason = window.prompt(`Why is the file not a valid "${fact.label}"? The customer reads this reason.`);
        if (reason == null || reason.trim() === '') { return; }
      }
      const result = await connection.invoke('CheckDocument', caseId, fact.id, accepted, reason);
      if (results[result]) { window.alert(results[result]); }
      if (done) { await done(); }
    };
    box.append(' ', button('Accept the file', () => check(true)), ' ', button('Reject the file…', () => check(false)));
    return box;
  };
})();
