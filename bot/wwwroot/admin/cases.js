// The console's cases page: the recorded cases of the period with the filters, and the CSV export of the same view.
(function () {
  'use strict';

  const body = document.querySelector('#cases tbody');
  const summary = document.getElementById('summary');
  const exportLink = document.getElementById('export');
  const money = (amount, currency) => amount == null ? '' : amount.toFixed(2) + ' ' + (currency || '');

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    row.appendChild(td);
  }

  async function load(query) {
    exportLink.href = '/admin/api/cases.csv?' + query;
    try {
      const list = await ConsoleFilters.getJson('/admin/api/cases?' + query);
      body.replaceChildren();
      for (const c of list.cases) {
        const row = document.createElement('tr');
        row.dataset.caseId = c.id;
        [c.id, c.createdAt.replace('T', ' ').slice(0, 16), c.policyId, c.status, c.outcome, c.decidedBy, c.language, c.channel,
          c.orderId, c.reasonCategory, money(c.refundAmount, c.currency), c.rating].forEach(v => cell(row, v));
        body.appendChild(row);
      }
      summary.textContent = list.count + (list.count === 1 ? ' case' : ' cases') + ' from ' + list.from + ' to ' + list.to +
        (list.truncated ? ' (the period holds more cases than one page reads: narrow it)' : '');
    } catch (error) {
      summary.textContent = error.message;
    }
  }

  ConsoleFilters.onChange(load);
})();
