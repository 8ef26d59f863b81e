import { api, el, session, formatMoney, formatDuration, bringIntoView } from './api.js';
import { drawTimeline } from './charts.js';
import { viewerReportButton } from './adminviewers.js';

if (!session()) location.href = '/signin?next=/admin/streaming';

const dialog = document.getElementById('settings-dialog');
const form = document.getElementById('settings-form');
const settingsError = document.getElementById('settings-error');
const BOOLEANS = ['simulatedViewersEnabled', 'simulatedLikesEnabled'];
const NUMBERS = ['minSimulatedViewers', 'maxSimulatedViewers', 'viewerIncreasePerMinute', 'viewerDecreasePerMinute',
  'simulatedLikesPerMinute', 'engagementMultiplier', 'viewerTimeoutSeconds', 'likeRateLimitPerSecond', 'hideViewerCountBelow',
  'maxViewersPerAddress'];
// One name for each setting, used by the modal's labels, its error messages and the audit table.
const SETTINGS = {
  simulatedViewersEnabled: { group: 'Simulated viewers', label: 'Enabled' },
  minSimulatedViewers: { group: 'Simulated viewers', label: 'Minimum' },
  maxSimulatedViewers: { group: 'Simulated viewers', label: 'Maximum' },
  viewerIncreasePerMinute: { group: 'Simulated viewers', label: 'Increase per minute' },
  viewerDecreasePerMinute: { group: 'Simulated viewers', label: 'Decrease per minute' },
  engagementMultiplier: { group: 'Simulated viewers', label: 'Multiplier' },
  simulatedLikesEnabled: { group: 'Simulated likes', label: 'Enabled' },
  simulatedLikesPerMinute: { group: 'Simulated likes', label: 'Likes per minute' },
  viewerTimeoutSeconds: { group: 'Real engagement', label: 'Viewer timeout (s)' },
  likeRateLimitPerSecond: { group: 'Real engagement', label: 'Likes per user per second' },
  hideViewerCountBelow: { group: 'Real engagement', label: 'Hide public viewer count below' },
  maxViewersPerAddress: { group: 'Real engagement', label: 'Most viewers counted per network address' },
};
const KEY_PATTERN = new RegExp(`\\b(${Object.keys(SETTINGS).join('|')})\\b`, 'g');
const previewBox = document.getElementById('preview-chart').closest('.chart-box');
const previewError = document.getElementById('preview-error');
let previewChart = null;

/** No sales yet means no currency: a dash, never a bare "0". */
function money(minor, currency) {
  return currency ? formatMoney(minor, currency) : '—';
}

/** The audit's name of a setting: its group and its label in the modal ("Simulated viewers: Maximum"). */
function settingName(key) {
  const setting = SETTINGS[key];
  return setting ? `${setting.group}: ${setting.label}` : key;
}

/** A server message about a field, with any setting key in it replaced by the label the admin sees. */
function readable(message) {
  return String(message).replace(KEY_PATTERN, (key) => SETTINGS[key].label);
}

for (const [name, setting] of Object.entries(SETTINGS)) {
  const label = form.querySelector(`label[for="${name}"]`);
  if (label) label.textContent = setting.label;
}

