import { api, el, session, formatMoney, formatDuration, bringIntoView } from './api.js';
import { drawTimeline } from './charts.js';
import { viewerReportButton } from './adminviewers.js';
import { startSettings } from './adminsettings.js';

if (!session()) location.href = '/signin?next=/admin/streaming';

/** No sales yet means no currency: a dash, never a bare "0". */
function money(minor, currency) {
  return currency ? formatMoney(minor, currency) : '—';
}

async function showAnalytics(row) {
  const section = document.getElementById('analytics');
  const report = await api(`/api/streams/${row.id}/analytics`);
  section.hidden = false;
  document.getElementById('analytics-heading').textContent = `Analytics — ${report.title}`;
  const figures = [
    ['peak viewers', report.peakViewers], ['unique viewers', report.uniqueViewers],
    ['avg watch', formatDuration(report.averageWatchSeconds)], ['likes', report.likes],
    ['likes / min', report.likesPerMinute], ['engaged viewers', report.engagedViewers],
    ['likes / engaged viewer', report.likesPerEngagedViewer],
    ['revenue', money(report.revenueMinor, report.currency)], ['orders', report.orders],
    ['chatters', report.chatters], ['chat messages', report.chatMessages], ['questions', report.questions],
    ['chat messages / min', report.messagesPerMinute],
  ];
  const nodes = figures.map(([label, value]) => el('span', { className: 'figure' },
    el('span', { className: 'value', text: value }), el('span', { className: 'label', text: label })));
  if (report.simulated) {
    nodes.push(el('span', { className: 'figure sim' },
      el('span', { className: 'value', text: `${report.simulated.peakViewers} / ${report.simulated.likes}` }),
      el('span', { className: 'label', text: 'simulated peak / likes (rehearsal, not real)' })));
  }
  if (report.practiceSales) {
    nodes.push(el('span', { className: 'figure sim' },
      el('span', { className: 'value', text: `${money(report.practiceSales.revenueMinor, report.practiceSales.currency)} / ${report.practiceSales.orders}` }),
      el('span', { className: 'label', text: 'practice revenue / orders (rehearsal, not real)' })));
  }
  if (report.practiceChat) {
    nodes.push(el('span', { className: 'figure sim' },
      el('span', { className: 'value', text: `${report.practiceChat.chatters} / ${report.practiceChat.messages} / ${report.practiceChat.questions}` }),
      el('span', { className: 'label', text: 'practice chatters / messages / questions (rehearsal, not real)' })));
  }
  document.getElementById('analytics-figures').replaceChildren(...nodes);
  drawTimeline(document.getElementById('analytics-chart'), report, { startedAt: row.startedAt });
  showProducts(report.products ?? []);
  bringIntoView(section);
}

/** The stream's per-product figures, real only (a rehearsal's practice is labelled as such). */
function showProducts(products) {
  const box = document.getElementById('analytics-products');
  if (!products.length) { box.replaceChildren(); return; }
  const cell = (text) => el('td', { className: 'num', text });
  box.replaceChildren(el('h3', { text: 'Products' }), el('table', {},
    el('thead', {}, el('tr', {}, ...['Product', 'Pinned (s)', 'Impressions', 'Clicks', 'CTR', 'Orders', 'Conversion', 'Revenue',
      'While pinned'].map((h) => el('th', { text: h })))),
    el('tbody', {}, ...products.map((p) => el('tr', { attrs: { 'data-product-id': p.productId } },
      el('td', { text: p.practice ? `${p.title} (rehearsal: ${p.practice.clicks} practice clicks, not real)` : p.title }),
      cell(p.pinnedSeconds), cell(p.impressions), cell(p.clicks), cell(`${(p.clickThroughRate * 100).toFixed(1)}%`),
      cell(p.orders), cell(`${(p.conversionRate * 100).toFixed(1)}%`), cell(money(p.revenueMinor, p.currency)),
      cell(money(p.revenueInPinMinor, p.currency)))))));
}

async function loadStreams() {
  const filters = new FormData(document.getElementById('filters'));
  const params = new URLSearchParams();
  for (const [name, value] of filters) if (value) params.set(name, value);
  const error = document.getElementById('streams-error');
  error.textContent = '';
  try {
    const rows = await api(`/api/admin/streams?${params}`);
    if (rows.length === 0) {
      document.getElementById('stream-rows').replaceChildren(el('tr', {},
        el('td', { text: 'No streams match these filters.', attrs: { colspan: '13' } })));
      return;
    }
    document.getElementById('stream-rows').replaceChildren(...rows.map((row) => {
      const title = el('td', {}, el('span', { text: row.title }));
      if (row.mode === 'REHEARSAL') title.append(document.createTextNode(' '), el('span', { className: 'badge rehearsal', text: 'Rehearsal — simulated audience' }));
      const analytics = el('button', { text: 'Analytics', attrs: { type: 'button' } });
      analytics.addEventListener('click', () => showAnalytics(row).catch((e) => { error.textContent = e.message; }));
      return el('tr', { attrs: { 'data-stream-id': row.id } },
        title,
        el('td', { attrs: { title: `vendor ${row.vendorId}` } }, el('span', { text: row.sellerLabel }),
          el('span', { className: 'muted', text: ` (${row.vendorId})` })),
        el('td', {}, el('span', { className: `badge ${row.status}`, text: row.status })),
        el('td', { className: 'num', text: row.real.viewers }),
        el('td', { className: 'num', text: row.real.peakViewers }),
        el('td', { className: 'num', text: row.real.uniqueViewers }),
        el('td', { className: 'num', text: row.real.likes }),
        el('td', { className: 'num', text: money(row.real.revenueMinor, row.real.currency) }),
        el('td', { className: 'num', text: row.real.orders }),
        el('td', { className: 'num', text: row.real.clicks }),
        el('td', { className: 'num sim', text: row.simulated ? row.simulated.viewers : '—' }),
        el('td', { className: 'num sim', text: row.simulated ? row.simulated.likes : '—' }),
        el('td', { className: 'num sim', text: row.practice
          ? `${money(row.practice.revenueMinor, row.practice.currency)} / ${row.practice.orders}` : '—' }),
        el('td', {}, analytics, ' ', viewerReportButton(row.id, (message) => { error.textContent = message; })));
    }));
  } catch (e) {
    error.textContent = e.message;
  }
}

document.getElementById('filters').addEventListener('submit', (event) => { event.preventDefault(); loadStreams(); });
const REASONS = { FORGED_DEVICE_ID: 'device ids not issued by us', NEW_DEVICE_RATE_LIMITED: 'too many new devices',
  ADDRESS_VIEWER_CAP: 'over the per-address cap', NOT_FETCHING_VIDEO: 'no player fetching the video',
  NOT_AN_AUDIENCE_ROLE: 'service tokens, not people' };

async function loadUncounted() {
  const target = document.getElementById('uncounted');
  try {
    const report = await api('/api/admin/presence/uncounted');
    const number = (n) => n.toLocaleString('en');
    const reasons = Object.entries(report.byReason).filter(([, n]) => n > 0)
      .map(([reason, n]) => `${REASONS[reason] || reason} ${number(n)}`).join('; ');
    target.textContent = `Uncounted heartbeats since start-up: ${number(report.total)} from ${number(report.addresses)} `
      + `address${report.addresses === 1 ? '' : 'es'}${reasons ? ` (${reasons})` : ''}.`;
  } catch (e) {
    target.textContent = `Uncounted heartbeats: ${e.message}`;
  }
}

loadStreams();
startSettings();
loadUncounted();
setInterval(loadStreams, 10_000);
setInterval(loadUncounted, 10_000);
