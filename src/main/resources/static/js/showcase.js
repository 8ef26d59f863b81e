// The seller console's live shopping: the seller's products (add, archive) and, on each stream card,
// its showcase with Pin / Unpin and the per-product figures, refreshed every 5 s.
import { api, el, formatMoney, minorUnitDigits, plural } from './api.js';

export const PRODUCTS_CHANGED = 'livepulse:products-changed';

function rate(value) {
  return `${(value * 100).toFixed(value > 0 && value < 0.1 ? 1 : 0)}%`;
}

function figuresText(figures) {
  if (!figures) return 'no figures yet';
  const count = (n, one, other) => `${n} ${plural(n, one, other)}`;
  if (figures.practice) {
    const p = figures.practice;
    return `practice, not real: ${count(p.clicks, 'click', 'clicks')} · ${count(p.orders, 'order', 'orders')} · `
      + formatMoney(p.revenueMinor, figures.currency);
  }
  return `${count(figures.impressions, 'impression', 'impressions')} · ${count(figures.clicks, 'click', 'clicks')}`
    + ` (${rate(figures.clickThroughRate)}) · ${count(figures.orders, 'order', 'orders')} · `
    + formatMoney(figures.revenueMinor, figures.currency)
    + (figures.revenueMinor > 0 ? ` (${formatMoney(figures.revenueInPinMinor, figures.currency)} while pinned)` : '');
}

/** The stream's showcase panel; its refresh timer goes into {@code timers} so the console can clear it. */
export function showcasePanel(stream, timers) {
  const editable = stream.status !== 'ENDED';
  const rows = el('div', { attrs: { 'data-role': 'showcase-rows' } });
  const message = el('p', { className: 'error', attrs: { role: 'alert' } });
  const select = el('select', { attrs: { 'aria-label': `Product to add to the showcase of ${stream.title}` } });
  const add = el('button', { text: 'Add to showcase', attrs: { type: 'button', 'data-action': 'add-to-showcase' } });
  const allShown = el('span', { className: 'muted', text: 'All your products are in this showcase.', attrs: { hidden: '' } });
  const noProducts = el('span', { className: 'muted', text: 'Add products under “My products” to show them here.',
    attrs: { hidden: '' } });
  const panel = el('section', { className: 'showcase', attrs: { 'data-showcase-for': stream.id } },
    el('h4', { text: 'Showcase' }), rows,
    editable ? el('div', { className: 'showcase-add' }, select, add, allShown, noProducts) : null, message);
  let showcase = { products: [], pinned: null };

  async function change(call) {
    message.textContent = '';
    try {
      showcase = await call();
      await refresh();
    } catch (e) {
      message.textContent = e.message;
    }
  }

  function putShowcase(ids) {
    return change(() => api(`/api/streams/${stream.id}/showcase`, { method: 'PUT', body: { productIds: ids } }));
  }

  function render(stats, products) {
    const figuresById = new Map((stats?.products ?? []).map((f) => [f.productId, f]));
    const pinnedId = showcase.pinned?.productId ?? null;
    const shownIds = showcase.products.map((p) => p.productId);
    rows.replaceChildren(...showcase.products.map((product) => {
      const pinned = product.productId === pinnedId;
      const row = el('div', { className: `showcase-row${pinned ? ' pinned' : ''}`, attrs: { 'data-product-id': product.productId } },
        el('span', { className: 'title' }, pinned ? el('span', { className: 'badge LIVE', text: 'PINNED' }) : null,
          document.createTextNode(`${pinned ? ' ' : ''}${product.title} · ${formatMoney(product.priceMinor, product.currency)}`)),
        el('span', { className: 'product-figures', text: figuresText(figuresById.get(product.productId)),
          attrs: { 'data-role': 'product-figures' } }));
      if (editable) {
        const pin = el('button', { className: pinned ? '' : 'primary', text: pinned ? 'Unpin' : 'Pin',
          attrs: { type: 'button', 'data-action': pinned ? 'unpin' : 'pin', 'aria-label': `${pinned ? 'Unpin' : 'Pin'} ${product.title}` } });
        pin.addEventListener('click', () => change(() => (pinned
          ? api(`/api/streams/${stream.id}/pin`, { method: 'DELETE' })
          : api(`/api/streams/${stream.id}/pin`, { method: 'POST', body: { productId: product.productId } }))));
        const remove = el('button', { text: 'Remove', attrs: { type: 'button', 'aria-label': `Remove ${product.title} from the showcase` } });
        remove.addEventListener('click', () => putShowcase(shownIds.filter((id) => id !== product.productId)));
        row.append(pin, remove);
      }
      return row;
    }));
    if (showcase.products.length === 0) rows.append(el('p', { className: 'muted', text: editable
      ? 'No products in the showcase yet: add one of yours below.' : 'No products were shown.' }));
    if (editable && products) {
      const addable = products.filter((p) => !shownIds.includes(p.id));
      select.replaceChildren(...addable.map((p) => el('option', { text: `${p.title} · ${formatMoney(p.priceMinor, p.currency)}`, attrs: { value: p.id } })));
      select.hidden = add.hidden = addable.length === 0;
      allShown.hidden = addable.length > 0 || products.length === 0;
      noProducts.hidden = products.length > 0;
    }
  }

  async function refresh() {
    try {
      const [current, stats, products] = await Promise.all([
        api(`/api/streams/${stream.id}/showcase`),
        api(`/api/streams/${stream.id}/products/stats`),
        editable ? api('/api/products') : Promise.resolve(null)]);
      showcase = current;
      render(stats, products);
    } catch {
      // shown again on the next refresh
    }
  }

  add.addEventListener('click', () => {
    if (select.value) putShowcase([...showcase.products.map((p) => p.productId), Number(select.value)]);
  });
  const onProductsChanged = () => {
    if (!panel.isConnected) { removeEventListener(PRODUCTS_CHANGED, onProductsChanged); return; }
    refresh();
  };
  addEventListener(PRODUCTS_CHANGED, onProductsChanged);
  refresh();
  if (editable) timers.push(setInterval(refresh, 5_000));
  return panel;
}

