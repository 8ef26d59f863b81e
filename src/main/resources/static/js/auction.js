// A live auction on the viewer page: a card under the video with the product, the current price, who leads
// (by display name, or "You lead"), the clock (set back when a late bid extends it), one big Bid button for the
// least the next bid may offer, and a form to let the service bid up to a maximum. Once decided, the winner
// sees "You won!" with a link to pay in the shop; everyone sees who won at what price. The auction comes as an
// 'auction' event on the page's event stream (and is fetched once on load, with the viewer's own standing).
import { api, clockText, el, formatMoney, minorUnitDigits, session, signInAgainHref } from './api.js';
import { AT_ONCE } from './videomoment.js';

const DECIDED = new Set(['SOLD', 'UNSOLD', 'STOPPED']);

export function createAuction(streamId, { vendorId, poll } = {}) {
  const card = document.getElementById('auction');
  const clock = document.getElementById('auction-clock');
  const leader = document.getElementById('auction-leader');
  const bidButton = document.getElementById('auction-bid');
  const maxForm = document.getElementById('auction-max-form');
  const maxInput = document.getElementById('auction-max');
  const reason = document.getElementById('auction-reason');
  const checkout = document.getElementById('auction-checkout');
  let auction = null;
  // this viewer's standing: their bidder number, their maximum, and (once won) the claim to pay with
  let you = null;
  let refused = null;
  let busy = false;
  let offsetMs = 0;

  const serverNow = () => Date.now() + offsetMs;

  function noteServerTime(view) {
    if (view?.serverTime) offsetMs = Date.parse(view.serverTime) - Date.now();
  }

  function statusNow() {
    if (auction.status === 'RUNNING' && serverNow() >= Date.parse(auction.endsAt)) return 'CLOSING';
    return auction.status;
  }

  const mine = (bidder) => Boolean(bidder && you && bidder.number === you.bidderNumber);
  const nameOf = (bidder) => bidder.displayName || `Bidder ${bidder.number}`;

  function headline(status) {
    const price = formatMoney(auction.currentPriceMinor, auction.currency);
    if (status === 'SOLD') return mine(auction.winner) ? `You won! ${price}` : `Sold to ${nameOf(auction.winner)} for ${price}`;
    if (status === 'UNSOLD') return 'No bids: not sold.';
    if (status === 'STOPPED') return 'The seller stopped this auction.';
    if (!auction.leader) return `No bids yet — starts at ${price}`;
    return mine(auction.leader) ? `You lead at ${price}` : `${nameOf(auction.leader)} leads at ${price}`;
  }

  function whyNot(status) {
    const me = session();
    if (!me) return null;
    if (vendorId && String(me.vendorId) === String(vendorId)) return 'This is your own auction.';
    if (status === 'CLOSING') return 'Time is up — deciding the winner.';
    if (DECIDED.has(status)) return null;
    if (mine(auction.leader)) return you.maxMinor > auction.currentPriceMinor
      ? `You lead. We bid for you up to ${formatMoney(you.maxMinor, auction.currency)}.` : 'You lead.';
    return refused;
  }

  function render() {
    if (!auction) { card.hidden = true; return; }
    const status = statusNow();
    const me = session();
    card.hidden = false;
    card.dataset.status = status;
    card.dataset.auctionId = auction.id;
    card.dataset.leading = String(mine(auction.leader) && !DECIDED.has(status));
    document.getElementById('auction-title').textContent = auction.title;
    document.getElementById('auction-price').textContent = formatMoney(auction.currentPriceMinor, auction.currency);
    const image = document.getElementById('auction-image');
    if (!auction.imageUrl) image.removeAttribute('src');
    else if (image.getAttribute('src') !== auction.imageUrl) image.src = auction.imageUrl;
    leader.textContent = `${headline(status)} · ${auction.bids} ${auction.bids === 1 ? 'bid' : 'bids'}`;
    clock.textContent = status === 'RUNNING' ? `Ends in ${clockText(Date.parse(auction.endsAt) - serverNow())}`
      : status === 'CLOSING' ? 'Time is up' : DECIDED.has(status) && status !== 'SOLD' ? 'Over' : 'Sold';
    clock.classList.toggle('extended', auction.extensions > 0 && status === 'RUNNING');
    const open = status === 'RUNNING';
    const why = whyNot(status);
    const own = Boolean(me && vendorId && String(me.vendorId) === String(vendorId));
    bidButton.hidden = !me || !open || own;
    maxForm.hidden = !me || !open || own;
    bidButton.disabled = busy || mine(auction.leader);
    bidButton.textContent = `Bid ${formatMoney(auction.minimumBidMinor, auction.currency)}`;
    if (!me && open) {
      reason.replaceChildren(el('a', { text: 'Sign in to bid', attrs: { href: signInAgainHref() } }));
    } else {
      reason.textContent = why ?? (status === 'RUNNING' && auction.suddenDeath ? 'Sudden death: the clock is never extended.' : '');
    }
    const won = status === 'SOLD' && mine(auction.winner) && you?.claimId;
    checkout.hidden = !won;
    if (won) checkout.href = `/go/${streamId}/${auction.productId}?claim=${encodeURIComponent(you.claimId)}`;
  }

  function show(next) {
    if (!next) return;
    if (auction && next.id !== auction.id) { you = null; refused = null; }
    // a late event of a running auction does not undo its decision, nor an older standing a newer one (an event
    // held for the video's moment may come after the bidder's own answer)
    if (auction && next.id === auction.id && DECIDED.has(auction.status) && !DECIDED.has(next.status)) return;
    if (auction && next.id === auction.id && !DECIDED.has(next.status) && next.bids < auction.bids) return;
    if (next.you) you = next.you;
    const decidedNow = DECIDED.has(next.status) && !(auction && DECIDED.has(auction.status) && auction.id === next.id);
    auction = next;
    render();
    // the winner's claim to pay with is theirs alone, so it comes from the API, not the event everyone gets
    if (decidedNow && next.status === 'SOLD' && mine(next.winner) && !you?.claimId) refresh();
  }

  async function place(body) {
    if (!auction || busy) return;
    busy = true;
    render();
    try {
      const result = await api(`/api/auctions/${auction.id}/bids`, { method: 'POST', body });
      you = { ...(you ?? {}), bidderNumber: result.bidderNumber, maxMinor: result.yourMaxMinor, leading: result.leading };
      refused = result.leading ? null : 'Someone had set a higher maximum: you were outbid at once.';
      auction = { ...auction, currentPriceMinor: Math.max(auction.currentPriceMinor, result.currentPriceMinor),
        endsAt: result.endsAt, leader: result.leading ? { number: result.bidderNumber, displayName: session()?.name } : auction.leader };
      refresh();
    } catch (e) {
      refused = e.message;
      if (e.problem?.minimumBidMinor) auction = { ...auction, minimumBidMinor: e.problem.minimumBidMinor,
        currentPriceMinor: e.problem.currentPriceMinor ?? auction.currentPriceMinor };
      if (e.status === 429) setTimeout(() => { refused = null; render(); }, 2_000);
    }
    busy = false;
    render();
  }

  async function refresh() {
    try {
      const list = await api(`/api/streams/${streamId}/auctions`);
      const newest = list[0];
      noteServerTime(newest);
      // an auction decided more than two minutes ago is not shown to someone who just came
      if (newest && (!DECIDED.has(newest.status) || Date.parse(newest.serverTime) - Date.parse(newest.endsAt) < 120_000
        || auction?.id === newest.id)) {
        show(newest);
      }
    } catch {
      // the next event or refresh tries again
    }
  }

  bidButton.addEventListener('click', () => place({ amountMinor: auction.minimumBidMinor }));
  maxForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const minor = Math.round(Number(maxInput.value) * 10 ** minorUnitDigits(auction.currency));
    if (!(minor > 0)) { refused = 'Enter the most you would pay.'; render(); return; }
    place({ maxAmountMinor: minor });
  });
  setInterval(() => { if (auction) render(); }, 250);
  refresh();
  if (poll) setInterval(refresh, poll);

  return {
    /** Follows the auction on the page's event stream; each change is shown when the video reaches it (moment). */
    listen(events, moment = AT_ONCE) {
      events.addEventListener('auction', (e) => {
        const event = JSON.parse(e.data);
        noteServerTime(event.auction);
        moment.when(event.changedAt, () => show(event.auction));
      });
      events.addEventListener('open', refresh);
    },
  };
}
