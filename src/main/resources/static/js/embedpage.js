// The player a shop frames (/embed/{id}): the live video, the viewer and like figures, the pinned product and
// (with ?chat=1) the chat, read-only. Watching needs no cookie: the device id the first heartbeat issues comes
// back in the LP-Device header and is kept in this frame's storage, so an embedded viewer counts once, like any
// other. With a host page that offers its cart (embed.js with data-cart="bridge"), "Add to cart" asks the host
// through postMessage, to the host's origin only and only when an admin allowed it; otherwise Buy opens the
// counted click-through in a new tab.
import { api, el, formatMoney } from './api.js';
import { createPlayer } from './player.js';
import { every } from './pacer.js';

const main = document.getElementById('main');
const streamId = main.dataset.streamId;
const DEVICE_KEY = 'livepulse-device';
const player = createPlayer(document.getElementById('player'));
const addButton = document.getElementById('pinned-add');
const cartStatus = document.getElementById('cart-status');
let pinned = null;
let bridge = false;

/**
 * The framing page's origin: the one embed.js named, if an admin listed it (the server says), and, where the browser
 * tells, the frame's parent really is there (else no messages are sent at all; postMessage to a named origin reaches
 * no other window anyway).
 */
const host = (() => {
  const named = main.dataset.host || null;
  const ancestor = location.ancestorOrigins?.[0];
  return named && window.parent !== window && (!ancestor || ancestor === named) ? named : null;
})();

function tell(message) {
  if (host) window.parent.postMessage(message, host);
}

function storedDevice() {
  try { return localStorage.getItem(DEVICE_KEY); } catch { return null; }
}

async function heartbeat() {
  const device = storedDevice();
  try {
    const response = await fetch(`/api/streams/${streamId}/heartbeat`, { method: 'POST',
      headers: device ? { 'LP-Device': device } : {}, credentials: 'omit' });
    player.setPlaybackToken(response.headers.get('LP-Playback'));
    const issued = response.headers.get('LP-Device');
    if (issued) { try { localStorage.setItem(DEVICE_KEY, issued); } catch { /* a frame without storage is not counted */ } }
    if (response.ok) render(await response.json());
  } catch {
    // the next heartbeat tries again
  }
}

function render(view) {
  document.getElementById('viewers').textContent = view.viewersHidden ? '—' : view.viewers;
  if (typeof view.likes === 'number') document.getElementById('likes').textContent = view.likes;
}

function showPinned(product) {
  pinned = product;
  const card = document.getElementById('pinned-card');
  card.hidden = !product;
  if (!product) return;
  card.dataset.productId = product.productId;
  const image = document.getElementById('pinned-image');
  if (image.getAttribute('src') !== product.imageUrl) image.src = product.imageUrl;
  document.getElementById('pinned-title').textContent = product.title;
  document.getElementById('pinned-price').textContent = formatMoney(product.priceMinor, product.currency);
  document.getElementById('pinned-buy').href = product.buyUrl;
  addButton.hidden = !bridge;
  document.getElementById('pinned-buy').hidden = bridge;
  resize();
}

function showChat(message) {
  const list = document.getElementById('chat-list');
  if (!list || message.held) return;
  list.append(el('li', { className: 'chat-message' }, el('strong', { text: `${message.displayName || 'Viewer'}: ` }),
    document.createTextNode(message.text)));
  while (list.children.length > 50) list.firstElementChild.remove();
  resize();
}

function resize() {
  tell({ type: 'livepulse:height', streamId, height: document.documentElement.scrollHeight });
}

window.addEventListener('message', (event) => {
  if (!host || event.origin !== host || event.source !== window.parent) return;
  const message = event.data ?? {};
  if (message.type === 'livepulse:hello' && message.cart === true) {
    bridge = true;
    showPinned(pinned);
  } else if (message.type === 'livepulse:cart') {
    cartStatus.textContent = `In your cart: ${Number(message.count) || 0}`;
  } else if (message.type === 'livepulse:cart-unavailable') {
    bridge = false;
    showPinned(pinned);
  }
});

addButton.addEventListener('click', () => {
  if (!pinned) return;
  tell({ type: 'livepulse:add-to-cart', streamId: Number(streamId), productId: pinned.productId, sku: pinned.sku ?? null, quantity: 1,
    title: pinned.title, priceMinor: pinned.priceMinor, currency: pinned.currency });
});

async function start() {
  try {
    player.show(await api(`/api/streams/${streamId}/video`, { auth: false }));
    showPinned((await api(`/api/streams/${streamId}/showcase`, { auth: false })).pinned ?? null);
  } catch {
    // the events bring the pin; the video note says what is missing
  }
  const events = new EventSource(main.dataset.eventsUrl || `/api/streams/${streamId}/events`);
  events.addEventListener('engagement', (e) => render(JSON.parse(e.data)));
  events.addEventListener('product', (e) => showPinned(JSON.parse(e.data).pinned ?? null));
  events.addEventListener('video', async () => player.show(await api(`/api/streams/${streamId}/video`, { auth: false })));
  if (document.getElementById('chat-list')) {
    api(`/api/streams/${streamId}/chat`, { auth: false }).then((view) => view.messages.forEach(showChat)).catch(() => {});
    events.addEventListener('chat', (e) => JSON.parse(e.data).messages.forEach(showChat));
  }
  events.addEventListener('ended', () => { document.getElementById('status-badge').textContent = 'ENDED'; events.close(); });
  // an embedded viewer gets its device id on the first heartbeat and is counted from the second
  const known = storedDevice();
  heartbeat();
  if (!known) setTimeout(heartbeat, 1_000);
  every(10_000, heartbeat);
  tell({ type: 'livepulse:ready', streamId: Number(streamId) });
  // the host sizes the frame to the page: told again whenever the page's height changes (video, pin, chat)
  new ResizeObserver(resize).observe(document.body);
}

start();
