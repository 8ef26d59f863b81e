// What the player says in words under the video (a status line) and the replay's part buttons: the stream's
// state for the viewer when there is no live picture to show, and which part of a replay plays.

import { el } from './api.js';

function clock(instant) {
  return new Date(instant).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function createPlayerNotes() {
  const note = el('p', { className: 'player-note', attrs: { role: 'status' } });
  const parts = el('div', { className: 'actions' });
  let timer = null;

  /** A new note: what the last one had running (the replay label's end, the reconnect countdown) stops. */
  function say(text) {
    clearInterval(timer);
    note.textContent = text;
  }

  /** A line that leaves the countdown running (a failure of this browser while the encoder reconnects). */
  function tell(text) {
    note.textContent = text;
  }

  /** The replay's recordings (at least one): the first plays, a label says so, several get a button per part. */
  function replay(recordings, playRecording) {
    playRecording(recordings[0].url);
    say(recordings.length > 1 ? `Replay, part 1 of ${recordings.length}.` : 'Replay');
    // the label says what starts playing, then leaves the picture alone (the video is labelled "Recorded video")
    if (recordings.length === 1) timer = setTimeout(() => { if (note.textContent === 'Replay') note.textContent = ''; }, 3_000);
    if (recordings.length > 1) {
      parts.replaceChildren(...recordings.map((recording, index) => {
        const button = el('button', { text: `Part ${index + 1}`, attrs: { type: 'button' } });
        button.addEventListener('click', () => {
          playRecording(recording.url);
          say(`Replay, part ${index + 1} of ${recordings.length}.`);
        });
        return button;
      }));
    }
  }

  /** Says the encoder is reconnecting and calls over() once every second after until (ms), until the next note. */
  function reconnecting(until, over) {
    say('The seller\'s video dropped — reconnecting…');
    if (until === null) return;
    timer = setInterval(() => { if (Date.now() >= until) over(); }, 1_000);
  }

  function offline(autoEndsAt) {
    say(`The seller's video stopped. Unless it comes back, this stream ends by itself at ${clock(autoEndsAt)}.`);
  }

  return { elements: [note, parts], say, tell, replay, reconnecting, offline };
}
