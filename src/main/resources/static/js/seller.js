import { api, el, session, formatDuration, formatMoney } from './api.js';
import { drawTimeline } from './charts.js';
import { encoderPanel } from './encoder.js';

const streamsBox = document.getElementById('streams');
const noStreams = document.getElementById('no-streams');
const keyBox = document.getElementById('new-key');
const keyValue = document.getElementById('key-value');
const copyStatus = document.getElementById('copy-status');
const statsTimers = new Map();
const encoderTimers = [];

if (!session()) location.href = '/signin?next=/seller';

function figure(label, value, id) {
  return el('span', { className: 'figure' },
    el('span', { className: 'value', text: value, attrs: id ? { 'data-stat': id } : {} }),
    el('span', { className: 'label', text: label }));
}

function showKey(key) {
  keyValue.textContent = key;
  keyBox.hidden = false;
  copyStatus.textContent = '';
  keyBox.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

document.getElementById('copy-key').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(keyValue.textContent);
    copyStatus.textContent = 'Copied.';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(keyValue);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    copyStatus.textContent = 'Selected — press Ctrl+C to copy.';
  }
});

document.getElementById('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const error = document.getElementById('create-error');
  const titleError = document.getElementById('title-error');
  error.textContent = '';
  titleError.textContent = '';
  try {
    const created = await api('/api/streams', { method: 'POST', body: {
      title: form.title.value, description: form.description.value || null, mode: form.mode.value } });
    form.reset();
    showKey(created.streamKey);
    await loadStreams();
  } catch (e) {
    const fieldErrors = e.problem?.errors || [];
    const titleProblem = fieldErrors.find((f) => f.field === 'title');
    if (titleProblem) titleError.textContent = `Title ${titleProblem.message}.`;
    else error.textContent = e.message;
  }
});

function statsPanel(stream) {
  const panel = el('div', { className: 'figures', attrs: { 'data-stats-for': stream.id } });
  return panel;
}

function renderStats(panel, stats) {
  const parts = [
    figure('viewers now', stats.viewers, 'viewers'),
    figure('peak', stats.peakViewers, 'peak'),
    figure('unique', stats.uniqueViewers, 'unique'),
    figure('likes', stats.likes, 'likes'),
    figure('likes / min', stats.likesPerMinute, 'likes-per-minute'),
    figure('revenue', formatMoney(stats.revenueMinor, stats.currency), 'revenue'),
    figure('orders', stats.orders, 'orders'),
    figure('duration', formatDuration(stats.durationSeconds), 'duration'),
  ];
  if (stats.simulated) {
    parts.push(el('span', { className: 'figure sim' },
      el('span', { className: 'value', text: `${stats.simulated.viewers} / ${stats.simulated.likes}` }),
      el('span', { className: 'label', text: 'simulated viewers / likes (not real)' })));
  }
  panel.replaceChildren(...parts);
}

function watchStats(stream, panel) {
  clearInterval(statsTimers.get(stream.id));
  const refresh = async () => {
    try {
      renderStats(panel, await api(`/api/streams/${stream.id}/stats`));
    } catch {
      // shown again on the next refresh
    }
  };
  refresh();
  if (stream.status !== 'ENDED') statsTimers.set(stream.id, setInterval(refresh, 5_000));
}

async function act(button, call) {
  button.disabled = true;
  try {
    await call();
    await loadStreams();
  } catch (e) {
    button.disabled = false;
    button.closest('.card').querySelector('[data-role=message]').textContent = e.message;
  }
}

