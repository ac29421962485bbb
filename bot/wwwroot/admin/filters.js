// The console's filter form: its values come from and go to the page's query string (so a view can be bookmarked),
// and the last 30 days are the default period. A file of its own: the console's CSP runs only the bot's script files.
window.ConsoleFilters = (function () {
  'use strict';

  const form = document.getElementById('filters');
  const day = d => d.toISOString().slice(0, 10);
  const params = new URLSearchParams(location.search);
  const today = new Date();
  if (!params.get('to')) params.set('to', day(today));
  if (!params.get('from')) params.set('from', day(new Date(today.getTime() - 29 * 86400000)));
  for (const [name, value] of params) if (form.elements[name]) form.elements[name].value = value;

  function query() {
    const q = new URLSearchParams();
    for (const element of form.elements) if (element.name && element.value) q.set(element.name, element.value);
    return q.toString();
  }

  function onChange(load) {
    form.addEventListener('submit', event => {
      event.preventDefault();
      history.replaceState(null, '', '?' + query());
      load(query());
    });
    load(query());
  }

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail || ('The console answered ' + response.status));
    }
    return response.json();
  }

  return { query, onChange, getJson };
})();
