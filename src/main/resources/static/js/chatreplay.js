// The chat of an ended stream: the whole chat, read page by page (?before=), each message placed at its
// offset from the stream's start. While the recording plays, only the messages up to the video's
// current time are shown, so the chat runs along with the replay; without a recording all are shown.
import { el, formatDuration } from './api.js';

const AUTO_PAGES = 10;
const PAGE = 50;

export function createReplay(root, player) {
  const list = root.querySelector('.chat-list');
  const hint = root.querySelector('.chat-hint');
  const more = el('button', { text: 'Earlier messages', className: 'chat-more', attrs: { type: 'button', hidden: '' } });
  list.before(more);
  let chat = null;

  function video() {
    const found = player.querySelector('video');
    return found && Number.isFinite(found.duration) && found.duration > 0 ? found : null;
  }

  /** Shows the messages up to the video's time (all of them when there is no recording to follow). */
  function follow() {
    const playing = video();
    const time = playing ? playing.currentTime : Infinity;
    let shown = 0;
    for (const row of list.children) {
      row.hidden = Number(row.dataset.offset) > time;
      if (!row.hidden) shown += 1;
    }
    hint.textContent = playing
      ? `replay · ${shown} of ${list.children.length} messages up to ${formatDuration(time)}`
      : `replay · ${list.children.length} messages`;
    if (playing && !list.lastElementChild?.hidden) list.scrollTop = list.scrollHeight;
  }

  async function loadEarlier(pages) {
    let came = PAGE;
    for (let i = 0; i < pages && came === PAGE; i++) came = await chat.earlier();
    more.hidden = came < PAGE;
  }

  more.addEventListener('click', async () => {
    more.disabled = true;
    try { await loadEarlier(1); } finally { more.disabled = false; }
  });
  for (const name of ['timeupdate', 'seeked', 'loadedmetadata']) player.addEventListener(name, follow, true);

  return {
    attach(created) { chat = created; },
    follow,
    /** The newest page came: read the earlier ones too (up to {@code AUTO_PAGES}; a button reads more). */
    loaded(messages) {
      if (messages.length === PAGE) loadEarlier(AUTO_PAGES).catch(() => { more.hidden = false; });
      follow();
    },
  };
}
