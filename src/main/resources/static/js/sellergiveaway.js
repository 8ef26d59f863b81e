// The seller console's giveaway on a live stream's card: open one (entry time, chatters only, prize), watch its
// entries, and see the winner (display name, user id to hand over the prize, the seed anyone can check).
import { api, clockText, el } from './api.js';

/** The stream's giveaway panel; its refresh timer goes into {@code timers} so the console can clear it. */
export function giveawayPanel(stream, timers) {
  const seconds = el('input', { attrs: { type: 'number', min: '60', max: '300', value: '120', required: '',
    'data-role': 'giveaway-seconds', 'aria-label': 'Seconds the entries stay open' } });
  const chatters = el('input', { attrs: { type: 'checkbox', 'data-role': 'giveaway-chatters' } });
  const prize = el('input', { attrs: { maxlength: '120', placeholder: 'What you give away', 'data-role': 'giveaway-prize',
    'aria-label': 'Prize' } });
  const open = el('button', { text: 'Open giveaway', attrs: { type: 'submit', 'data-action': 'open-giveaway' } });
  const form = el('form', { className: 'sale-form', attrs: { 'data-role': 'giveaway-form' } },
    el('label', { className: 'inline' }, document.createTextNode('Entries open (s) '), seconds),
    el('label', { className: 'inline' }, chatters, document.createTextNode(' Chatters only')), prize, open);
  const status = el('p', { className: 'sale-status', attrs: { 'data-role': 'giveaway-status', role: 'status', 'aria-live': 'polite' } });
  // a person banned from the chat, say: they cannot enter, and an entry they made is not drawn
  const excludeUser = el('input', { attrs: { maxlength: '64', placeholder: 'User id', 'data-role': 'giveaway-exclude-user',
    'aria-label': 'User id to exclude from the giveaway' } });
  const excludeForm = el('form', { className: 'sale-form', attrs: { 'data-role': 'giveaway-exclude', hidden: '' } },
    excludeUser, el('button', { text: 'Exclude', attrs: { type: 'submit', 'data-action': 'exclude-from-giveaway' } }));
  const message = el('p', { className: 'error', attrs: { role: 'alert', 'data-role': 'giveaway-message' } });
  const panel = el('section', { className: 'sales', attrs: { 'data-giveaways-for': stream.id } },
    el('h4', { text: 'Giveaway' }), form, status, excludeForm, message);
  let current = null;
  let offsetMs = 0;
  let changes = 0;

  function describe(giveaway) {
    const excluded = giveaway.excludedEntries?.length ? ` (excluded: #${giveaway.excludedEntries.join(', #')})` : '';
    const about = `${giveaway.prize || 'Giveaway'}${giveaway.practice ? ' (practice)' : ''}: ${giveaway.entries} `
      + `${giveaway.entries === 1 ? 'entry' : 'entries'}${excluded}`;
    if (giveaway.status === 'OPEN') return `${about}, closes in ${clockText(Date.parse(giveaway.closesAt) - Date.now() - offsetMs)}`;
    if (giveaway.status === 'CLOSED') return `${about}, drawing…`;
    if (!giveaway.winner) return `${about}; nobody entered.`;
    return `${about}; winner: entry #${giveaway.winner.entryNumber}, ${giveaway.winner.displayName || ''} `
      + `(user ${giveaway.winner.userId}); seed ${giveaway.seed}`;
  }

  function render() {
    form.hidden = Boolean(current && current.status !== 'DRAWN');
    excludeForm.hidden = !current || current.status === 'DRAWN';
    status.textContent = current ? describe(current) : 'No giveaway yet.';
    panel.dataset.giveawayStatus = current?.status ?? '';
  }

  async function refresh() {
    const before = changes;
    try {
      const list = await api(`/api/streams/${stream.id}/giveaways`);
      if (before !== changes) return;
      current = list[0] ?? null;
      if (current) offsetMs = Date.parse(current.serverTime) - Date.now();
      render();
    } catch (e) {
      message.textContent = e.message;
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    try {
      changes += 1;
      current = await api(`/api/streams/${stream.id}/giveaways`, { method: 'POST', body: {
        entrySeconds: Number(seconds.value), chattersOnly: chatters.checked, prize: prize.value.trim() || null } });
      render();
    } catch (e) {
      message.textContent = e.message;
    }
  });

  excludeForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    if (!current || !excludeUser.value.trim()) return;
    try {
      changes += 1;
      current = await api(`/api/giveaways/${current.id}/exclusions`, { method: 'POST', body: { userId: excludeUser.value.trim() } });
      excludeUser.value = '';
      render();
    } catch (e) {
      message.textContent = e.message;
    }
  });

  refresh();
  timers.push(setInterval(refresh, 1_000));
  return panel;
}
