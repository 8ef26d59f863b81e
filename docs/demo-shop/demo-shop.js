// The demo shop's side of the cart bridge: puts LivePulse's embed.js on the page (origin and stream from the
// query string), keeps a cart, and answers each 'livepulse:add-to-cart' with the cart's size.
(() => {
  const params = new URLSearchParams(location.search);
  const livepulse = params.get('livepulse') || 'http://localhost:8080';
  const cart = [];
  const script = document.createElement('script');
  script.src = `${livepulse}/embed.js`;
  script.dataset.stream = params.get('stream') || '1';
  script.dataset.chat = 'true';
  script.dataset.cart = 'bridge';
  script.dataset.title = 'Trail Outfitters live';
  document.getElementById('live').append(script);

  window.addEventListener('livepulse:add-to-cart', (event) => {
    event.preventDefault();
    const { productId, sku, title, priceMinor, currency, quantity } = event.detail;
    cart.push({ productId, sku, title, priceMinor, currency, quantity });
    const count = cart.reduce((sum, item) => sum + item.quantity, 0);
    document.getElementById('cart').textContent = `Cart (${count})`;
    const items = document.getElementById('cart-items');
    items.replaceChildren(...cart.map((item) => {
      const li = document.createElement('li');
      li.textContent = `${item.quantity} × ${item.title}${item.sku ? ` (SKU ${item.sku})` : ''} — ${(item.priceMinor / 100).toFixed(2)} ${item.currency}`;
      return li;
    }));
    event.detail.respond({ count });
  });
})();
