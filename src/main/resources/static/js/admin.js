import { api, el, session, formatMoney, formatDuration } from './api.js';
import { drawTimeline } from './charts.js';

if (!session()) location.href = '/signin?next=/admin/streaming';

const dialog = document.getElementById('settings-dialog');
const form = document.getElementById('settings-form');
const settingsError = document.getElementById('settings-error');
const BOOLEANS = ['simulatedViewersEnabled', 'simulatedLikesEnabled'];
const NUMBERS = ['minSimulatedViewers', 'maxSimulatedViewers', 'viewerIncreasePerMinute', 'viewerDecreasePerMinute',
  'simulatedLikesPerMinute', 'engagementMultiplier', 'viewerTimeoutSeconds', 'likeRateLimitPerSecond', 'hideViewerCountBelow',
  'maxViewersPerAddress'];
let previewChart = null;

function clearErrors() {
  settingsError.textContent = '';
  for (const span of form.querySelectorAll('[data-error-for]')) span.textContent = '';
  for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
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
    body[name] = raw === '' || Number.isNaN(Number(raw)) ? raw : Number(raw);
  }
  return body;
}

function drawPreview() {
  if (!window.Chart) return;
  const s = readForm();
  const min = Number(s.minSimulatedViewers) || 0;
  const max = Number(s.maxSimulatedViewers) || 0;
  const multiplier = Number(s.engagementMultiplier) || 0;
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
    const errors = e.problem?.errors || [];
    for (const error of errors) {
      const span = form.querySelector(`[data-error-for="${CSS.escape(error.field)}"]`);
      if (span) {
        span.textContent = error.message;
        form.elements[error.field]?.setAttribute('aria-invalid', 'true');
      }
    }
    settingsError.textContent = errors.length ? 'Please fix the highlighted fields. Nothing was saved.' : e.message;
    form.querySelector('[aria-invalid=true]')?.focus();
  }
});

async function loadAudit() {
  const changes = await api('/api/admin/settings/audit?limit=50');
  document.getElementById('audit-rows').replaceChildren(...changes.map((c) => el('tr', {},
    el('td', { text: new Date(c.changedAt).toLocaleString() }),
    el('td', { text: c.changedBy }),
    el('td', { text: c.settingKey }),
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
    ['revenue', formatMoney(report.revenueMinor, report.currency)], ['orders', report.orders],
  ];
  const nodes = figures.map(([label, value]) => el('span', { className: 'figure' },
    el('span', { className: 'value', text: value }), el('span', { className: 'label', text: label })));
  if (report.simulated) {
    nodes.push(el('span', { className: 'figure sim' },
      el('span', { className: 'value', text: `${report.simulated.peakViewers} / ${report.simulated.likes}` }),
      el('span', { className: 'label', text: 'simulated peak / likes (rehearsal, not real)' })));
  }
  document.getElementById('analytics-figures').replaceChildren(...nodes);
  drawTimeline(document.getElementById('analytics-chart'), report);
  section.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
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
        el('td', { text: 'No streams match these filters.', attrs: { colspan: '12' } })));
      return;
    }
    document.getElementById('stream-rows').replaceChildren(...rows.map((row) => {
      const title = el('td', {}, el('span', { text: row.title }));
      if (row.mode === 'REHEARSAL') title.append(document.createTextNode(' '), el('span', { className: 'badge rehearsal', text: 'Rehearsal — simulated audience' }));
      const analytics = el('button', { text: 'Analytics', attrs: { type: 'button' } });
      analytics.addEventListener('click', () => showAnalytics(row).catch((e) => { error.textContent = e.message; }));
      return el('tr', { attrs: { 'data-stream-id': row.id } },
        title,
        el('td', { text: row.vendorId }),
        el('td', {}, el('span', { className: `badge ${row.status}`, text: row.status })),
        el('td', { className: 'num', text: row.real.viewers }),
        el('td', { className: 'num', text: row.real.peakViewers }),
        el('td', { className: 'num', text: row.real.uniqueViewers }),
        el('td', { className: 'num', text: row.real.likes }),
        el('td', { className: 'num', text: formatMoney(row.real.revenueMinor, row.real.currency) }),
        el('td', { className: 'num', text: row.real.orders }),
        el('td', { className: 'num sim', text: row.simulated ? row.simulated.viewers : '—' }),
        el('td', { className: 'num sim', text: row.simulated ? row.simulated.likes : '—' }),
        el('td', {}, analytics));
    }));
  } catch (e) {
    error.textContent = e.message;
  }
}

document.getElementById('filters').addEventListener('submit', (event) => { event.preventDefault(); loadStreams(); });
const REASONS = { FORGED_DEVICE_ID: 'device ids not issued by us', NEW_DEVICE_RATE_LIMITED: 'too many new devices',
  ADDRESS_VIEWER_CAP: 'over the per-address cap' };

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
