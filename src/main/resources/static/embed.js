// LivePulse's embeddable live player, for a shop's own pages:
//   <script src="https://<livepulse>/embed.js" data-stream="42" data-chat="true" data-cart="bridge" async></script>
// puts the stream's player (video, live figures, the pinned product, optionally the chat) where the tag is. The
// shop's origin must be on the admins' list of embed origins. With data-cart="bridge" the page receives
//   window 'livepulse:add-to-cart' (a cancelable CustomEvent) with detail {streamId, productId, sku, quantity,
//   title, priceMinor, currency, respond(cart)}
// and answers by calling detail.respond({count}) (and event.preventDefault()); without a bridge, Buy opens the
// counted click-through to the seller's shop. Messages are checked both ways: the origin and the frame.
(() => {
  const script = document.currentScript;
  if (!script || !script.dataset.stream) return;
  const origin = new URL(script.src).origin;
  const stream = encodeURIComponent(script.dataset.stream);
  const frame = document.createElement('iframe');
  const query = new URLSearchParams({ host: location.origin });
  if (script.dataset.chat === 'true') query.set('chat', '1');
  frame.src = `${origin}/embed/${stream}?${query}`;
  frame.title = script.dataset.title || 'Live shopping stream';
  frame.allow = 'autoplay; fullscreen; picture-in-picture';
  frame.className = 'livepulse-embed';
  frame.style.width = '100%';
  frame.style.maxWidth = '1280px';
  frame.style.minHeight = '320px';
  frame.style.height = '640px';
  frame.style.border = '0';
  frame.dataset.stream = script.dataset.stream;
  script.after(frame);
  const bridge = script.dataset.cart === 'bridge';

  function send(message) {
    frame.contentWindow?.postMessage(message, origin);
  }

  window.addEventListener('message', (event) => {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    const message = event.data ?? {};
    if (message.type === 'livepulse:ready') {
      send({ type: 'livepulse:hello', cart: bridge });
    } else if (message.type === 'livepulse:height' && Number(message.height) > 0) {
      frame.style.height = `${Math.min(Math.max(Number(message.height), 320), 2000)}px`;
    } else if (message.type === 'livepulse:add-to-cart' && bridge) {
      const detail = { streamId: message.streamId, productId: message.productId, sku: message.sku ?? null,
        quantity: Number(message.quantity) || 1, title: message.title, priceMinor: message.priceMinor, currency: message.currency,
        respond: (cart) => send({ type: 'livepulse:cart', count: Number(cart?.count) || 0 }) };
      const handled = !window.dispatchEvent(new CustomEvent('livepulse:add-to-cart', { detail, cancelable: true }));
      if (!handled) send({ type: 'livepulse:cart-unavailable' });
    }
  });
})();
