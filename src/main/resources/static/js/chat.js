// A chat panel: the pinned message above the list, the last messages (text only, never HTML; links
// only to hosts the admins allow), the seller's marked, new ones, deletions and pins from 'chat' and
// 'chat-pin' events on the page's event stream (or a poll where there is none), a slow-mode hint, and an
// input that says why it is disabled (signed out, timed out, banned, chat off, stream not live). The
// viewer page and the seller console share it; the console adds moderation controls to each message.
// On a replay the whole chat is read page by page and follows the video's time (see chatreplay.js).
import { api, el, session, signInAgainHref } from './api.js';
import { textWithLinks } from './chatlinks.js';
import { AT_ONCE } from './videomoment.js';

const MAX_LIVE_MESSAGES = 200;

/**
 * {@code root} holds .chat-hint, .chat-pinned, .chat-list, .chat-form (input and submit) and .chat-reason.
 * {@code moderation}: { controls(message) -> Node, pinnedControls(message) -> Node } adds buttons.
 */
export function createChat(root, streamId, { live, moderation = null, poll = null, replay = null } = {}) {
  const list = root.querySelector('.chat-list');
  const form = root.querySelector('.chat-form');
  const input = form.querySelector('input');
  const send = form.querySelector('button[type=submit]');
  const hint = root.querySelector('.chat-hint');
  const reason = root.querySelector('.chat-reason');
  const pinnedBox = root.querySelector('.chat-pinned');
  let enabled = true;
  // the page follows the stream: chat opens when it goes live and closes when it ends, without a reload
  let closedWhy = 'Chat is closed: the stream is not live.';
  let slowModeSeconds = 0;
  let blockedWhy = null;

  function who(message) {
    return message.fromSeller ? 'Seller' : (message.displayName || message.userId);
  }

  function item(message) {
    const row = el('li', { className: message.fromSeller ? 'chat-message from-seller' : 'chat-message',
      attrs: { 'data-message-id': String(message.id), 'data-offset': String(message.offsetSeconds ?? 0) } },
      el('span', { className: 'chat-author', text: who(message) }), ' ',
      el('span', { className: 'chat-text' }, ...textWithLinks(message.text, message.links)));
    if (moderation) row.append(moderation.controls(message));
    return row;
  }

  // messages moderators deleted: one still waiting for the video's moment must not appear when its turn comes
  const deletedIds = new Set();

  function add(messages) {
    for (const message of messages) {
      if (deletedIds.has(message.id) || list.querySelector(`[data-message-id="${message.id}"]`)) continue;
      list.append(item(message));
    }
    if (!replay) while (list.children.length > MAX_LIVE_MESSAGES) list.firstElementChild.remove();
    list.scrollTop = list.scrollHeight;
    replay?.follow();
  }

  function drop(ids) {
    for (const id of ids) {
      deletedIds.add(id);
      list.querySelector(`[data-message-id="${id}"]`)?.remove();
    }
  }

  function showPinned(message) {
    pinnedBox.replaceChildren();
    pinnedBox.hidden = !message;
    if (!message) { delete pinnedBox.dataset.messageId; return; }
    pinnedBox.dataset.messageId = String(message.id);
    pinnedBox.append(el('span', { className: 'pinned-label', text: 'Pinned' }), ' ',
      el('span', { className: 'chat-author', text: who(message) }), ' ',
      el('span', { className: 'chat-text' }, ...textWithLinks(message.text, message.links)));
    if (moderation) pinnedBox.append(moderation.pinnedControls(message));
  }

  function settings(next) {
    enabled = next.enabled;
    slowModeSeconds = next.slowModeSeconds;
    if (!replay) hint.textContent = slowModeSeconds > 0 ? `slow mode: ${slowModeSeconds} s` : '';
    update();
  }

  function update() {
    let why = null;
    if (!live) why = replay ? 'This is the chat as it happened.' : closedWhy;
    else if (!session()) why = 'Sign in to chat.';
    else if (!enabled && !moderation) why = 'The seller turned chat off.';
    else if (blockedWhy) why = blockedWhy;
    input.disabled = send.disabled = why !== null;
    form.hidden = !live && !!replay;
    reason.replaceChildren();
    if (why === 'Sign in to chat.') reason.append(el('a', { text: why, attrs: { href: signInAgainHref() } }));
    else if (why) reason.textContent = why;
  }

  async function refresh() {
    try {
      const view = await api(`/api/streams/${streamId}/chat`, { auth: true });
      list.replaceChildren();
      add(view.messages);
      showPinned(view.pinned ?? null);
      settings(view);
      replay?.loaded(view.messages);
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
        const until = new Date(problem.until);
        blockedWhy = `You are timed out until ${until.toLocaleTimeString()}.`;
        setTimeout(() => { blockedWhy = null; update(); }, Math.max(0, until - Date.now()));
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
  const timer = poll ? setInterval(() => { if (root.isConnected) refresh(); else clearInterval(timer); }, poll) : null;

  return {
    refresh,
    /** The stream's status changed: chat is open only while it is live, and says why when it is not. */
    setStatus(status) {
      const nowLive = status === 'LIVE';
      const why = status === 'ENDED' ? 'Chat is closed: the stream has ended.' : 'Chat is closed: the stream is not live.';
      // called with every figure update: only a change may touch the input and its reason (a "held" note stays)
      if (nowLive === live && why === closedWhy) return;
      closedWhy = why;
      if (nowLive !== live) {
        live = nowLive;
        if (live) refresh();
      }
      update();
    },
    /** Older messages before the oldest shown (a replay's "earlier" pages); how many came. */
    async earlier() {
      const oldest = list.firstElementChild?.dataset.messageId;
      if (!oldest) return 0;
      const view = await api(`/api/streams/${streamId}/chat?before=${oldest}`, { auth: true });
      list.prepend(...view.messages.map(item));
      replay?.follow();
      return view.messages.length;
    },
    /**
     * Follows the chat on the page's event stream: new messages and pins when the video reaches the moment of
     * their event (its id is the server's time), deletions and settings at once.
     */
    listen(events, moment = AT_ONCE) {
      events.addEventListener('chat', (e) => {
        const batch = JSON.parse(e.data);
        // a moderator's deletion and the chat's settings apply at once; new messages wait for the video
        drop(batch.deleted);
        if (batch.settings) settings(batch.settings);
        if (pinnedBox.dataset.messageId && batch.deleted.includes(Number(pinnedBox.dataset.messageId))) showPinned(null);
        moment.when(Number(e.lastEventId), () => add(batch.messages));
      });
      events.addEventListener('chat-pin', (e) => {
        const pinned = JSON.parse(e.data).pinned ?? null;
        moment.when(Number(e.lastEventId), () => showPinned(pinned));
      });
      // a subscriber too far behind is closed: after the reconnect, read the chat again
      events.addEventListener('open', refresh);
    },
  };
}
