// Live chat on the viewer page: the last messages (text only, never HTML), the seller's marked, new
// ones and deletions from 'chat' events on the page's event stream, a slow-mode hint, and an input
// that says why it is disabled (signed out, timed out, banned, chat off, stream not live).
import { api, el, session, signInAgainHref } from './api.js';

export function createChat(streamId, { live }) {
  const list = document.getElementById('chat-list');
  const form = document.getElementById('chat-form');
  const input = document.getElementById('chat-input');
  const send = document.getElementById('chat-send');
  const hint = document.getElementById('chat-hint');
  const reason = document.getElementById('chat-reason');
  let enabled = true;
  let slowModeSeconds = 0;
  let blockedUntil = null;
  let blockedWhy = null;

  function item(message) {
    const who = message.fromSeller ? 'Seller' : (message.displayName || message.userId);
    const row = el('li', { className: message.fromSeller ? 'chat-message from-seller' : 'chat-message',
      attrs: { 'data-message-id': String(message.id) } },
      el('span', { className: 'chat-author', text: who }), ' ', el('span', { className: 'chat-text', text: message.text }));
    return row;
  }

  function add(messages) {
    for (const message of messages) {
      if (list.querySelector(`[data-message-id="${message.id}"]`)) continue;
      list.append(item(message));
    }
    while (list.children.length > 200) list.firstElementChild.remove();
    list.scrollTop = list.scrollHeight;
  }

  function drop(ids) {
    for (const id of ids) list.querySelector(`[data-message-id="${id}"]`)?.remove();
  }

  function settings(next) {
    enabled = next.enabled;
    slowModeSeconds = next.slowModeSeconds;
    hint.textContent = slowModeSeconds > 0 ? `slow mode: ${slowModeSeconds} s` : '';
    update();
  }

  function update() {
    let why = null;
    if (!live) why = 'Chat is closed: the stream is not live.';
    else if (!session()) why = 'Sign in to chat.';
    else if (!enabled) why = 'The seller turned chat off.';
    else if (blockedWhy) why = blockedWhy;
    input.disabled = send.disabled = why !== null;
    reason.replaceChildren();
    if (why === 'Sign in to chat.') reason.append(el('a', { text: why, attrs: { href: signInAgainHref() } }));
    else if (why) reason.textContent = why;
  }

  async function refresh() {
    try {
      const view = await api(`/api/streams/${streamId}/chat`, { auth: true });
      list.replaceChildren();
      add(view.messages);
      settings(view);
    } catch {
      // the next event or refresh tries again
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    try {
      const message = await api(`/api/streams/${streamId}/chat`, { method: 'POST', body: { text } });
      input.value = '';
      if (message.held) reason.textContent = 'Your message is held for the seller to review.';
      else add([message]);
    } catch (error) {
      const problem = error.problem || {};
      if (problem.reason === 'timed-out') {
        blockedUntil = new Date(problem.until);
        blockedWhy = `You are timed out until ${blockedUntil.toLocaleTimeString()}.`;
        setTimeout(() => { blockedWhy = null; update(); }, Math.max(0, blockedUntil - Date.now()));
      } else if (problem.reason === 'banned') {
        blockedWhy = 'You are banned from this seller\u2019s chat.';
      } else if (problem.reason === 'chat-off') {
        enabled = false;
      } else {
        reason.textContent = error.message;
        return;
      }
      update();
    }
  });

  update();
  refresh();

  return {
    listen(events) {
      events.addEventListener('chat', (e) => {
        const batch = JSON.parse(e.data);
        drop(batch.deleted);
        add(batch.messages.filter((m) => !batch.deleted.includes(m.id)));
        if (batch.settings) settings(batch.settings);
      });
      // a slow socket keeps only the newest frame: after a reconnect, read the chat again
      events.addEventListener('open', refresh);
    },
  };
}
