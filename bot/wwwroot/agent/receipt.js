// The case panel's line about the engine's decision: the policy version it was made under and a link to its
// printable receipt (/agent/cases/{id}/receipt). agent.js calls RefundBotReceipt.line(case) after the decision.
(() => {
  window.RefundBotReceipt = {
    line(refundCase) {
      const p = document.createElement('p');
      p.className = 'receipt-line';
      const version = refundCase.decision && refundCase.decision.policyVersion;
      if (!version) {
        p.textContent = 'Policy version: not recorded (decided before versions were kept).';
        return p;
      }
      p.textContent = `Policy version ${version.hash.slice(0, 12)}${version.label ? ` (${version.label})` : ''} · `;
      const link = document.createElement('a');
      link.href = `/agent/cases/${encodeURIComponent(refundCase.id)}/receipt`;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = 'Decision receipt';
      p.append(link);
      return p;
    },
  };
})();
