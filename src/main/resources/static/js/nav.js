import { session, signOut, signInAgainHref, SESSION_ENDED_EVENT } from './api.js';

const who = document.getElementById('who');
const signinLink = document.getElementById('signin-link');
const signoutButton = document.getElementById('signout');
const endedNotice = document.getElementById('session-ended');
const endedLink = document.getElementById('session-ended-link');
const main = document.getElementById('main');

function showSignedOut() {
  if (who) who.textContent = '';
  if (signinLink) signinLink.hidden = false;
  if (signoutButton) signoutButton.hidden = true;
  for (const link of document.querySelectorAll('[data-for-role]')) link.hidden = true;
}

function showSessionEnded() {
  showSignedOut();
  if (!endedNotice) return;
  endedLink.href = signInAgainHref();
  endedNotice.hidden = false;
}

function showSignedIn(current) {
  who.textContent = `Signed in as ${current.name || current.user}`;
  who.title = current.roles.join(', ');
  signinLink.hidden = true;
  signoutButton.hidden = false;
  for (const link of document.querySelectorAll('[data-for-role]')) {
    link.hidden = !current.roles.includes(link.dataset.forRole);
  }
}

signoutButton?.addEventListener('click', () => { signOut(); location.href = '/'; });
addEventListener(SESSION_ENDED_EVENT, showSessionEnded);

// session() already forgets an expired token; the server's sign-in page means the token it got was
// not accepted (a signed-in caller with the wrong role gets the 403 page instead)
const current = session();
if (main?.dataset.page === 'signin-required') {
  if (current || main.dataset.sessionEnded === 'true') {
    signOut();
    showSessionEnded();
  } else {
    showSignedOut();
  }
} else if (current && who) {
  showSignedIn(current);
} else {
  showSignedOut();
}
