// The files of the open conversation (receipts, screenshots the customer sent), under its transcript: name, type,
// size, when it came, and a download link; a PDF's text compared with the case (order ID, date, amount). The bot serves each as a download (never shown inline), under the type its
// content was found to be. A file sent for a case's document (a receipt) shows its check, with Accept / Reject.
// A JPEG or PNG shows its thumbnail (re-drawn small by the bot) beside its name, and clicking it opens the file; a photo
// without one (HEIC: no decoder on the bot) shows a plain placeholder icon instead.
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

  // What the PDF's text says about the case: each fact found or not; a mismatch is for the agent to judge.
  function receipt(check) {
    const p = document.createElement('p');
    p.className = check.mismatch ? 'receipt-check mismatch' : 'receipt-check';
    if (check.mismatch) { p.style.color = '#a4262c'; p.style.fontWeight = '600'; }
    if (!check.hasText) {
      p.textContent = 'No readable text in this PDF: check it by eye.';
      return p;
    }
    const said = (label, found) => found == null ? null : `${label} ${found ? 'found ✓' : 'NOT found ✗'}`;
    const parts = [said('order ID', check.orderId), said('purchase date', check.purchaseDate), said('amount paid', check.amount)].filter(Boolean);
    p.textContent = `Compared with case ${check.caseId}: ${parts.join(' · ')}${check.mismatch ? ' (a mismatch: check before deciding)' : ''}`;
    return p;
  }

  // The case's document this file was sent for: its check, and the agent's Accept / Reject while it waits (documents.js).
  function documentLink(link) {
    const p = document.createElement('p');
    p.className = 'document-link';
    const states = { received: 'sent, waiting for your check', verified: 'accepted', rejected: 'rejected', missing: 'missing' };
    p.textContent = `${link.label} of case ${link.caseId}: ${states[link.status] ?? link.status}`;
    if (link.status === 'received' && window.agentDesk.documentCheck) {
      p.append(window.agentDesk.documentCheck(link.caseId, { id: link.factId, label: link.label }, refresh));
    }
    return p;
  }

  // The file's thumbnail as a link to the file itself, or a placeholder for an image the bot cannot draw.
  function preview(file, href) {
    const placeholder = () => {
      const icon = document.createElement('span');
      icon.className = 'thumb placeholder';
      icon.textContent = '🖼';
      icon.title = 'No preview for this photo: download it to see it';
      return icon;
    };
    const link = document.createElement('a');
    link.href = href;
    link.setAttribute('download', file.name);
    link.className = 'thumb-link';
    link.setAttribute('aria-label', `Open ${file.name}`);
    if (!file.thumbnail) {
      link.append(placeholder());
      return link;
    }
    const img = document.createElement('img');
    img.className = 'thumb';
    img.alt = `Preview of ${file.name}`;
    img.src = `/agent/api/files/${file.sha256}/thumbnail?conversation=${encodeURIComponent(key)}`;
    img.addEventListener('error', () => img.replaceWith(placeholder()), { once: true });
    link.append(img);
    return link;
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
      if (file.mediaType.startsWith('image/')) { li.append(preview(file, link.href)); }
      link.textContent = `📎 ${file.name}`;
      link.setAttribute('download', file.name);
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = ` ${file.mediaType} · ${file.sizeText} · ${new Date(file.storedAt).toLocaleString()}`;
      li.append(link, meta);
      if (file.receipt) { li.append(receipt(file.receipt)); }
      if (file.document) { li.append(documentLink(file.document)); }
      return li;
    }));
  }

  document.addEventListener('agentdesk:opened', event => { key = event.detail; refresh(); });
  document.addEventListener('agentdesk:transcript', event => { if (event.detail === key) { refresh(); } });
})();
