// The admin page's chat tools: the moderation queue of every stream (held and reported messages, with
// Release and Delete) and the allow-list of hosts whose links are clickable in chat. Each button says
// what happened, or the API's problem detail when it was refused.
import { api, el } from './api.js';

const queue = document.getElementById('chat-queue');
const empty = document.getElementById('chat-queue-empty');
const queueFeedback = document.getElementById('chat-queue-feedback');
const hostsForm = document.getElementById('link-hosts-form');
const hostsField = document.getElementById('link-hosts');
const hostsFeedback = document.getElementById('link-hosts-feedback');

function say(node, text, failed) {
  node.textContent = text;
  node.className = failed ? 'error' : 'ok';
}

async function act(button, call, done) {
  button.disabled = true;
  try {
    await call();
    say(queueFeedback, done, false);
  } catch (e) {
    say(queueFeedback, e.message, true);
  } finally {
    button.disabled = false;
    loadQueue();
  }
}

function queueItem(item) {
  const m = item.message;
  const base = `/api/streams/${m.streamId}/chat/${m.id}`;
  const actions = el('span', { className: 'chat-actions' });
  if (m.held) {
    const release = el('button', { text: 'Release', attrs: { type: 'button', 'data-action': 'release', 'aria-label': `Release the message “${m.text}”` } });
    release.addEventListener('click', () => act(release, () => api(`${base}/release`, { method: 'POST' }), 'Message released: viewers see it now.'));
    actions.append(release);
  }
  const del = el('button', { text: 'Delete', attrs: { type: 'button', 'data-action': 'delete', 'aria-label': `Delete the message “${m.text}”` } });
  del.addEventListener('click', () => act(del, () => api(base, { method: 'DELETE' }), 'Message deleted.'));
  actions.append(del);
  return el('li', { className: 'review-item', attrs: { 'data-message-id': m.id } },
    el('span', { className: 'badge', text: m.held ? 'HELD' : `${item.reports} ${item.reports === 1 ? 'report' : 'reports'}` }), ' ',
    el('a', { text: `stream ${m.streamId}`, attrs: { href: `/live/${m.streamId}` } }), ' · ',
    el('span', { className: 'chat-author', text: m.displayName || m.userId }), ' ', el('span', { text: m.text }), ' ', actions);
}

async function loadQueue() {
  try {
    const items = await api('/api/admin/chat/review');
    queue.replaceChildren(...items.map(queueItem));
    empty.hidden = items.length > 0;
  } catch (e) {
    say(queueFeedback, e.message, true);
  }
}

async function loadHosts() {
  try {
    hostsField.value = (await api('/api/admin/chat/link-hosts')).hosts.join('\n');
  } catch (e) {
    say(hostsFeedback, e.message, true);
  }
}

hostsForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const hosts = hostsField.value.split('\n').map((line) => line.trim()).filter((line) => line);
  hostsField.removeAttribute('aria-invalid');
  try {
    const saved = await api('/api/admin/chat/link-hosts', { method: 'PUT', body: { hosts } });
    hostsField.value = saved.hosts.join('\n');
    say(hostsFeedback, saved.hosts.length ? `Saved: links to ${saved.hosts.join(', ')} are clickable.` : 'Saved: no link is clickable.', false);
  } catch (e) {
    hostsField.setAttribute('aria-invalid', 'true');
    const first = e.problem?.errors?.[0];
    const index = first ? /hosts\[(\d+)\]/.exec(first.field) : null;
    say(hostsFeedback, index ? `“${hosts[Number(index[1])]}” ${first.message}. Nothing was saved.` : e.message, true);
  }
});

loadQueue();
loadHosts();
setInterval(loadQueue, 10_000);
