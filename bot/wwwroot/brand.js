// A business's brand applied to Web Chat, on the bot's chat page and in a business's embed (load after /lib/webchat.js
// and /lib/react.production.min.js; pair with /webchat.css on the element Web Chat renders into).
// brand is the `brand` of the /api/chat/token answer: { botName, initials, logo, accent, welcome } (policy-content/{id}/brand.yaml).
(function () {
  'use strict';

  // Agents' replies carry from.id "agent:<id>" and from.name (dialogs/Handoff/HandoffTurns.cs FromAgent).
  const agentPrefix = 'agent:';

  function initialsOf(name) {
    const words = String(name || '').trim().split(/\s+/).filter(Boolean);
    const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] || '?').slice(0, 2);
    return letters.toUpperCase();
  }

  // Web Chat's avatar middleware: an agent's messages under the agent's own initials and name, not the bot's.
  function avatarMiddleware() {
    return next => args => {
      const from = (args.activity && args.activity.from) || {};
      if (args.fromUser || typeof from.id !== 'string' || !from.id.startsWith(agentPrefix) || !window.React) {
        return next(args);
      }
      const name = from.name || '';
      return () => window.React.createElement('div', { className: 'refundbot-agent-avatar', role: 'img', 'aria-label': name, title: name }, initialsOf(name));
    };
  }

  // Web Chat groups messages by role, so an agent's reply would join the bot's group and sit under the bot's avatar:
  // group by sender instead (the bot, each agent, the customer).
  function groupActivitiesMiddleware() {
    return next => args => {
      const groups = next(args);
      const sender = [];
      for (const activity of args.activities) {
        const group = sender[sender.length - 1];
        const previous = group && group[group.length - 1];
        if (previous && senderOf(previous) === senderOf(activity)) {
          group.push(activity);
        } else {
          sender.push([activity]);
        }
      }
      return { ...groups, sender };
    };
  }

  function senderOf(activity) {
    const from = activity.from || {};
    return from.role === 'user' ? 'user' : typeof from.id === 'string' && from.id.startsWith(agentPrefix) ? from.id : 'bot';
  }

  // bot is the bot's origin ('' on its own page), locale the conversation's.
  function webChatOptions(brand, locale, bot) {
    const french = String(locale || '').toLowerCase().startsWith('fr');
    return {
      avatarMiddleware,
      groupActivitiesMiddleware,
      styleOptions: {
        hideUploadButton: false, // receipts and screenshots: the types the bot keeps (it checks their content itself)
        uploadAccept: 'application/pdf,image/jpeg,image/png,image/heic,image/heif,.heic,.heif',
        uploadMultiple: true,
        accent: brand.accent,
        botAvatarInitials: brand.initials || initialsOf(brand.botName),
        botAvatarImage: brand.logo ? (bot || '') + brand.logo : undefined,
        botAvatarBackgroundColor: brand.accent,
        userAvatarInitials: french ? 'Moi' : 'Me',
        bubbleFromUserBackground: brand.accent,
        bubbleFromUserBorderColor: brand.accent,
        bubbleFromUserTextColor: '#FFFFFF',
        suggestedActionLayout: 'flow',
        suggestedActionBorderRadius: 6,
        suggestedActionHeight: 'auto'
      }
    };
  }

  window.RefundBot = { ...window.RefundBot, webChatOptions, initialsOf };
})();
