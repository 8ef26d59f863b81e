// Links in chat text: the text stays text; an http(s) URL in it becomes a link only when its host (or
// a host it is a subdomain of) is on the admins' allow-list, and then opens in a new tab without
// passing the page on (rel nofollow noopener noreferrer). Built with DOM nodes only, never HTML.
// The host must be written in plain ASCII letters, digits, dots and hyphens, exactly as the URL parser
// reads it: the parser maps fullwidth letters, invisible characters and percent escapes to the host they
// imitate and turns look-alike letters (Cyrillic for Latin) into punycode, so a host that only looks like
// an allowed one, or is spelled unlike it, stays text. The server keeps the list to such ASCII hosts.
const URL_PATTERN = /https?:\/\/[^\s<>"']+/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;
const WRITTEN_HOST = /^https?:\/\/([a-z0-9.-]+)(?::\d*)?(?:[/?#]|$)/i;

/** Whether {@code host} is one of {@code allowed} or a subdomain of one. */
export function hostAllowed(host, allowed) {
  const h = host.toLowerCase();
  return allowed.some((entry) => h === entry || h.endsWith(`.${entry}`));
}

/** The link for a URL found in a message, or null when it stays text. */
function linkFor(raw, allowed) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null;
  const written = WRITTEN_HOST.exec(raw);
  if (!written || written[1].toLowerCase() !== url.hostname || !hostAllowed(url.hostname, allowed)) return null;
  const link = document.createElement('a');
  link.href = url.href;
  link.textContent = raw;
  link.target = '_blank';
  link.rel = 'nofollow noopener noreferrer';
  link.className = 'chat-link';
  return link;
}

/** The message text as nodes: text nodes, and links for allowed URLs. */
export function textWithLinks(text, allowed) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(TRAILING, '');
    const link = raw ? linkFor(raw, allowed) : null;
    if (!link) continue;
    if (match.index > last) nodes.push(document.createTextNode(text.slice(last, match.index)));
    nodes.push(link);
    last = match.index + raw.length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}
