// Webhook endpoints on the seller console and the admin page: register one (https URL, events), see its secret
// once, send a test event, rotate the secret, disable or enable, delete, and read its delivery log (status,
// attempts, last answer, next try) with redelivery of one or all failed. Every refusal shows the problem detail.
import { api, el } from './api.js';

const form = document.getElementById('webhook-form');
const urlInput = document.getElementById('webhook-url');
const feedback = document.getElementById('webhook-feedback');
const secretBox = document.getElementById('webhook-secret');
const list = document.getElementById('webhook-list');
const none = document.getElementById('no-webhooks');

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

function showSecret(endpointId, secret, note) {
  secretBox.replaceChildren(el('strong', { text: `Secret of endpoint ${endpointId} — copy it now, it is not shown again: ` }),
    el('code', { text: secret, attrs: { 'data-role': 'webhook-secret-value' } }), document.createTextNode(note ? ` ${note}` : ''));
  secretBox.hidden = false;
}

function deliveryRow(endpoint, delivery, refresh) {
  const redeliver = el('button', { text: 'Redeliver', attrs: { type: 'button', 'data-action': 'redeliver' } });
  redeliver.addEventListener('click', async () => {
    await act(() => api(`/api/webhooks/${endpoint.id}/deliveries/${delivery.id}/redeliver`, { method: 'POST' }), 'Queued again.');
    refresh();
  });
  const answer = delivery.lastStatus ? String(delivery.lastStatus) : (delivery.lastError ?? '—');
  return el('tr', { attrs: { 'data-delivery': delivery.id, 'data-status': delivery.status } },
    el('td', { text: when(delivery.createdAt) }), el('td', { text: delivery.type }), el('td', { text: delivery.status }),
    el('td', { text: String(delivery.attempts) }), el('td', { text: answer }),
    el('td', { text: delivery.status === 'PENDING' ? when(delivery.nextAttemptAt) : '—' }), el('td', {}, redeliver));
}

function deliveryLog(endpoint) {
  const body = el('tbody');
  const box = el('div', { className: 'table-wrap', attrs: { hidden: '' } },
    el('table', {}, el('thead', {}, el('tr', {}, ...['Created', 'Event', 'Status', 'Attempts', 'Last answer', 'Next try', '']
      .map((heading) => el('th', { text: heading })))), body));
  let again = null;
  async function refresh() {
    clearTimeout(again);
    const deliveries = await api(`/api/webhooks/${endpoint.id}/deliveries`);
    body.replaceChildren(...deliveries.map((delivery) => deliveryRow(endpoint, delivery, refresh)));
    if (!deliveries.length) body.append(el('tr', {}, el('td', { text: 'No deliveries yet.', attrs: { colspan: '7' } })));
    // while the log is open, a delivery still pending is looked at again until it succeeds or fails
    if (!box.hidden && deliveries.some((delivery) => delivery.status === 'PENDING')) again = setTimeout(refresh, 2000);
  }
  return { box, refresh };
}

async function act(call, done) {
  feedback.textContent = '';
  try {
    const result = await call();
    feedback.textContent = done;
    return result;
  } catch (e) {
    feedback.textContent = e.message;
    return null;
  }
}

function button(text, action) {
  return el('button', { text, attrs: { type: 'button', 'data-action': action } });
}

function item(endpoint) {
  const log = deliveryLog(endpoint);
  const [test, rotate, toggle, logButton, retryFailed, remove] = [button('Send test event', 'test'), button('Rotate secret', 'rotate'),
    button(endpoint.enabled ? 'Disable' : 'Enable', 'toggle'), button('Deliveries', 'deliveries'),
    button('Redeliver failed', 'redeliver-failed'), button('Delete', 'delete')];
  test.disabled = !endpoint.enabled;
  test.addEventListener('click', async () => { await act(() => api(`/api/webhooks/${endpoint.id}/test`, { method: 'POST' }), 'Test event queued.'); if (!log.box.hidden) log.refresh(); });
  rotate.addEventListener('click', async () => {
    const rotated = await act(() => api(`/api/webhooks/${endpoint.id}/rotate`, { method: 'POST' }), 'Secret rotated.');
    if (rotated) showSecret(endpoint.id, rotated.secret, `The old one keeps signing beside it until ${when(rotated.previousSecretValidUntil)}.`);
  });
  toggle.addEventListener('click', async () => {
    await act(() => api(`/api/webhooks/${endpoint.id}`, { method: 'PATCH', body: { enabled: !endpoint.enabled } }), 'Saved.');
    load();
  });
  logButton.addEventListener('click', () => { log.box.hidden = !log.box.hidden; if (!log.box.hidden) log.refresh(); });
  retryFailed.addEventListener('click', async () => {
    const result = await act(() => api(`/api/webhooks/${endpoint.id}/redeliver-failed`, { method: 'POST' }), '');
    if (result) feedback.textContent = `${result.deliveries} failed ${result.deliveries === 1 ? 'delivery' : 'deliveries'} queued again.`;
    if (!log.box.hidden) log.refresh();
  });
  remove.addEventListener('click', async () => {
    if (!window.confirm(`Delete the endpoint ${endpoint.url} and its delivery log?`)) return;
    await act(() => api(`/api/webhooks/${endpoint.id}`, { method: 'DELETE' }), 'Deleted.');
    load();
  });
  const state = endpoint.enabled ? 'enabled' : `disabled${endpoint.disabledReason ? ` (${endpoint.disabledReason})` : ''}`;
  return el('li', { className: 'card webhook', attrs: { 'data-webhook': endpoint.id } },
    el('strong', { text: endpoint.url }),
    el('span', { className: 'muted', text: ` ${endpoint.events.join(', ')} · ${state}${endpoint.vendorId ? ` · vendor ${endpoint.vendorId}` : ''}` }),
    el('div', { className: 'actions' }, test, rotate, toggle, logButton, retryFailed, remove), log.box);
}

async function load() {
  try {
    const endpoints = await api('/api/webhooks');
    list.replaceChildren(...endpoints.map(item));
    none.hidden = endpoints.length > 0;
  } catch (e) {
    feedback.textContent = e.message;
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const events = [...form.querySelectorAll('input[name=event]:checked')].map((box) => box.value);
  const created = await act(() => api('/api/webhooks', { method: 'POST', body: { url: urlInput.value.trim(), events } }),
    'Endpoint added.');
  if (created) {
    showSecret(created.id, created.secret, 'Verify each request with it (see the README).');
    urlInput.value = '';
    load();
  }
});

load();