function streamCard(stream) {
  const message = el('p', { className: 'error', attrs: { 'data-role': 'message', role: 'alert' } });
  const actions = el('div', { className: 'actions' });
  if (stream.status === 'CREATED') {
    const goLive = el('button', { className: 'primary', text: 'Go live', attrs: { type: 'button', 'data-action': 'go-live' } });
    goLive.addEventListener('click', () => act(goLive, () => api(`/api/streams/${stream.id}/start`, { method: 'POST' })));
    actions.append(goLive);
  }
  if (stream.status !== 'ENDED') {
    const showKeyButton = el('button', { text: 'Show key', attrs: { type: 'button' } });
    showKeyButton.addEventListener('click', () => act(showKeyButton, async () =>
      showKey((await api(`/api/streams/${stream.id}/key`)).streamKey)));
    const rotate = el('button', { text: 'Rotate key', attrs: { type: 'button', 'data-action': 'rotate-key' } });
    rotate.addEventListener('click', () => {
      // a live stream's encoder is cut at once and must reconnect with the new key
      if (stream.status === 'LIVE' && !confirm('Rotate the key? Your encoder is cut now and must reconnect with the new key.')) return;
      act(rotate, async () => showKey((await api(`/api/streams/${stream.id}/key/rotate`, { method: 'POST' })).streamKey));
    });
    actions.append(showKeyButton, rotate);
  }
  if (stream.status !== 'ENDED') {
    const saveId = `save-${stream.id}`;
    const save = el('input', { attrs: { type: 'checkbox', id: saveId, checked: '' } });
    const end = el('button', { className: 'danger', text: 'End stream', attrs: { type: 'button', 'data-action': 'end' } });
    end.addEventListener('click', () => act(end, () => api(`/api/streams/${stream.id}/end`,
      { method: 'POST', body: { save: save.checked } })));
    actions.append(end, el('label', { className: 'inline', attrs: { for: saveId } }, save, document.createTextNode('Save replay')));
  }
  const analyticsButton = el('button', { text: 'Analytics', attrs: { type: 'button' } });
  const chartBox = el('div', { className: 'chart-box', attrs: { hidden: '' } },
    el('canvas', { attrs: { 'aria-label': `Viewers and likes over time for ${stream.title}`, role: 'img' } }));
  analyticsButton.addEventListener('click', async () => {
    chartBox.hidden = !chartBox.hidden;
    if (!chartBox.hidden) drawTimeline(chartBox.querySelector('canvas'), await api(`/api/streams/${stream.id}/analytics`));
  });
  actions.append(analyticsButton,
    el('a', { text: 'CSV', className: 'button', attrs: { href: '#', 'data-csv': stream.id } }));
  actions.querySelector('[data-csv]').addEventListener('click', (event) => { event.preventDefault(); downloadCsv(stream.id); });
  if (stream.status !== 'CREATED' && stream.mode === 'LIVE') {
    actions.append(el('a', { text: 'Viewer page', className: 'button', attrs: { href: `/live/${stream.id}` } }));
  }
  const heading = el('h3', {}, el('span', { text: stream.title }), document.createTextNode(' '),
    el('span', { className: `badge ${stream.status}`, text: stream.status }));
  if (stream.mode === 'REHEARSAL') {
    heading.append(document.createTextNode(' '), el('span', { className: 'badge rehearsal', text: 'Rehearsal — simulated audience' }));
  }
  const panel = statsPanel(stream);
  const encoder = stream.status === 'ENDED' ? null
    : encoderPanel(stream, { onWentLive: () => loadStreams(), timers: encoderTimers });
  const card = el('article', { className: 'card stream-card', attrs: { 'data-stream-id': stream.id } },
    heading, panel, encoder, actions, message, chartBox);
  watchStats(stream, panel);
  return card;
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

async function loadStreams() {
  const streams = await api('/api/streams/mine');
  for (const timer of statsTimers.values()) clearInterval(timer);
  statsTimers.clear();
  encoderTimers.splice(0).forEach(clearInterval);
  streamsBox.replaceChildren(...streams.map(streamCard));
  noStreams.hidden = streams.length > 0;
  loadReplays();
}

async function loadReplays() {
  const replays = await api('/api/replays');
  document.getElementById('replays').replaceChildren(...replays.map((r) => el('tr', {},
    el('td', { text: r.title }),
    el('td', { className: 'num', text: r.finalMetrics.peakViewers }),
    el('td', { className: 'num', text: r.finalMetrics.uniqueViewers }),
    el('td', { className: 'num', text: r.finalMetrics.likes }),
    el('td', { className: 'num', text: formatMoney(r.finalMetrics.revenueMinor, r.finalMetrics.currency) }),
    el('td', { className: 'num', text: r.finalMetrics.orders }),
    el('td', { text: new Date(r.savedAt).toLocaleString() }),
    el('td', {}, el('a', { text: 'Watch', attrs: { href: `/live/${r.streamId}` } })))));
}

loadStreams().catch((e) => { document.getElementById('create-error').textContent = e.message; });
