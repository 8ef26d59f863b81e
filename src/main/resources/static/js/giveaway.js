// A giveaway on the viewer page: a card under the video while entries are open (what is given away, a clock,
// one Enter button that says why it is disabled) and, once drawn, the winning entry with the seed, so anyone
// can check the draw against the hash shown from the start. It comes as a 'giveaway' event on the page's event
// stream (and is fetched once on load).
import { api, clockText, el, session, signInAgainHref } from './api.js';
import { AT_ONCE } from './videomoment.js';

export function createGiveaway(streamId, { vendorId, poll } = {}) {
  const card = document.getElementById('giveaway');
  const clock = document.getElementById('giveaway-clock');
  const button = document.getElementById('giveaway-enter');
  const reason = document.getElementById('giveaway-reason');
  const result = document.getElementById('giveaway-result');
  let giveaway = null;
  let entry = null;
  let refused = null;
  let offsetMs = 0;

  const serverNow = () => Date.now() + offsetMs;

  function noteServerTime(view) {
    if (view?.serverTime) offsetMs = Date.parse(view.serverTime) - Date.now();
  }

  function statusNow() {
    if (giveaway.status === 'OPEN' && serverNow() >= Date.parse(giveaway.closesAt)) return 'CLOSED';
    return giveaway.status;
  }

  function render() {
    if (!giveaway) { card.hidden = true; return; }
    const status = statusNow();
    card.hidden = false;
    card.dataset.status = status;
    card.dataset.giveawayId = giveaway.id;
    document.getElementById('giveaway-prize').textContent = giveaway.prize || 'A surprise from the seller';
    document.getElementById('giveaway-rule').textContent = giveaway.chattersOnly ? 'For viewers who wrote in the chat.' : 'For everyone watching.';
    clock.textContent = status === 'OPEN' ? `Entries close in ${clockText(Date.parse(giveaway.closesAt) - serverNow())}`
      : status === 'CLOSED' ? 'Drawing the winner…' : 'Drawn';
    const me = session();
    const own = me && vendorId && String(me.vendorId) === String(vendorId);
    button.hidden = !me || status !== 'OPEN';
    button.disabled = Boolean(entry) || Boolean(refused) || own;
    button.textContent = entry ? `You're in — entry #${entry.entryNumber}` : 'Enter';
    if (status === 'OPEN' && !me) reason.replaceChildren(el('a', { text: 'Sign in to enter', attrs: { href: signInAgainHref() } }));
    else reason.textContent = own ? 'This is your own giveaway.' : (status === 'OPEN' ? refused ?? '' : '');
    if (status === 'DRAWN') {
      const winner = giveaway.winner;
      const mine = winner && entry && winner.entryNumber === entry.entryNumber;
      result.hidden = false;
      result.replaceChildren(
        el('strong', { text: !winner ? 'Nobody entered.' : mine ? `You won! Entry #${winner.entryNumber}.`
          : `Winner: ${winner.displayName || 'a viewer'}, entry #${winner.entryNumber} of ${giveaway.entries}.` }),
        el('span', { className: 'muted giveaway-proof',
          text: ` Seed ${giveaway.seed} (its SHA-256 ${giveaway.seedHash} was shown before the first entry); `
            + (giveaway.excludedEntries?.length
              ? `entries excluded by the seller: #${giveaway.excludedEntries.join(', #')}; the winner is the eligible entry at `
                + `SHA-256("seed:${giveaway.entries - giveaway.excludedEntries.length}") mod ${giveaway.entries - giveaway.excludedEntries.length}.`
              : `winning entry = 1 + SHA-256("seed:${giveaway.entries}") mod ${giveaway.entries}.`) }));
    } else {
      result.hidden = true;
    }
  }

  function show(next) {
    if (!next) return;
    if (giveaway && next.id !== giveaway.id) { entry = null; refused = null; }
    if (giveaway && next.id === giveaway.id && giveaway.status === 'DRAWN' && next.status !== 'DRAWN') return;
    giveaway = next;
    render();
  }

  async function enter() {
    if (!giveaway || entry) return;
    button.disabled = true;
    try {
      entry = await api(`/api/giveaways/${giveaway.id}/entries`, { method: 'POST' });
    } catch (e) {
      refused = e.message;
      // a refusal that time can mend (not watching yet, not written yet) lets the button work again
      if (e.status === 403) setTimeout(() => { refused = null; render(); }, 5_000);
    }
    render();
  }

  async function refresh() {
    try {
      const list = await api(`/api/streams/${streamId}/giveaways`);
      const newest = list[0];
      noteServerTime(newest);
      // a giveaway drawn more than 10 minutes ago is not shown to someone who just came
      if (newest && (newest.status !== 'DRAWN' || Date.parse(newest.serverTime) - Date.parse(newest.closesAt) < 600_000)) show(newest);
    } catch {
      // the next event or refresh tries again
    }
  }

  button.addEventListener('click', enter);
  setInterval(() => { if (giveaway) render(); }, 500);
  refresh();
  if (poll) setInterval(refresh, poll);

  return {
    listen(events, moment = AT_ONCE) {
      events.addEventListener('giveaway', (e) => {
        const event = JSON.parse(e.data);
        noteServerTime(event.giveaway);
        moment.when(event.changedAt, () => show(event.giveaway));
      });
      events.addEventListener('open', refresh);
    },
  };
}
