// The console's insights page: the numbers of /admin/api/insights, drawn with Chart.js (served from /lib, from npm).
(function () {
  'use strict';

  const charts = {};
  const percent = rate => rate == null ? 'n/a' : (rate * 100).toFixed(1) + ' %';
  const minutes = m => m == null ? 'n/a' : m < 90 ? m.toFixed(1) + ' min' : (m / 60).toFixed(1) + ' h';
  const text = (id, value) => { document.getElementById(id).textContent = value; };

  function draw(id, type, labels, values) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart(document.getElementById(id), {
      type,
      data: { labels, datasets: [{ label: 'cases', data: values, backgroundColor: '#2f6fb3' }] },
      options: { animation: false, responsive: true, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  function rows(tableId, lines) {
    const body = document.querySelector('#' + tableId + ' tbody');
    body.replaceChildren();
    for (const line of lines) {
      const tr = document.createElement('tr');
      for (const value of line) {
        const td = document.createElement('td');
        td.textContent = value;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
  }

  async function load(query) {
    const answer = await ConsoleFilters.getJson('/admin/api/insights?' + query);
    const r = answer.report;
    text('total', r.total);
    text('automated', percent(r.automatedResolution.rate) + ' (' + r.automatedResolution.automated + '/' + r.automatedResolution.judged + ')');
    text('escalation', percent(r.escalation.rate) + ' (' + r.escalation.count + ')');
    text('decision-time', minutes(r.timeToDecision.medianMinutes));
    text('agent-time', minutes(r.timeToAgent.medianMinutes));
    text('satisfaction', r.satisfaction.average == null ? 'n/a' : r.satisfaction.average.toFixed(2) + ' / 5');
    text('not-judged', r.automatedResolution.notYetJudged);
    text('asked', r.satisfaction.asked);
    text('rated', r.satisfaction.rated);
    draw('per-day', 'bar', r.requestsPerDay.map(d => d.date), r.requestsPerDay.map(d => d.count));
    draw('outcomes', 'bar', Object.keys(r.outcomes), Object.values(r.outcomes));
    draw('reasons', 'bar', Object.keys(r.reasons), Object.values(r.reasons));
    draw('escalations', 'bar', Object.keys(r.escalation.reasons), Object.values(r.escalation.reasons));
    draw('ratings', 'bar', ['1', '2', '3', '4', '5'], r.satisfaction.ratings);
    rows('refunds', r.refunds.map(t => [t.policy, t.currency, t.count, t.amount.toFixed(2)]));
    rows('times', [
      ['Time to decision', r.timeToDecision.count, minutes(r.timeToDecision.medianMinutes), minutes(r.timeToDecision.p90Minutes)],
      ['Time to an agent', r.timeToAgent.count, minutes(r.timeToAgent.medianMinutes), minutes(r.timeToAgent.p90Minutes)]
    ]);
    const comments = document.getElementById('comments');
    comments.replaceChildren();
    for (const c of r.satisfaction.comments) {
      const li = document.createElement('li');
      li.textContent = c.rating + '/5, ' + c.caseId + ': ' + c.text;
      comments.appendChild(li);
    }
  }

  ConsoleFilters.onChange(query => load(query).catch(error => text('total', error.message)));
})();
