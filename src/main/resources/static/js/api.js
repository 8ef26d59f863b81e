// Shared helpers: the signed-in session (the token lives in one cookie, which the pages check and this
// script reads to send as a bearer header; Secure when the site is served over https),
// JSON calls that turn problem+json answers into readable errors, and safe DOM building.

const TOKEN_COOKIE = 'lp_token';
const SECURE = location.protocol === 'https:' ? '; Secure' : '';

function storedToken() {
  const entry = document.cookie.split('; ').find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
  return entry ? entry.substring(TOKEN_COOKIE.length + 1) : null;
}

export function session() {
  const token = storedToken();
  if (!token) return null;
  try {
    const bytes = Uint8Array.from(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes));
    if (payload.exp && payload.exp * 1000 < Date.now()) { signOut(); return null; }
    return { token, user: payload.sub, name: payload.name || null, roles: payload.roles || [], vendorId: payload.vendorId ?? null };
  } catch {
    signOut();
    return null;
  }
}

export function signIn(token) {
  document.cookie = `${TOKEN_COOKIE}=${token}; path=/; SameSite=Strict; max-age=43200${SECURE}`;
}

export function signOut() {
  document.cookie = `${TOKEN_COOKIE}=; path=/; SameSite=Strict; max-age=0${SECURE}`;
}

export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message || problem?.detail || `Request failed (${status})`);
    this.status = status;
    this.problem = problem || {};
  }
}

export const SESSION_ENDED = 'Your session ended — sign in again.';
export const SESSION_ENDED_EVENT = 'livepulse:session-ended';

/** Where to sign in again and come back to this page. */
export function signInAgainHref() {
  return `/signin?next=${encodeURIComponent(location.pathname)}`;
}

/**
 * The token was refused (expired, revoked, signed by another key): forget it and tell the page,
 * which shows "Your session ended — sign in again" instead of whatever the API said.
 */
export function sessionEnded() {
  signOut();
  dispatchEvent(new CustomEvent(SESSION_ENDED_EVENT));
}

/** "1 viewer", "2 viewers": the label for a count, by the language's plural rules. */
const pluralRules = new Intl.PluralRules('en');
export function plural(count, one, other) {
  return pluralRules.select(Number(count)) === 'one' ? one : other;
}

export async function api(path, { method = 'GET', body, sdp, auth = true, keepalive = false, onHeaders } = {}) {
  const headers = { Accept: sdp === undefined ? 'application/json' : 'application/sdp, application/problem+json' };
  const current = auth ? session() : null;
  if (current) headers.Authorization = `Bearer ${current.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (sdp !== undefined) headers['Content-Type'] = 'application/sdp';
  const response = await fetch(path, {
    method, headers, keepalive, credentials: 'same-origin',
    body: sdp ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  if (onHeaders) onHeaders(response.headers);
  const text = await response.text();
  const data = text && (response.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : text;
  const problem = typeof data === 'object' ? data : null;
  if (response.status === 401) {
    // never show the API's wording about headers to a person
    if (current) {
      sessionEnded();
      throw new ApiError(401, problem, SESSION_ENDED);
    }
    throw new ApiError(401, problem, 'Sign in to do this.');
  }
  if (!response.ok) throw new ApiError(response.status, problem);
  return data;
}

/** Scrolls a section into view, smoothly unless the reader asked for less motion. */
export function bringIntoView(element) {
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
  element.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'nearest' });
}

/** Creates an element with text content only: user data never becomes HTML. */
export function el(tag, { text, className, attrs } = {}, ...children) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  if (attrs) for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

export function formatDuration(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** What is left of a countdown, as m:ss (never below 0:00). */
export function clockText(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Digits after the decimal point of the currency's minor unit (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorUnitDigits(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

/** An amount in minor units as the viewer's locale writes it, with the currency's own decimals. */
export function formatMoney(minor, currency) {
  if (!currency) return '0';
  const amount = minor / 10 ** minorUnitDigits(currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}
