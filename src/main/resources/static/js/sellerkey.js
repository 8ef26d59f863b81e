// The seller console's stream-key box: opened with a stream's key (after creating the stream, Show key, Rotate
// key), masked until Reveal, copied on Copy (or selected for Ctrl+C where the clipboard is refused), closed on
// Close or when its stream ends.
import { el, bringIntoView } from './api.js';

const keyBox = document.getElementById('new-key');
const keyValue = document.getElementById('key-value');
const copyStatus = document.getElementById('copy-status');
const keyFor = document.getElementById('key-for');
const revealKey = document.getElementById('reveal-key');
let shownKey = null; // { streamId, key } while the key box is open

function renderKey() {
  const masked = keyValue.dataset.masked === 'true';
  if (masked) {
    keyValue.replaceChildren(el('span', { text: '•'.repeat(24), attrs: { 'aria-hidden': 'true' } }),
      el('span', { className: 'visually-hidden', text: 'Hidden. Use Reveal to show it.' }));
  } else {
    keyValue.textContent = shownKey ? shownKey.key : '';
  }
  revealKey.textContent = masked ? 'Reveal' : 'Hide';
}

/** The key box opens masked: the key is only shown on Reveal and copied on Copy. */
export function showKey(stream, key) {
  shownKey = { streamId: stream.id, key };
  keyValue.dataset.masked = 'true';
  renderKey();
  keyFor.textContent = `For ‘${stream.title}’.`;
  keyBox.hidden = false;
  copyStatus.textContent = '';
  bringIntoView(keyBox);
}

export function hideKey() {
  shownKey = null;
  keyValue.dataset.masked = 'true';
  keyValue.replaceChildren();
  keyBox.hidden = true;
}

revealKey.addEventListener('click', () => {
  keyValue.dataset.masked = String(keyValue.dataset.masked !== 'true');
  renderKey();
});
document.getElementById('close-key').addEventListener('click', hideKey);

document.getElementById('copy-key').addEventListener('click', async () => {
  if (!shownKey) return;
  try {
    await navigator.clipboard.writeText(shownKey.key);
    copyStatus.textContent = 'Copied.';
  } catch {
    keyValue.dataset.masked = 'false';
    renderKey();
    const range = document.createRange();
    range.selectNodeContents(keyValue);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    copyStatus.textContent = 'Selected — press Ctrl+C to copy.';
  }
});

/** Whether the box shows this stream's key. */
export function keyShownFor(streamId) {
  return shownKey?.streamId === streamId;
}
