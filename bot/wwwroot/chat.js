// The support chat page: Microsoft's Web Chat talking Direct Line 3.0 to this bot.
// The page asks /api/chat/token for a conversation token (the Direct Line secret stays on the server),
// keeps it for the browser tab so a reload continues the same conversation, and refreshes it when needed.
(async function () {
  'use strict';

  const params = new URLSearchParams(location.search);
  const locale = params.get('locale') || (navigator.language && navigator.language.startsWith('fr') ? 'fr-FR' : 'en-US');
  const french = locale.toLowerCase().startsWith('fr');
  const texts = french
    ? {
        title: 'Le remboursement, simplement',
        intro: "Indiquez à notre assistant votre numéro de commande, la date d'achat et le problème rencontré. Il vérifie la politique de remboursement pour vous, explique sa décision et cite le passage de la politique sur lequel elle repose. Vous pouvez demander à parler à une personne à tout moment.",
        restart: 'Nouvelle conversation',
        other: 'English',
        support: 'Service remboursements',
        business: 'Entreprise',
        unavailable: (seconds) => `Nous n'avons pas pu ouvrir la conversation pour le moment. Merci de réessayer dans ${seconds} secondes.`,
        linkExpired: "Ce lien vers notre conversation a expiré ou n'est plus valable. Voici une nouvelle conversation : donnez-y votre numéro de dossier."
      }
    : {
        title: 'Refunds, made simple',
        intro: 'Tell our assistant your order number, when you bought it and what went wrong. It checks the refund policy for you, explains the decision and cites the part of the policy it rests on. You can ask for a person at any time.',
        restart: 'Start a new conversation',
        other: 'Français',
        support: 'Refund support',
        business: 'Business',
        unavailable: (seconds) => `We couldn't start the chat just now. Please try again in ${seconds} seconds.`,
        linkExpired: 'This link to our conversation has expired or is no longer valid. Here is a new conversation: give your case number in it.'
      };

  document.documentElement.lang = french ? 'fr' : 'en';
  document.getElementById('title').textContent = texts.title;
  document.getElementById('intro').textContent = texts.intro;
  document.getElementById('new-conversation').textContent = texts.restart;
  document.getElementById('policy-picker-label').textContent = texts.business;
  // On a phone the explanation folds below the chat, so the conversation fills the screen.
  if (window.matchMedia('(max-width: 760px)').matches) {
    document.getElementById('about').open = false;
  }

  // Demo mode (ChatPage:DemoMode) lists every business and lets the visitor pick one; otherwise the page shows the
  // site's own business (the server's choice), whatever the address says.
  const page = await (await fetch('/api/chat/page')).json();
  const asked = page.demoMode ? params.get('policy') : null;
  const languageSwitch = document.getElementById('language-switch');
  languageSwitch.textContent = texts.other;
  languageSwitch.lang = french ? 'en' : 'fr';
  languageSwitch.href = link(asked, french ? 'en-US' : 'fr-FR');

  const session = (await resumed(asked, locale)) || (await conversation(asked, locale));
  if (!session) {
    return;
  }

  if (page.demoMode) {
    const picker = document.getElementById('policy-picker');
    for (const policy of page.policies) {
      picker.add(new Option(policy.business, policy.id));
    }
    picker.value = session.policy;
    picker.addEventListener('change', () => { location.href = link(picker.value, locale); });
    document.getElementById('demo-picker').hidden = false;
    languageSwitch.href = link(session.policy, french ? 'en-US' : 'fr-FR');
  }

  const brand = session.brand;
  document.documentElement.style.setProperty('--brand', brand.accent);
  document.getElementById('business').textContent = `${brand.botName} · ${texts.support}`;
  document.title = `${brand.botName} · ${texts.support}`;
  document.getElementById('welcome').textContent = brand.welcome;
  if (brand.logo) {
    const logo = document.getElementById('logo');
    logo.src = brand.logo;
    logo.hidden = false;
  }
  document.getElementById('new-conversation').addEventListener('click', () => {
    sessionStorage.removeItem(storageKey(session.policy, locale));
    sessionStorage.removeItem(storageKey(asked, locale));
    location.reload();
  });

  const directLine = window.WebChat.createDirectLine({
    token: session.token,
    conversationId: session.conversationId,
    domain: `${location.origin}/v3/directline`
  });
  // Keep the refreshed token for the next reload.
  directLine.connectionStatus$.subscribe(() => {
    if (directLine.token && directLine.token !== session.token) {
      session.token = directLine.token;
      session.expiresAt = Date.now() + 25 * 60 * 1000;
      sessionStorage.setItem(storageKey(session.policy, locale), JSON.stringify(session));
    }
  });

  const webChat = document.getElementById('webchat');
  webChat.classList.add('refundbot-chat');
  window.WebChat.renderWebChat({ directLine, locale, ...window.RefundBot.webChatOptions(brand, locale) }, webChat);
  document.querySelector('#webchat input:not([type=file]), #webchat textarea')?.focus(); // the send box, not the upload button's file input

  function link(policy, pageLocale) {
    const query = new URLSearchParams();
    if (policy) { query.set('policy', policy); }
    query.set('locale', pageLocale);
    return `/chat?${query}`;
  }

  function storageKey(policy, pageLocale) {
    return `refundbot:${policy || 'default'}:${pageLocale}`;
  }

  // A resume link from an e-mail (/chat/resume?t=... sends the browser here with #resume=...): the token is exchanged
  // for a Direct Line token of that same conversation, which Web Chat reopens with its earlier messages.
  async function resumed(policy, pageLocale) {
    const token = new URLSearchParams(location.hash.slice(1)).get('resume');
    if (!token) {
      return null;
    }

    history.replaceState(null, '', location.pathname + location.search); // the link's token leaves the address bar
    const response = await fetch('/api/chat/resume', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token })
    });
    if (!response.ok) {
      const notice = document.createElement('p');
      notice.className = 'unavailable';
      notice.setAttribute('role', 'status');
      notice.textContent = texts.linkExpired;
      document.getElementById('intro').after(notice);
      return null;
    }

    const issued = await response.json();
    const session = { ...issued, expiresAt: Date.now() + (issued.expires_in - 60) * 1000 };
    sessionStorage.setItem(storageKey(session.policy, pageLocale), JSON.stringify(session));
    sessionStorage.setItem(storageKey(policy, pageLocale), JSON.stringify(session));
    return session;
  }

  // The tab's conversation: reused after a reload while its token is valid, refreshed when it is old, else a new one.
  async function conversation(policy, pageLocale) {
    const key = storageKey(policy, pageLocale);
    const saved = JSON.parse(sessionStorage.getItem(key) || 'null');
    if (saved && saved.brand && saved.expiresAt > Date.now()) {
      const refreshed = await fetch('/v3/directline/tokens/refresh', { method: 'POST', headers: { Authorization: `Bearer ${saved.token}` } });
      if (refreshed.ok) {
        const { token, expires_in } = await refreshed.json();
        const session = { ...saved, token, expiresAt: Date.now() + (expires_in - 60) * 1000 };
        sessionStorage.setItem(key, JSON.stringify(session));
        return session;
      }
    }

    const response = await fetch('/api/chat/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ policy, locale: pageLocale, site: location.hostname })
    });
    if (!response.ok) {
      // Too many conversations from this address (429), or the bot cannot start one now: say so, and when to retry.
      const notice = document.createElement('p');
      notice.className = 'unavailable';
      notice.setAttribute('role', 'alert');
      notice.textContent = texts.unavailable(Number(response.headers.get('Retry-After')) || 30);
      document.getElementById('webchat').replaceChildren(notice);
      return null;
    }

    const issued = await response.json();
    const session = { ...issued, expiresAt: Date.now() + (issued.expires_in - 60) * 1000 };
    sessionStorage.setItem(storageKey(session.policy, pageLocale), JSON.stringify(session));
    sessionStorage.setItem(key, JSON.stringify(session));
    return session;
  }
})();
