// The seller console's flash sales on a live stream's card: start one on a showcase product (price, units,
// limit per buyer, countdown, duration), watch it (status, units left, units paid in the shop, the clock) and
// stop it. Every refusal shows the API's problem detail.
import { api, clockText, el, formatMoney, minorUnitDigits } from './api.js';
import { field, showcasePicker } from './sellerparts.js';

const OPEN = new Set(['COUNTDOWN', 'RUNNING', 'SOLD_OUT']);


function number(role, value, min, max, label) {
  return el('input', { attrs: { type: 'number', min: String(min), max: String(max), value: String(value), 'data-role': role,
    'aria-label': label, required: '' } });
}

/** The stream's flash-sale panel; its refresh timer goes into {@code timers} so the console can clear it. */
export function salePanel(stream, timers) {
  const picker = showcasePicker('sale-product', `Product for a flash sale on ${stream.title}`);
  const price = el('input', { attrs: { type: 'number', min: '0.01', step: '0.01', 'data-role': 'sale-price',
    'aria-label': 'Sale price', required: '' } });
  const stock = number('sale-stock', 10, 1, 1_000_000, 'Units for sale');
  const limit = number('sale-limit', 1, 1, 1_000, 'Units per buyer');
  const startsIn = number('sale-starts-in', 10, 10, 300, 'Seconds until the sale starts');
  const duration = number('sale-duration', 120, 30, 1_200, 'Seconds the sale runs');
  const start = el('button', { text: 'Start flash sale', attrs: { type: 'submit', 'data-action': 'start-sale' } });
  const form = el('form', { className: 'sale-form', attrs: { 'data-role': 'sale-form' } },
    field('Product', picker.select), field('Price', price), field('Units', stock), field('Per buyer', limit),
    field('Starts in (s)', startsIn), field('Runs (s)', duration), start);
  const status = el('p', { className: 'sale-status', attrs: { 'data-role': 'sale-status', role: 'status', 'aria-live': 'polite' } });
  const stop = el('button', { text: 'Stop sale', attrs: { type: 'button', 'data-action': 'stop-sale', hidden: '' } });
  const message = el('p', { className: 'error', attrs: { role: 'alert', 'data-role': 'sale-message' } });
  const panel = el('section', { className: 'sales', attrs: { 'data-sales-for': stream.id } },
    el('h4', { text: 'Flash sale' }), form, status, stop, message);
  let current = null;
  // the server's clock minus this device's (the views carry the server's time)
  let offsetMs = 0;
  const serverNow = () => Date.now() + offsetMs;

  function describe(sale) {
    const left = `${sale.unitsLeft} of ${sale.stock} left · ${sale.unitsConfirmed ?? 0} paid`;
    const clock = sale.status === 'COUNTDOWN' ? `starts in ${clockText(Date.parse(sale.startsAt) - serverNow())}`
      : sale.status === 'RUNNING' ? `ends in ${clockText(Date.parse(sale.endsAt) - serverNow())}` : sale.status.toLowerCase().replace('_', ' ');
    return `${sale.title} at ${formatMoney(sale.priceMinor, sale.currency)}: ${clock} · ${left}${sale.practice ? ' (practice)' : ''}`;
  }

  function render() {
    if (current?.serverTime) offsetMs = Date.parse(current.serverTime) - Date.now();
    const open = current && OPEN.has(current.status) && serverNow() < Date.parse(current.endsAt);
    form.hidden = Boolean(open);
    stop.hidden = !open;
    status.textContent = current ? describe(current) : 'No flash sale yet.';
    panel.dataset.saleStatus = current?.status ?? '';
  }

  // a refresh that began before the seller's own start or stop must not put back what it read then
  let changes = 0;

  async function refresh() {
    const changesBefore = changes;
    try {
      // the showcase too, each time: products the seller adds or removes meanwhile are offered (or not) at once
      const [sales, showcase] = await Promise.all([api(`/api/streams/${stream.id}/flash-sales`),
        api(`/api/streams/${stream.id}/showcase`)]);
      if (changesBefore === changes) current = sales[0] ?? null;
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
      current = await api(`/api/streams/${stream.id}/flash-sales`, { method: 'POST', body: {
        productId: chosen.productId, priceMinor: minor, stock: Number(stock.value), perBuyerLimit: Number(limit.value),
        startsInSeconds: Number(startsIn.value), durationSeconds: Number(duration.value) } });
      render();
    } catch (e) {
      message.textContent = e.message;
    }
  });

  stop.addEventListener('click', async () => {
    message.textContent = '';
    try {
      changes += 1;
      current = await api(`/api/flash-sales/${current.id}/stop`, { method: 'POST' });
      render();
    } catch (e) {
      message.textContent = e.message;
    }
  });

  refresh();
  timers.push(setInterval(refresh, 1_000));
  return panel;
}
