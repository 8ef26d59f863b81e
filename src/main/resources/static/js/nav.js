import { session, signOut } from './api.js';

const who = document.getElementById('who');
const signinLink = document.getElementById('signin-link');
const signoutButton = document.getElementById('signout');
const current = session();
if (current && who) {
  who.textContent = `Signed in as ${current.user} (${current.roles.join(', ')})`;
  signinLink.hidden = true;
  signoutButton.hidden = false;
  signoutButton.addEventListener('click', () => { signOut(); location.href = '/'; });
}
