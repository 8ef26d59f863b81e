// The seller console's auction on a live stream's card: start one on a showcase product (starting price,
// duration, sudden death), watch it (price, leader, bids, the clock and how often a late bid set it back) and
// stop it; once decided, the winner (display name and user id) and the shop's order that paid for it.
import { api, clockText, el, formatMoney, minorUnitDigits } from './api.js';
import { field, showcasePicker } from './sellerparts.js';


/** The stream's auction panel; its refresh timer goes into {@code timers} so the console can clear it. */
export function auctionPanel(stream, timers) {
  const picker = showcasePicker('auction-product', `Product to auction on ${stream.title}`);
  const price = el('input', { attrs: { type: 'number', min: '0.01', step: '0.01', 'data-role': 'auction-price',
    'aria-label': 'Starting price', required: '' } });
  const duration = el('input', { attrs: { type: 'number', min: '10', max: '120', value: '60', required: '',
    'data-role': 'auction-duration', 'aria-label': 'Seconds the auction runs' } });
  const suddenDeath = el('input', { attrs: { type: 'checkbox', 'data-role': 'auction-sudden-death' } });
  const start = el('button', { text: 'Start auction', attrs: { type: 'submit', 'data-action': 'start-auction' } });
  const form = el('form', { className: 'sale-form', attrs: { 'data-role': 'auction-form' } },
    field('Product', picker.select), field('Starting price', price), field('Runs (s)', duration),
    el('label', { className: 'inline' }, suddenDeath, document.createTextNode(' Sudden death (no extensions)')), start);
  const status = el('p', { className: 'sale-status', attrs: { 'data-role': 'auction-status', role: 'status', 'aria-live': 'polite' } });
  const stop = el('button', { text: 'Stop auction', attrs: { type: 'button', 'data-action': 'stop-auction', hidden: '' } });
  const message = el('p', { className: 'error', attrs: { role: 'alert', 'data-role': 'auction-message' } });
  const panel = el('section', { className: 'sales', attrs: { 'data-auctions-for': stream.id } },
    el('h4', { text: 'Live auction' }), form, status, stop, message);
  let current = null;
  let offsetMs = 0;
  // a refresh that began before the seller's own start or stop must not put back what it read then
  let changes = 0;

  function describe(auction) {
    const price = formatMoney(auction.currentPriceMinor, auction.currency);
    const about = `${auction.title}${auction.practice ? ' (practice)' : ''}: ${auction.bids} ${auction.bids === 1 ? 'bid' : 'bids'}`;
    const left = Date.parse(auction.endsAt) - Date.now() - offsetMs;
    if (auction.status === 'RUNNING' && left > 0) {
      const leader = auction.leader ? `${auction.leader.displayName || `bidder ${auction.leader.number}`} leads at ${price}` : `starts at ${price}`;
      const extended = auction.extensions ? ` (extended ${auction.extensions}×)` : '';
      return `${about}, ${leader}, ends in ${clockText(left)}${extended}`;
    }
    if (auction.status === 'RUNNING' || auction.status === 'CLOSING') return `${about}, deciding the winner…`;
    if (auction.status === 'SOLD') {
      const winner = auction.winner;
      const paid = winner.orderId ? `paid: order ${winner.orderId}` : 'awaiting payment in the shop';
      return `${about}; won by ${winner.displayName || `bidder ${winner.number}`} (user ${winner.userId}) for ${price} — ${paid}`;
    }
    return `${about}; ${auction.status === 'UNSOLD' ? 'no bids, not sold' : 'stopped'}.`;
  }

  function render() {
    if (current?.serverTime) offsetMs = Date.parse(current.serverTime) - Date.now();
    const running = current && current.status === 'RUNNING' && Date.now() + offsetMs < Date.parse(current.endsAt);
    form.hidden = Boolean(current && (current.status === 'RUNNING' || current.status === 'CLOSING'));
    stop.hidden = !running;
    status.textContent = current ? describe(current) : 'No auction yet.';
    panel.dataset.auctionStatus = current?.status ?? '';
  }

  async function refresh() {
    const changesBefore = changes;
    try {
      // the showcase too, each time: products the seller adds or removes meanwhile are offered (or not) at once
      const [auctions, showcase] = await Promise.all([api(`/api/streams/${stream.id}/auctions`),
        api(`/api/streams/${stream.id}/showcase`)]);
      if (changesBefore === changes) current = auctions[0] ?? null;
      picker.show(showcase);
      render();
    } catch (e) {
      message.textContent = e.message;
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    const chosen = picker.chosen();
    if (!chosen) { message.textContent = 'Choose a product of the showcase.'; return; }
    const minor = Math.round(Number(price.value) * 10 ** minorUnitDigits(chosen.currency));
    try {
      changes += 1;
      current = await api(`/api/streams/${stream.id}/auctions`, { method: 'POST', body: {
        productId: chosen.productId, startingPriceMinor: minor, durationSeconds: Number(duration.value),
        suddenDeath: suddenDeath.checked } });
      render();
    } catch (e) {
      message.textContent = e.message;
    }
  });

  stop.addEventListener('click', async () => {
    message.textContent = '';
    try {
      changes += 1;
      current = await api(`/api/auctions/${current.id}/stop`, { method: 'POST' });
      render();
    } catch (e) {
      message.textContent = e.message;
    }
  });

  refresh();
  timers.push(setInterval(refresh, 1_000));
  return panel;
}
