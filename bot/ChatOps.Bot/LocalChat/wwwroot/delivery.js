// Sending as the person (text, a pressed button, a file) with a retry for what failed, and polling for what the bot sends.

import { api, LATEST_EVERY_TICKS, newClientId, POLL_HIDDEN_MS, POLL_MS, saveSent, sentFor, state, store, TYPING_MS } from './page.js';
import { updateDots } from './people.js';
import { renderConversation } from './conversation.js';

export function pressChoice(conv, m, choice) {
  if (Object.prototype.hasOwnProperty.call(conv.answered, m.id)) {
    return;
  }
  conv.answered[m.id] = choice.value;
  store.set('answered.' + conv.personId, conv.answered);
  send(conv.personId, choice.label, choice.value, true);
}

export function send(personId, text, action, pressed) {
  const conv = state.conv;
  const entry = {
    clientId: newClientId(),
    text,
    action: action || null,
    pressed: Boolean(pressed),
    at: Date.now(),
    anchor: conv && conv.personId === personId ? conv.lastId : 0,
    status: 'sending',
    attempts: 0,
  };
  sentFor(personId).push(entry);
  saveSent(personId);
  renderConversation(true);
  deliver(personId, entry);
}

// A picture or file: uploaded with its own client id; the dialog in progress answers (kept only for this page view).
const files = new Map();

export function sendFile(personId, file) {
  const entry = {
    clientId: newClientId(),
    text: '[附件] ' + file.name,
    action: null,
    pressed: false,
    at: Date.now(),
    anchor: state.conv && state.conv.personId === personId ? state.conv.lastId : 0,
    status: 'sending',
    attempts: 0,
    upload: true,
  };
  files.set(entry.clientId, file);
  sentFor(personId).push(entry);
  saveSent(personId);
  renderConversation(true);
  deliver(personId, entry);
}

function post(personId, entry) {
  const file = files.get(entry.clientId);
  if (entry.upload && !file) {
    return Promise.resolve({ ok: false, status: 0, body: null, error: '页面已刷新，请重新选择文件发送' });
  }
  if (file) {
    const form = new FormData();
    form.append('personId', personId);
    form.append('clientId', entry.clientId);
    form.append('file', file, file.name);
    return api('/files', { method: 'POST', body: form });
  }
  return api('/messages', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ personId, text: entry.text, action: entry.action, clientId: entry.clientId }),
  });
}

export async function deliver(personId, entry) {
  entry.status = 'sending';
  entry.attempts = (entry.attempts || 0) + 1;
  if (state.activeId === personId) {
    renderConversation(false);
  }
  const result = await post(personId, entry);
  if (result.status === 202) {
    // A retry of a message the server already has is answered "not accepted": it was delivered before.
    entry.status = result.body && result.body.accepted === false && entry.attempts === 1 ? 'duplicate' : 'sent';
    delete entry.error;
    if (state.conv && state.conv.personId === personId) {
      state.conv.waitingSince = Date.now();
    }
  } else {
    entry.status = 'failed';
    entry.error = result.error;
  }
  saveSent(personId);
  if (state.activeId === personId) {
    renderConversation(true);
    pollNow();
  }
}

async function pollConversation() {
  const conv = state.conv;
  if (!conv) {
    return;
  }
  const result = await api('/messages?personId=' + encodeURIComponent(conv.personId) + '&after=' + conv.lastId);
  if (conv !== state.conv) {
    return;
  }
  const wasWaiting = conv.waitingSince && Date.now() - conv.waitingSince < TYPING_MS + POLL_MS;
  let changed = !conv.loaded;
  if (result.ok && Array.isArray(result.body)) {
    const known = new Set(conv.outbound.map((m) => m.id));
    const fresh = result.body.filter((m) => !known.has(m.id));
    if (fresh.length > 0) {
      conv.outbound.push(...fresh);
      conv.outbound.sort((a, b) => a.id - b.id);
      conv.lastId = conv.outbound[conv.outbound.length - 1].id;
      conv.waitingSince = 0;
      changed = true;
    }
    changed = changed || conv.notice !== null;
    conv.notice = null;
    conv.loaded = true;
    if (conv.lastId > (state.seen[conv.personId] || 0)) {
      state.seen[conv.personId] = conv.lastId;
      store.set('seen', state.seen);
    }
  } else if (result.status !== 0) {
    changed = changed || conv.notice !== result.error;
    conv.notice = result.error;
    conv.loaded = true;
  }
  if (changed || (wasWaiting && Date.now() - conv.waitingSince >= TYPING_MS)) {
    renderConversation(false);
  }
}

async function pollLatest() {
  const result = await api('/latest');
  if (result.ok && result.body && typeof result.body === 'object') {
    state.latest = result.body;
    updateDots();
  }
}

export async function tick() {
  clearTimeout(state.timer);
  if (state.polling) {
    return;
  }
  state.polling = true;
  try {
    await pollConversation();
    if (state.tick++ % LATEST_EVERY_TICKS === 0) {
      await pollLatest();
    }
  } finally {
    state.polling = false;
    state.timer = setTimeout(tick, document.hidden ? POLL_HIDDEN_MS : POLL_MS);
  }
}

export function pollNow() {
  if (!state.polling) {
    tick();
  }
}
