// Parts the seller console draws on a stream's card and on an ended stream's entry under Replays.
import { api, el, session, formatMoney } from './api.js';
import { drawTimeline } from './charts.js';

export function figure(label, value, id) {
  return el('span', { className: 'figure' },
    el('span', { className: 'value', text: value, attrs: id ? { 'data-stat': id } : {} }),
    el('span', { className: 'label', text: label }));
}

/** A labelled inline field of a panel's form. */
export function field(label, input) {
  return el('label', { className: 'inline' }, document.createTextNode(`${label} `), input);
}

/**
 * A select of the stream's showcase products for a sale or an auction; show() takes the showcase as read again on
 * each refresh (products the seller adds or removes meanwhile are offered, or not, at once; the choice is kept
 * while it is offered); chosen() is the product picked, if any.
 */
export function showcasePicker(role, label) {
  const select = el('select', { attrs: { 'data-role': role, 'aria-label': label } });
  let products = [];
  let shownIds = null;
  return {
    select,
    chosen: () => products.find((p) => String(p.productId) === select.value),
    show(showcase) {
      const ids = showcase.products.map((p) => p.productId).join();
      if (ids === shownIds) return;
      shownIds = ids;
      const before = select.value;
      products = showcase.products;
      select.replaceChildren(...products.map((p) => el('option', { text: `${p.title} (${formatMoney(p.priceMinor, p.currency)})`,
        attrs: { value: p.productId } })));
      if (!products.length) select.append(el('option', { text: 'Add a product to the showcase first', attrs: { value: '' } }));
      if (products.some((p) => String(p.productId) === before)) select.value = before;
    },
  };
}

/** No sales yet means no currency: a dash, never a bare "0". */
export function money(minor, currency) {
  return currency ? formatMoney(minor, currency) : '—';
}

async function downloadCsv(id) {
  const response = await fetch(`/api/streams/${id}/analytics.csv`, { headers: { Authorization: `Bearer ${session().token}` } });
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { attrs: { href: url, download: `stream-${id}-timeline.csv` } });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * The Analytics button (chat figures and the timeline chart, opened below the card) and the CSV download.
 * @returns {{ buttons: HTMLElement[], chatFigures: HTMLElement, chartBox: HTMLElement }}
 */
export function analyticsParts(stream) {
  const analyticsButton = el('button', { text: 'Analytics', attrs: { type: 'button', 'aria-expanded': 'false' } });
  const chatFigures = el('div', { className: 'figures', attrs: { 'data-role': 'chat-figures', hidden: '' } });
  const chartBox = el('div', { className: 'chart-box', attrs: { hidden: '' } },
    el('canvas', { attrs: { 'aria-label': `Viewers, likes and chat over time for ${stream.title}`, role: 'img' } }));
  analyticsButton.addEventListener('click', async () => {
    chartBox.hidden = !chartBox.hidden;
    chatFigures.hidden = chartBox.hidden;
    analyticsButton.setAttribute('aria-expanded', String(!chartBox.hidden));
    if (!chartBox.hidden) {
      const report = await api(`/api/streams/${stream.id}/analytics`);
      chatFigures.replaceChildren(figure('chatters', report.chatters, 'chatters'),
        figure('chat messages', report.chatMessages, 'chat-messages'), figure('questions', report.questions, 'questions'),
        figure('chat messages / min', report.messagesPerMinute, 'messages-per-minute'));
      if (report.practiceChat) {
        chatFigures.append(figure('practice chatters / messages / questions (rehearsal, not real)',
          `${report.practiceChat.chatters} / ${report.practiceChat.messages} / ${report.practiceChat.questions}`, 'practice-chat'));
      }
      const commerce = report.liveCommerce ?? report.practiceLiveCommerce;
      if (commerce && (commerce.flashSales || commerce.auctions || commerce.giveaways)) {
        const practice = report.practiceLiveCommerce ? ' (rehearsal, not real)' : '';
        const sold = commerce.sold.map((lot) => `${money(lot.finalPriceMinor, lot.currency)}${lot.paid ? '' : ' unpaid'}`).join(', ');
        chatFigures.append(figure(`flash sales / claims / units paid${practice}`,
          `${commerce.flashSales} / ${commerce.claims} / ${commerce.unitsPaid}`, 'flash-sale-figures'),
        figure(`auctions / bids / sold at${practice}`, `${commerce.auctions} / ${commerce.bids} / ${sold || '—'}`, 'auction-figures'),
        figure(`giveaways / entries${practice}`, `${commerce.giveaways} / ${commerce.giveawayEntries}`, 'giveaway-figures'));
      }
      drawTimeline(chartBox.querySelector('canvas'), report, { startedAt: stream.startedAt });
    }
  });
  const csv = el('button', { text: 'CSV', attrs: { type: 'button', 'data-csv': stream.id,
    'aria-label': `Download the timeline of ‘${stream.title}’ as CSV` } });
  csv.addEventListener('click', () => downloadCsv(stream.id));
  return { buttons: [analyticsButton, csv], chatFigures, chartBox };
}

export function rehearsalBadge() {
  return el('span', { className: 'badge rehearsal', text: 'Rehearsal — simulated audience' });
}