function clearErrors() {
  settingsError.textContent = '';
  for (const span of form.querySelectorAll('[data-error-for]')) span.textContent = '';
  for (const input of form.querySelectorAll('input')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
}

function fillForm(settings) {
  for (const name of BOOLEANS) form.elements[name].checked = settings[name];
  for (const name of NUMBERS) form.elements[name].value = settings[name];
  drawPreview();
}

function readForm() {
  const body = {};
  for (const name of BOOLEANS) body[name] = form.elements[name].checked;
  for (const name of NUMBERS) {
    const raw = form.elements[name].value.trim();
    // a blank (or unreadable) number is sent as missing, so the server names it with every other error
    body[name] = raw === '' || Number.isNaN(Number(raw)) ? null : Number(raw);
  }
  return body;
}

/** Why the preview cannot be drawn from these values, or null when it can. */
function previewProblem(s) {
  const problems = [];
  for (const name of ['minSimulatedViewers', 'maxSimulatedViewers', 'engagementMultiplier']) {
    const input = form.elements[name];
    const value = s[name];
    if (value === null) problems.push(`${SETTINGS[name].label} is blank.`);
    else if (value < Number(input.min) || value > Number(input.max)) {
      problems.push(`${SETTINGS[name].label} must be between ${input.min} and ${input.max}.`);
    }
  }
  if (s.engagementMultiplier !== null && s.engagementMultiplier <= 0) problems.push('Multiplier must be greater than 0.');
  if (s.minSimulatedViewers !== null && s.maxSimulatedViewers !== null && s.minSimulatedViewers > s.maxSimulatedViewers) {
    problems.push(`Minimum (${s.minSimulatedViewers}) is greater than Maximum (${s.maxSimulatedViewers}).`);
  }
  return problems.length ? `No preview: ${problems.join(' ')}` : null;
}

function drawPreview() {
  const s = readForm();
  const problem = previewProblem(s);
  previewError.textContent = problem || '';
  previewError.hidden = !problem;
  previewBox.hidden = Boolean(problem);
  if (problem) {
    previewChart?.destroy();
    previewChart = null;
    return;
  }
  if (!window.Chart) return;
  const min = s.minSimulatedViewers;
  const max = s.maxSimulatedViewers;
  const multiplier = s.engagementMultiplier;
  const reals = Array.from({ length: 21 }, (_, i) => Math.round(i * Math.max(1, max / Math.max(multiplier, 0.1)) / 15));
  const targets = reals.map((real) => Math.min(Math.max(Math.round(real * multiplier), min), max));
  previewChart?.destroy();
  previewChart = new window.Chart(document.getElementById('preview-chart'), {
    type: 'line',
    data: { labels: reals, datasets: [{ label: 'Simulated target', data: targets, borderColor: '#b07d00', stepped: false }] },
    options: { responsive: true, maintainAspectRatio: false, animation: false,
      scales: { x: { title: { display: true, text: 'real viewers' } }, y: { beginAtZero: true } } },
  });
}

document.getElementById('open-settings').addEventListener('click', async () => {
  clearErrors();
  fillForm(await api('/api/admin/settings'));
  dialog.showModal();
});
document.getElementById('settings-cancel').addEventListener('click', () => dialog.close());
form.addEventListener('input', drawPreview);
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  try {
    await api('/api/admin/settings', { method: 'PUT', body: readForm() });
    dialog.close();
    document.getElementById('settings-saved').textContent = 'Settings saved. New streams will use them.';
    loadAudit();
  } catch (e) {
    // every field error of the answer at once, each beside its field (several on one field are joined)
    const errors = e.problem?.errors || [];
    const unplaced = [];
    for (const error of errors) {
      const span = form.querySelector(`[data-error-for="${CSS.escape(error.field)}"]`);
      const input = form.elements[error.field];
      if (!span || !input) {
        unplaced.push(`${settingName(error.field)} ${readable(error.message)}.`);
        continue;
      }
      const text = `${SETTINGS[error.field]?.label || error.field} ${readable(error.message)}.`;
      span.textContent = span.textContent ? `${span.textContent} ${text}` : text;
      span.id ||= `error-${error.field}`;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', span.id);
    }
    const fields = new Set(errors.map((error) => error.field)).size;
    const count = fields === 1 ? '1 setting needs' : `${fields} settings need`;
    settingsError.textContent = errors.length
      ? `${count} fixing. Nothing was saved.${unplaced.length ? ` ${unplaced.join(' ')}` : ''}`
      : e.message;
    form.querySelector('[aria-invalid=true]')?.focus();
  }
});

async function loadAudit() {
  const changes = await api('/api/admin/settings/audit?limit=50');
  document.getElementById('audit-rows').replaceChildren(...changes.map((c) => el('tr', {},
    el('td', { text: new Date(c.changedAt).toLocaleString() }),
    el('td', { text: c.changedBy }),
    el('td', { text: settingName(c.settingKey), attrs: { 'data-setting': c.settingKey } }),
    el('td', { text: c.oldValue }),
    el('td', { text: c.newValue }))));
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
  ADDRESS_VIEWER_CAP: 'over the per-address cap', NOT_FETCHING_VIDEO: 'no player fetching the video' };

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
loadAudit();
loadUncounted();
setInterval(loadStreams, 10_000);
setInterval(loadUncounted, 10_000);
