// A flash sale on the viewer page: a card under the video with the product, its sale price, the units left
// and a clock (counting down to the start, then to the end), and one big Claim button that says why it is
// disabled. The sale comes as a 'sale' event on the page's event stream (and is fetched once on load); a
// claim holds a unit for checkout in the shop, through the counted Buy link with the claim attached.
import { api, clockText, el, formatMoney, session, signInAgainHref } from './api.js';
import { AT_ONCE } from './videomoment.js';

const OVER = new Set(['ENDED', 'STOPPED']);

export function createFlashSale(streamId, { vendorId, poll } = {}) {
  const card = document.getElementById('flash-sale');
  const clock = document.getElementById('flash-clock');
  const units = document.getElementById('flash-units');
  const claimButton = document.getElementById('flash-claim');
  const reason = document.getElementById('flash-reason');
  const checkout = document.getElementById('flash-checkout');
  let sale = null;
  let held = null;
  let refused = null;
  // the server's clock minus this device's, from the latest view: a phone whose clock is off counts right
  let offsetMs = 0;

  function serverNow() {
    return Date.now() + offsetMs;
  }

  /** Taken when a view arrives (not when a held event is shown): the time it was made is now on the server. */
  function noteServerTime(view) {
    if (view?.serverTime) offsetMs = Date.parse(view.serverTime) - Date.now();
  }

  /** The sale's status now: the server's, moved on by the clock between events (countdown over, time up). */
  function statusNow() {
    if (!sale) return null;
    if (OVER.has(sale.status) || sale.status === 'SOLD_OUT') return sale.status;
    const now = serverNow();
    if (now >= Date.parse(sale.endsAt)) return 'ENDED';
    return now < Date.parse(sale.startsAt) ? 'COUNTDOWN' : 'RUNNING';
  }

  function whyNot(status) {
    const me = session();
    if (status === 'COUNTDOWN') return 'The sale starts when the clock runs out.';
    if (status === 'SOLD_OUT') return 'Sold out.';
    if (OVER.has(status)) return 'This sale is over.';
    if (!me) return null; // a sign-in link instead
    if (vendorId && String(me.vendorId) === String(vendorId)) return 'This is your own sale.';
    if (held) return null;
    return refused;
  }

  function render() {
    if (!sale) { card.hidden = true; return; }
    // a hold the shop did not settle in time gave its unit back: this viewer may claim again
    if (held && serverNow() >= Date.parse(held.holdUntil)) { held = null; refused = 'Your hold ran out.'; }
    const status = statusNow();
    card.hidden = false;
    card.dataset.status = status;
    card.dataset.saleId = sale.id;
    document.getElementById('flash-title').textContent = sale.title;
    document.getElementById('flash-price').textContent = formatMoney(sale.priceMinor, sale.currency);
    const image = document.getElementById('flash-image');
    if (sale.imageUrl && image.getAttribute('src') !== sale.imageUrl) image.src = sale.imageUrl;
    units.textContent = `${sale.unitsLeft} of ${sale.stock} left`;
    clock.textContent = status === 'COUNTDOWN' ? `Starts in ${clockText(Date.parse(sale.startsAt) - serverNow())}`
      : status === 'RUNNING' ? `Ends in ${clockText(Date.parse(sale.endsAt) - serverNow())}`
        : status === 'SOLD_OUT' ? 'Sold out' : 'Sale over';
    const me = session();
    const why = whyNot(status);
    claimButton.hidden = !me;
    claimButton.disabled = Boolean(why) || Boolean(held) || status !== 'RUNNING';
    claimButton.textContent = held ? 'Held for you' : 'Claim 1';
    if (!me && !OVER.has(status)) {
      reason.replaceChildren(el('a', { text: 'Sign in to claim', attrs: { href: signInAgainHref() } }));
    } else if (held) {
      reason.textContent = `Held for you until ${new Date(held.holdUntil).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
        + ' — complete your order in the shop.';
    } else {
      reason.textContent = why ?? '';
    }
    checkout.hidden = !held;
    if (held) checkout.href = `/go/${streamId}/${sale.productId}?claim=${encodeURIComponent(held.claimId)}`;
  }

  function show(next) {
    if (!next) return;
    if (sale && next.id !== sale.id) { held = null; refused = null; }
    // a refusal belongs to the state it was given in (a countdown, sold out): a new state lets the button try again
    if (sale && next.id === sale.id && next.status !== sale.status) refused = null;
    if (sale && next.id === sale.id && OVER.has(sale.status) && !OVER.has(next.status)) return;
    sale = next;
    render();
  }

  async function claim() {
    if (!sale || held) return;
    claimButton.disabled = true;
    try {
      held = await api(`/api/flash-sales/${sale.id}/claims`, { method: 'POST', body: { quantity: 1 } });
      sale = { ...sale, unitsLeft: Math.min(sale.unitsLeft, held.unitsLeft) };
      if (held.unitsLeft === 0) sale = { ...sale, status: 'SOLD_OUT' };
    } catch (e) {
      refused = e.message;
      if (e.problem?.status === 'SOLD_OUT') sale = { ...sale, status: 'SOLD_OUT', unitsLeft: 0 };
      // a refusal that time mends (too many claims at once) lets the button work again
      if (e.status === 429) setTimeout(() => { refused = null; render(); }, 2_000);
    }
    render();
  }

  async function refresh() {
    try {
      const sales = await api(`/api/streams/${streamId}/flash-sales`);
      const newest = sales[0];
      noteServerTime(newest);
      // a sale over for more than a minute is not shown to someone who just came
      if (newest && (!OVER.has(newest.status) || Date.parse(newest.serverTime) - Date.parse(newest.endsAt) < 60_000
        || sale?.id === newest.id)) {
        show(newest);
      }
    } catch {
      // the next event or refresh tries again
    }
  }

  claimButton.addEventListener('click', claim);
  setInterval(() => { if (sale) render(); }, 250);
  refresh();
  if (poll) setInterval(refresh, poll);

  return {
    /** Follows the sale on the page's event stream; each change is shown when the video reaches it (moment). */
    listen(events, moment = AT_ONCE) {
      events.addEventListener('sale', (e) => {
        const event = JSON.parse(e.data);
        noteServerTime(event.sale);
        moment.when(event.changedAt, () => show(event.sale));
      });
      events.addEventListener('open', refresh);
    },
  };
}
