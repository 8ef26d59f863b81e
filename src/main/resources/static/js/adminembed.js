// The admin page's list of shop origins allowed to embed the live player (frame-ancestors of /embed/...).
import { api } from './api.js';

const form = document.getElementById('embed-origins-form');
const field = document.getElementById('embed-origins');
const feedback = document.getElementById('embed-origins-feedback');

async function load() {
  try {
    field.value = (await api('/api/admin/embed-origins')).origins.join('\n');
  } catch (e) {
    feedback.textContent = e.message;
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const origins = field.value.split('\n').map((line) => line.trim()).filter((line) => line);
  field.removeAttribute('aria-invalid');
  try {
    const saved = await api('/api/admin/embed-origins', { method: 'PUT', body: { origins } });
    field.value = saved.origins.join('\n');
    feedback.textContent = saved.origins.length ? `Saved: ${saved.origins.join(', ')} may embed the player.` : 'Saved: no site may embed the player.';
  } catch (e) {
    field.setAttribute('aria-invalid', 'true');
    feedback.textContent = `${e.message} Nothing was saved.`;
  }
});

load();
