// Live shopping on the viewer page: the pinned product's card (image, title, price, Buy) under the
// player and the showcase behind a "Shop" button. The pin arrives as a 'product' event on the page's
// event stream (and is fetched once on load); Buy goes through /go/..., which counts the click and
// leads to the seller's own shop.
import { api, el, formatMoney } from './api.js';
import { AT_ONCE } from './videomoment.js';

export function createShop(streamId, { poll } = {}) {
  const section = document.getElementById('shop');
  const card = document.getElementById('pinned-card');
  const toggle = document.getElementById('shop-toggle');
  const list = document.getElementById('shop-list');
  let pinnedId = null;

  function showPinned(pinned) {
    if (!pinned) {
      pinnedId = null;
      card.hidden = true;
      markPinned();
      return;
    }
    pinnedId = pinned.productId;
    card.dataset.productId = pinned.productId;
    const image = document.getElementById('pinned-image');
    if (image.getAttribute('src') !== pinned.imageUrl) image.src = pinned.imageUrl;
    document.getElementById('pinned-title').textContent = pinned.title;
    document.getElementById('pinned-price').textContent = formatMoney(pinned.priceMinor, pinned.currency);
    const buy = document.getElementById('pinned-buy');
    buy.href = pinned.buyUrl;
    buy.setAttribute('aria-label', `Buy ${pinned.title}, ${formatMoney(pinned.priceMinor, pinned.currency)}`);
    card.hidden = false;
    section.hidden = false;
    markPinned();
  }

  function markPinned() {
    for (const item of list.children) item.classList.toggle('pinned', Number(item.dataset.productId) === pinnedId);
  }

  function showList(products) {
    document.getElementById('shop-count').textContent = products.length;
    list.replaceChildren(...products.map((product) => el('li', { className: 'shop-item', attrs: { 'data-product-id': product.productId } },
      el('img', { attrs: { src: product.imageUrl, alt: '', width: 56, height: 56, loading: 'lazy' } }),
      el('span', { className: 'shop-item-text' },
        el('span', { className: 'shop-item-title', text: product.title }),
        el('span', { className: 'price', text: formatMoney(product.priceMinor, product.currency) })),
      el('a', { className: 'button primary buy', text: 'Buy',
        attrs: { href: product.buyUrl, 'aria-label': `Buy ${product.title}` } }))));
    toggle.hidden = products.length === 0;
    if (products.length === 0) list.hidden = true;
    section.hidden = products.length === 0 && pinnedId === null;
    markPinned();
  }

  /** The showcase as it is now; {@code listOnly}: the list alone (a pin waiting for the video is not shown early). */
  async function refresh({ listOnly = false } = {}) {
    try {
      const showcase = await api(`/api/streams/${streamId}/showcase`);
      showList(showcase.products);
      if (!listOnly) showPinned(showcase.pinned ?? null);
    } catch {
      // the next event or refresh tries again
    }
  }

  toggle.addEventListener('click', () => {
    list.hidden = !list.hidden;
    toggle.setAttribute('aria-expanded', String(!list.hidden));
  });

  refresh();
  if (poll) setInterval(refresh, poll);

  return {
    /**
     * Follows the pin on the page's event stream, each change shown when the video reaches it (moment); a pin
     * of a product not listed yet brings the list too.
     */
    listen(events, moment = AT_ONCE) {
      events.addEventListener('product', (e) => {
        const event = JSON.parse(e.data);
        const pinned = event.pinned ?? null;
        moment.when(event.changedAt, () => {
          if (pinned && !list.querySelector(`[data-product-id="${pinned.productId}"]`)) refresh({ listOnly: true });
          showPinned(pinned);
        });
      });
      // after a reconnect the pin may have changed meanwhile
      events.addEventListener('open', () => refresh());
    },
  };
}