/** The "My products" section: add a product, archive one. */
export function setUpProducts() {
  const form = document.getElementById('product-form');
  const list = document.getElementById('products');
  const error = document.getElementById('product-error');

  async function load() {
    const products = await api('/api/products');
    document.getElementById('no-products').hidden = products.length > 0;
    list.replaceChildren(...products.map((product) => {
      const archive = el('button', { text: 'Archive', attrs: { type: 'button', 'aria-label': `Archive ${product.title}` } });
      archive.addEventListener('click', async () => {
        await api(`/api/products/${product.id}`, { method: 'DELETE' });
        await load();
        dispatchEvent(new CustomEvent(PRODUCTS_CHANGED));
      });
      return el('li', { className: 'shop-item', attrs: { 'data-product-id': product.id } },
        el('img', { attrs: { src: product.imageUrl, alt: '', width: 48, height: 48, loading: 'lazy' } }),
        el('span', { className: 'shop-item-text' }, el('span', { className: 'shop-item-title', text: product.title }),
          el('span', { className: 'price', text: formatMoney(product.priceMinor, product.currency) }),
          product.sku ? el('span', { className: 'muted', text: `SKU ${product.sku}` }) : ''),
        archive);
    }));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    for (const span of form.querySelectorAll('[data-error-for]')) span.textContent = '';
    const currency = form.currency.value.trim().toUpperCase();
    const digits = minorUnitDigits(currency);
    const price = Number(form.price.value.replace(',', '.'));
    try {
      await api('/api/products', { method: 'POST', body: {
        title: form.productTitle.value, priceMinor: Number.isFinite(price) ? Math.round(price * 10 ** digits) : null, currency,
        imageUrl: form.imageUrl.value.trim(), productUrl: form.productUrl.value.trim(),
        sku: form.sku.value.trim() || null } });
      form.reset();
      form.currency.value = currency;
      await load();
      dispatchEvent(new CustomEvent(PRODUCTS_CHANGED));
    } catch (e) {
      const errors = e.problem?.errors || [];
      const names = { title: 'productTitle', priceMinor: 'price' };
      for (const fieldError of errors) {
        const span = form.querySelector(`[data-error-for="${names[fieldError.field] || fieldError.field}"]`);
        if (span) span.textContent = fieldError.message;
      }
      if (!errors.length) error.textContent = e.message;
    }
  });
  load().catch((e) => { error.textContent = e.message; });
}
