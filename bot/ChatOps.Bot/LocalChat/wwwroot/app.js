// ChatOps local web chat: pick a person, chat with the bot as them, see what the bot sends them.
// Everything the server sends is treated as text: it is put in the page with textContent, or, for Markdown,
// escaped first and then given a small fixed set of tags (markdown.js). The page's parts are ES modules served by
// the host: page.js (state and helpers), markdown.js, people.js, conversation.js, delivery.js; this one wires them.

import { COUNTER_FROM, MAX_TEXT, state, store, toast, ui } from './page.js';
import { renderMarkdown } from './markdown.js';
import { loadPeople, renderPeople, updateDots } from './people.js';
import { selectPerson } from './conversation.js';
import { pollNow, send, sendFile, tick } from './delivery.js';

function updateComposer() {
  const input = ui.input;
  input.style.height = 'auto';
  input.style.height = Math.min(input.scrollHeight + 2, 160) + 'px';
  const length = input.value.length;
  const over = length > MAX_TEXT;
  ui.counter.hidden = length < COUNTER_FROM;
  ui.counter.textContent = length + ' / ' + MAX_TEXT;
  ui.counter.classList.toggle('over', over);
  ui.send.disabled = !state.activeId || input.value.trim().length === 0 || over;
}

function submit() {
  const text = ui.input.value.replace(/\s+$/, '');
  if (!state.activeId || text.trim().length === 0) {
    return;
  }
  if (text.length > MAX_TEXT) {
    toast('消息过长：最多 ' + MAX_TEXT + ' 字。');
    return;
  }
  ui.input.value = '';
  updateComposer();
  send(state.activeId, text, null, false);
}

ui.composer.addEventListener('submit', (e) => {
  e.preventDefault();
  submit();
});
ui.input.addEventListener('keydown', (e) => {
  // Enter while an input method is composing (pinyin) picks a candidate; it must not send.
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
    e.preventDefault();
    submit();
  }
});
ui.input.addEventListener('input', updateComposer);
ui.file.addEventListener('change', () => {
  const file = ui.file.files && ui.file.files[0];
  ui.file.value = '';
  if (file && state.activeId) {
    sendFile(state.activeId, file);
  }
});
ui.search.addEventListener('input', renderPeople);
ui.search.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    const first = ui.people.querySelector('.person');
    if (first) {
      selectPerson(first.dataset.id, true);
    }
  } else if (e.key === 'Escape') {
    ui.search.value = '';
    renderPeople();
  }
});
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) {
    pollNow();
  }
});
window.addEventListener('hashchange', () => {
  const id = personFromHash();
  if (id) {
    selectPerson(id, false);
  }
});
window.addEventListener('storage', (e) => {
  if (e.key === 'chatops.local.seen') {
    state.seen = store.get('seen', {});
    updateDots();
  }
});

function personFromHash() {
  const m = /^#person=(.+)$/.exec(location.hash);
  if (!m) {
    return null;
  }
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

async function start() {
  updateComposer();
  if (await loadPeople()) {
    const wanted = personFromHash() || store.get('active', null);
    if (wanted && state.byId.has(wanted)) {
      selectPerson(wanted, false);
    }
  }
  tick();
}

// Exposed for the renderer's tests in a browser console: ChatOpsLocal.renderMarkdown('**x**').
window.ChatOpsLocal = Object.freeze({ renderMarkdown });
start();
