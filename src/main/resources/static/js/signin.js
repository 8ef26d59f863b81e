import { api, signIn } from './api.js';
import { localPath } from './localpath.js';

const main = document.getElementById('main');
const error = document.getElementById('signin-error');

function landingFor(role) {
  const next = localPath(main.dataset.next);
  if (next) return next;
  return { SELLER: '/seller', ADMIN: '/admin/streaming' }[role] || '/';
}

async function signInAs(user, role, vendorId, name) {
  error.textContent = '';
  try {
    const body = { user, role };
    if (vendorId) body.vendorId = Number(vendorId);
    if (name) body.name = name;
    const { token } = await api('/api/dev/token', { method: 'POST', body, auth: false });
    signIn(token);
    location.href = landingFor(role);
  } catch (e) {
    error.textContent = e.message;
  }
}

for (const button of document.querySelectorAll('#demo-users button')) {
  button.addEventListener('click', () => signInAs(button.dataset.user, button.dataset.role, button.dataset.vendor));
}
document.getElementById('custom').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  signInAs(form.user.value.trim(), form.role.value, form.vendor.value, form.displayName.value.trim());
});
