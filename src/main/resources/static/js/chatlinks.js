// Links in chat text: the text stays text; the parts the server marked as links (message.links: an http(s)
// URL whose host, written in plain ASCII, is on the admins' allow-list) become links that open in a new tab
// without passing the page on (rel nofollow noopener noreferrer). The server decides which; this only draws
// them, with DOM nodes, never HTML.
const WEB_ADDRESS = /^https?:\/\//i;

function link(raw, href) {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.textContent = raw;
  anchor.target = '_blank';
  anchor.rel = 'nofollow noopener noreferrer';
  anchor.className = 'chat-link';
  return anchor;
}

/** The message text as nodes: text nodes, and links where the server marked them. */
export function textWithLinks(text, links = []) {
  const nodes = [];
  let last = 0;
  for (const { start, end } of [...links].sort((a, b) => a.start - b.start)) {
    const raw = text.slice(start, end);
    if (start < last || end > text.length || !WEB_ADDRESS.test(raw)) continue;
    let href;
    try {
      href = new URL(raw).href;
    } catch {
      continue;
    }
    if (start > last) nodes.push(document.createTextNode(text.slice(last, start)));
    nodes.push(link(raw, href));
    last = end;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}
