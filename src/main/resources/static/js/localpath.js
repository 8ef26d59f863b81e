// Where the sign-in may send the browser: a path on this site only. The same rule as the server's
// (SignInPageController): never '//host' or '/\host' (another host to a browser, also once it has dropped
// a tab or newline), no scheme, no percent-encoding, no query. Nothing given is '' (land by role);
// anything else refused is '/'.
const LOCAL_PATH = /^(?:\/|(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+\/?)$/;
const MAX_NEXT = 200;

export function localPath(next) {
  if (typeof next !== 'string' || next === '') return '';
  return next.length <= MAX_NEXT && LOCAL_PATH.test(next) ? next : '/';
}
