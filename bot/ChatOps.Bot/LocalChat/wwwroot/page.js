// The local chat's page: its constants, elements, per-browser storage, shared state, small DOM helpers, the API
// call and the office's time zone.

const API = '/local/api';
export const POLL_MS = 1500;
export const POLL_HIDDEN_MS = 6000;
export const LATEST_EVERY_TICKS = 3;
export const MAX_TEXT = 4000;
export const COUNTER_FROM = 3500;
export const TYPING_MS = 8000;
const MAX_KEPT_SENT = 300;
const TZ = 'Asia/Shanghai';
export const BOT_NAME = '机器人';

const $ = (id) => document.getElementById(id);
export const ui = {
  connection: $('connection'),
  search: $('search'),
  people: $('people'),
  peopleCount: $('people-count'),
  chatEmpty: $('chat-empty'),
  chatMain: $('chat-main'),
  chatAvatar: $('chat-avatar'),
  chatName: $('chat-name'),
  chatMeta: $('chat-meta'),
  chatId: $('chat-id'),
  messages: $('messages'),
  composer: $('composer'),
  input: $('input'),
  file: $('file'),
  send: $('send'),
  counter: $('counter'),
};

export const store = {
  get(key, fallback) {
    try {
      const raw = window.localStorage.getItem('chatops.local.' + key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch {
      return fallback;
    }
  },
  set(key, value) {
    try {
      window.localStorage.setItem('chatops.local.' + key, JSON.stringify(value));
    } catch {
      // Private mode or full storage: the page still works for this visit.
    }
  },
};

export const state = {
  people: [],
  byId: new Map(),
  activeId: null,
  conv: null,
  latest: {},
  seen: store.get('seen', {}),
  sentByPerson: new Map(),
  online: null,
  tick: 0,
  timer: 0,
  polling: false,
};

export function sentFor(personId) {
  if (!state.sentByPerson.has(personId)) {
    const list = store.get('sent.' + personId, []);
    for (const entry of list) {
      if (entry.status === 'sending') {
        entry.status = 'failed';
        entry.error = '页面关闭前未确认送达';
      }
    }
    state.sentByPerson.set(personId, Array.isArray(list) ? list : []);
  }
  return state.sentByPerson.get(personId);
}

export function saveSent(personId) {
  const list = sentFor(personId);
  if (list.length > MAX_KEPT_SENT) {
    list.splice(0, list.length - MAX_KEPT_SENT);
  }
  store.set('sent.' + personId, list);
}

export function newClientId() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') {
    return window.crypto.randomUUID();
  }
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

export function avatarText(name) {
  const n = String(name || '').trim();
  return n.length <= 2 ? n : n.slice(-2);
}

let toastTimer = 0;
export function toast(message) {
  let node = document.querySelector('.toast');
  if (!node) {
    node = el('div', 'toast');
    node.setAttribute('role', 'status');
    document.body.appendChild(node);
  }
  node.textContent = message;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, 4000);
}

function setOnline(online) {
  if (state.online === online) {
    return;
  }
  state.online = online;
  ui.connection.dataset.state = online ? 'online' : 'offline';
  ui.connection.textContent = online ? '已连接' : '连接中断，正在重试…';
}

export async function api(path, options) {
  let response;
  try {
    response = await fetch(API + path, Object.assign({ cache: 'no-store', headers: { Accept: 'application/json' } }, options));
  } catch {
    setOnline(false);
    return { ok: false, status: 0, body: null, error: '无法连接到本机服务' };
  }
  setOnline(true);
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error = body && typeof body.error === 'string' ? body.error : '服务返回错误（HTTP ' + response.status + '）';
  return { ok: response.ok, status: response.status, body, error };
}

export const fmtTime = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });
export const fmtDayKey = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const fmtDay = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
export const fmtFull = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

export function dayLabel(ms) {
  const key = fmtDayKey.format(ms);
  const now = Date.now();
  if (key === fmtDayKey.format(now)) {
    return '今天';
  }
  if (key === fmtDayKey.format(now - 86400000)) {
    return '昨天';
  }
  return fmtDay.format(ms);
}
