// The seller console's chat for a live stream: the viewers' chat panel with moderation buttons on each
// message (delete, pin, time out, ban), the chat settings (on/off, slow mode) and the moderation queue
// (held messages to release, reported ones with their report counts). Every button says what happened,
// or the API's problem detail when it was refused.
import { api, el } from './api.js';
import { createChat } from './chat.js';

const open = new Set();

/** Closes the event streams of the chat panels of the previous render. */
export function closeChats() {
  for (const events of open) events.close();
  open.clear();
}

function button(text, action, label) {
  return el('button', { text, attrs: { type: 'button', 'data-action': action, 'aria-label': label } });
}

export function chatConsole(stream) {
  const feedback = el('p', { className: 'chat-feedback', attrs: { role: 'status', 'aria-live': 'polite', 'data-role': 'chat-feedback' } });
  const minutes = el('input', { attrs: { type: 'number', min: '1', max: '60', value: '5', 'aria-label': 'Time-out minutes' } });
  const enabled = el('input', { attrs: { type: 'checkbox', checked: '', 'data-role': 'chat-enabled' } });
  const slow = el('input', { attrs: { type: 'number', min: '0', max: '3600', value: '0', 'data-role': 'chat-slow', 'aria-label': 'Slow mode seconds' } });
  const save = button('Save chat settings', 'chat-settings', `Save the chat settings of ${stream.title}`);
  const queue = el('ul', { className: 'review-list', attrs: { 'data-role': 'review-list' } });
  const empty = el('p', { className: 'muted', text: 'Nothing to review.' });
  const root = el('div', { className: 'chat', attrs: { 'aria-label': `Chat of ${stream.title}` } },
    el('h5', {}, document.createTextNode('Chat '), el('span', { className: 'muted chat-hint' })),
    el('div', { className: 'chat-pinned', attrs: { role: 'status', hidden: '' } }),
    el('ol', { className: 'chat-list', attrs: { 'aria-live': 'polite' } }),
    el('form', { className: 'chat-form' },
      el('input', { attrs: { maxlength: '300', autocomplete: 'off', 'aria-label': 'Message as the seller', placeholder: 'Answer your viewers' } }),
      el('button', { text: 'Send', attrs: { type: 'submit' } })),
    el('p', { className: 'muted chat-reason', attrs: { role: 'status' } }));
  const side = el('div', { className: 'chat-side' },
    el('div', { className: 'chat-settings' },
      el('label', { className: 'inline' }, enabled, document.createTextNode(' Chat on')),
      el('label', { className: 'inline' }, document.createTextNode('Slow mode (s) '), slow), save),
    el('div', { className: 'chat-settings' }, el('label', { className: 'inline' }, document.createTextNode('Time-out minutes '), minutes)),
    feedback,
    el('h5', { text: 'Moderation queue' }), empty, queue);
  const section = el('section', { className: 'chat-console-box', attrs: { 'data-chat-for': stream.id } },
    el('h4', { text: 'Chat and moderation' }), el('div', { className: 'chat-console' }, root, side));

  function say(text, failed) {
    feedback.textContent = text;
    feedback.className = `chat-feedback ${failed ? 'error' : 'ok'}`;
  }

  /** Runs a moderation call; says {@code done(result)} or the refusal's detail, then reads chat and queue again. */
  async function act(node, call, done) {
    node.disabled = true;
    try {
      say(done(await call()), false);
    } catch (e) {
      say(e.message, true);
    } finally {
      node.disabled = false;
      chat.refresh();
      loadQueue();
    }
  }

  function deleteButton(message) {
    const del = button('Delete', 'chat-delete', `Delete the message “${message.text}”`);
    del.addEventListener('click', () => act(del,
      () => api(`/api/streams/${stream.id}/chat/${message.id}`, { method: 'DELETE' }), () => 'Message deleted.'));
    return del;
  }

  function controls(message) {
    const pin = button('Pin', 'chat-pin', `Pin the message “${message.text}”`);
    pin.addEventListener('click', () => act(pin,
      () => api(`/api/streams/${stream.id}/chat/${message.id}/pin`, { method: 'POST' }), () => 'Message pinned.'));
    const box = el('span', { className: 'chat-actions' }, deleteButton(message), pin);
    if (!message.fromSeller) {
      const timeOut = button('Time out', 'chat-timeout', `Time out ${message.userId}`);
      timeOut.addEventListener('click', () => act(timeOut,
        () => api(`/api/streams/${stream.id}/chat/timeouts`, { method: 'POST', body: { userId: message.userId, minutes: Number(minutes.value) } }),
        (t) => `${t.userId} is timed out until ${new Date(t.until).toLocaleTimeString()}.`));
      const ban = button('Ban', 'chat-ban', `Ban ${message.userId} from your streams' chat`);
      ban.addEventListener('click', () => {
        if (!confirm(`Ban ${message.userId} from the chat of all your streams?`)) return;
        act(ban, () => api(`/api/streams/${stream.id}/chat/bans`, { method: 'POST', body: { userId: message.userId } }),
          (b) => `${b.userId} is banned from your streams' chat.`);
      });
      box.append(timeOut, ban);
    }
    return box;
  }

  function pinnedControls() {
    const unpin = button('Unpin', 'chat-unpin', 'Unpin the pinned message');
    unpin.addEventListener('click', () => act(unpin,
      () => api(`/api/streams/${stream.id}/chat/pin`, { method: 'DELETE' }), () => 'Message unpinned.'));
    return el('span', { className: 'chat-actions' }, unpin);
  }

  function reviewItem(item) {
    const m = item.message;
    const row = el('li', { className: 'review-item', attrs: { 'data-message-id': m.id } },
      el('span', { className: 'badge', text: m.held ? 'HELD' : `${item.reports} ${item.reports === 1 ? 'report' : 'reports'}` }), ' ',
      el('span', { className: 'chat-author', text: m.displayName || m.userId }), ' ', el('span', { text: m.text }), ' ');
    const actions = el('span', { className: 'chat-actions' });
    if (m.held) {
      const release = button('Release', 'chat-release', `Release the message “${m.text}”`);
      release.addEventListener('click', () => act(release,
        () => api(`/api/streams/${stream.id}/chat/${m.id}/release`, { method: 'POST' }), () => 'Message released: viewers see it now.'));
      actions.append(release);
    }
    actions.append(deleteButton(m));
    row.append(actions);
    return row;
  }

  async function loadQueue() {
    try {
      const items = await api(`/api/streams/${stream.id}/chat/review`);
      queue.replaceChildren(...items.map(reviewItem));
      empty.hidden = items.length > 0;
    } catch (e) {
      say(e.message, true);
    }
  }

  save.addEventListener('click', () => act(save,
    () => api(`/api/streams/${stream.id}/chat/settings`, { method: 'PUT',
      body: { enabled: enabled.checked, slowModeSeconds: slow.value === '' ? null : Number(slow.value) } }),
    (s) => `Chat settings saved: chat ${s.enabled ? 'on' : 'off'}, slow mode ${s.slowModeSeconds ? `${s.slowModeSeconds} s` : 'off'}.`));

  // a rehearsal's event stream needs the owner's token, which an EventSource cannot send: poll it instead
  const rehearsal = stream.mode === 'REHEARSAL';
  const chat = createChat(root, stream.id, { live: true, moderation: { controls, pinnedControls }, poll: rehearsal ? 3_000 : null });
  api(`/api/streams/${stream.id}/chat`).then((view) => {
    enabled.checked = view.enabled;
    slow.value = view.slowModeSeconds;
  }).catch(() => {});
  if (!rehearsal && 'EventSource' in window) {
    const events = new EventSource(`/api/streams/${stream.id}/events`);
    open.add(events);
    chat.listen(events);
  }
  loadQueue();
  const timer = setInterval(() => { if (section.isConnected) loadQueue(); else clearInterval(timer); }, 5_000);
  return section;
}
