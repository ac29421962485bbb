// The files of the open conversation (receipts, screenshots the customer sent), under its transcript: name, type,
// size, when it came, and a download link. The bot serves each as a download (never shown inline), under the type its
// content was found to be.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  let key = null;

  function container() {
    let box = $('files');
    if (!box) {
      const title = document.createElement('h3');
      title.id = 'files-title';
      title.textContent = 'Files from the customer';
      box = document.createElement('ul');
      box.id = 'files';
      box.setAttribute('aria-labelledby', 'files-title');
      $('transcript').after(title, box);
    }
    return box;
  }

  async function refresh() {
    const box = container();
    if (!key) { box.replaceChildren(); box.hidden = $('files-title').hidden = true; return; }
    const response = await fetch(`/agent/api/files?conversation=${encodeURIComponent(key)}`, { credentials: 'same-origin' });
    const files = response.ok ? await response.json() : [];
    box.hidden = $('files-title').hidden = files.length === 0;
    box.replaceChildren(...files.map(file => {
      const li = document.createElement('li');
      const link = document.createElement('a');
      link.href = `/agent/api/files/${file.sha256}?conversation=${encodeURIComponent(key)}`;
      link.textContent = `📎 ${file.name}`;
      link.setAttribute('download', file.name);
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = ` ${file.mediaType} · ${file.sizeText} · ${new Date(file.storedAt).toLocaleString()}`;
      li.append(link, meta);
      return li;
    }));
  }

  document.addEventListener('agentdesk:opened', event => { key = event.detail; refresh(); });
  document.addEventListener('agentdesk:transcript', event => { if (event.detail === key) { refresh(); } });
})();
