// ChatOps local web chat: pick a person, chat with the bot as them, see what the bot sends them.
// Everything the server sends is treated as text: it is put in the page with textContent, or, for Markdown,
// escaped first and then given a small fixed set of tags (see renderMarkdown).
'use strict';

(() => {
  const API = '/local/api';
  const POLL_MS = 1500;
  const POLL_HIDDEN_MS = 6000;
  const LATEST_EVERY_TICKS = 3;
  const MAX_TEXT = 4000;
  const COUNTER_FROM = 3500;
  const TYPING_MS = 8000;
  const MAX_KEPT_SENT = 300;
  const TZ = 'Asia/Shanghai';
  const BOT_NAME = '机器人';

  const $ = (id) => document.getElementById(id);
  const ui = {
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

  // ---------- storage (per browser; what this page sent, which buttons were pressed, what was read) ----------

  const store = {
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

  const state = {
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

  function sentFor(personId) {
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

  function saveSent(personId) {
    const list = sentFor(personId);
    if (list.length > MAX_KEPT_SENT) {
      list.splice(0, list.length - MAX_KEPT_SENT);
    }
    store.set('sent.' + personId, list);
  }

  function newClientId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID();
    }
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // ---------- small DOM helpers ----------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function avatarText(name) {
    const n = String(name || '').trim();
    return n.length <= 2 ? n : n.slice(-2);
  }

  let toastTimer = 0;
  function toast(message) {
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

  async function api(path, options) {
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

  // ---------- time (always the office's zone, whatever the browser's) ----------

  const fmtTime = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });
  const fmtDayKey = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
  const fmtDay = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
  const fmtFull = new Intl.DateTimeFormat('zh-CN', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });

  function dayLabel(ms) {
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

  // ---------- Markdown: escape first, then a fixed set of tags ----------

  const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
  }

  function renderMarkdown(source) {
    const tokens = [];
    // Private-use markers for escaped characters and code spans; never left in the output.
    let text = escapeHtml(String(source).replace(/[\u0000-\u0005]/g, '').replace(/\r\n?/g, '\n'));
    text = text.replace(/\\(&amp;|&lt;|&gt;|&quot;|&#39;|[!#$%()*+,\-./:;=?@[\]\\^_`{|}~])/g, (m, c) => {
      tokens.push(c);
      return '\u0000' + (tokens.length - 1) + '\u0001';
    });
    const restore = (s, keepBackslash) =>
      s.replace(/\u0000(\d+)\u0001/g, (m, i) => (keepBackslash ? '\\' : '') + tokens[Number(i)]);

    const inline = (s) => {
      const held = [];
      const hold = (html) => {
        held.push(html);
        return '\u0002' + (held.length - 1) + '\u0003';
      };
      s = s.replace(/`([^`]+)`/g, (m, code) => hold('<code>' + restore(code, true) + '</code>'));
      s = s.replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (m, label, url) =>
        hold('<a href="' + restore(url, false) + '" target="_blank" rel="noopener noreferrer">' + restore(label, false) + '</a>'));
      // WeCom markdown colours: <font color="info|comment|warning">…</font>
      s = s.replace(/&lt;font color=(?:&quot;|&#39;)?(info|comment|warning)(?:&quot;|&#39;)?&gt;([\s\S]*?)&lt;\/font&gt;/g,
        (m, color, inner) => '\u0004' + color + '\u0005' + inner + '\u0004/\u0005');
      s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>');
      s = s.replace(/__(?=\S)([\s\S]*?\S)__/g, '<strong>$1</strong>');
      s = s.replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?!\*)/g, '$1<em>$2</em>');
      s = s.replace(/\u0004(info|comment|warning)\u0005/g, '<span class="md-$1">').replace(/\u0004\/\u0005/g, '</span>');
      s = s.replace(/\u0002(\d+)\u0003/g, (m, i) => held[Number(i)]);
      return restore(s, false);
    };

    const splitRow = (line) => {
      let s = line.trim();
      if (s.startsWith('|')) {
        s = s.slice(1);
      }
      if (s.endsWith('|')) {
        s = s.slice(0, -1);
      }
      return s.split('|').map((c) => c.trim());
    };
    const isSeparator = (line) => /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line);
    const isTableStart = (lines, i) => lines[i].includes('|') && i + 1 < lines.length && lines[i + 1].includes('-') && isSeparator(lines[i + 1]);
    const isBlank = (line) => /^\s*$/.test(line);
    const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
    const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
    const QUOTE = /^\s*&gt;/;
    const BULLET = /^\s*[-*+]\s+/;
    const ORDERED = /^\s*(\d{1,9})[.)]\s+/;
    const FENCE = /^\s*```/;
    const startsBlock = (lines, i) => {
      const line = lines[i];
      return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) ||
        BULLET.test(line) || ORDERED.test(line) || isTableStart(lines, i);
    };

    const lines = text.split('\n');
    const out = [];
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      let m;
      if (isBlank(line)) {
        i++;
      } else if (FENCE.test(line)) {
        const buf = [];
        i++;
        while (i < lines.length && !FENCE.test(lines[i])) {
          buf.push(lines[i++]);
        }
        i++;
        out.push('<pre><code>' + restore(buf.join('\n'), true) + '</code></pre>');
      } else if ((m = HEADING.exec(line))) {
        const level = m[1].length;
        out.push('<h' + level + '>' + inline(m[2]) + '</h' + level + '>');
        i++;
      } else if (RULE.test(line)) {
        out.push('<hr>');
        i++;
      } else if (isTableStart(lines, i)) {
        const head = splitRow(lines[i]);
        const aligns = splitRow(lines[i + 1]).map((c) =>
          c.startsWith(':') && c.endsWith(':') ? ' class="align-center"' : c.endsWith(':') ? ' class="align-right"' : '');
        i += 2;
        const rows = [];
        while (i < lines.length && !isBlank(lines[i]) && lines[i].includes('|')) {
          rows.push(splitRow(lines[i++]));
        }
        const cells = (row, tag) => head.map((_, c) => '<' + tag + (aligns[c] || '') + '>' + inline(row[c] || '') + '</' + tag + '>').join('');
        out.push('<div class="table-wrap"><table><thead><tr>' + cells(head, 'th') + '</tr></thead><tbody>' +
          rows.map((r) => '<tr>' + cells(r, 'td') + '</tr>').join('') + '</tbody></table></div>');
      } else if (QUOTE.test(line)) {
        const buf = [];
        while (i < lines.length && QUOTE.test(lines[i])) {
          buf.push(inline(lines[i++].replace(/^\s*&gt;\s?/, '')));
        }
        out.push('<blockquote>' + buf.join('<br>') + '</blockquote>');
      } else if (BULLET.test(line) || ORDERED.test(line)) {
        const ordered = !BULLET.test(line);
        const marker = ordered ? ORDERED : BULLET;
        const start = ordered ? Number(ORDERED.exec(line)[1]) : 1;
        const items = [];
        while (i < lines.length && marker.test(lines[i]) && !(ordered && BULLET.test(lines[i]))) {
          items.push('<li>' + inline(lines[i++].replace(marker, '')) + '</li>');
        }
        out.push(ordered
          ? '<ol' + (start !== 1 ? ' start="' + start + '"' : '') + '>' + items.join('') + '</ol>'
          : '<ul>' + items.join('') + '</ul>');
      } else {
        const buf = [inline(lines[i++])];
        while (i < lines.length && !isBlank(lines[i]) && !startsBlock(lines, i)) {
          buf.push(inline(lines[i++]));
        }
        out.push('<p>' + buf.join('<br>') + '</p>');
      }
    }
    return out.join('');
  }

  // ---------- people ----------

  function roleClass(role) {
    if (role === '联络员') {
      return 'tag tag-liaison';
    }
    if (role === '分管领导' || role === '组长') {
      return 'tag tag-leader';
    }
    return 'tag tag-office';
  }

  const ROLE_ORDER = ['组长', '联络员', '分管领导', '办公室', '主持人'];

  function roleList(person) {
    const rank = (r) => (ROLE_ORDER.includes(r) ? ROLE_ORDER.indexOf(r) : ROLE_ORDER.length);
    return String(person.roles || '').split('、').filter(Boolean).sort((a, b) => rank(a) - rank(b));
  }

  function matches(person, query) {
    if (!query) {
      return true;
    }
    const hay = [person.name, person.unitName, person.unitCode, person.id, person.roles, person.title, person.group]
      .filter(Boolean).join(' ').toLowerCase();
    return query.split(/\s+/).every((q) => hay.includes(q));
  }

  function hasUnread(personId) {
    return personId !== state.activeId && (state.latest[personId] || 0) > (state.seen[personId] || 0);
  }

  function renderPeople() {
    const query = ui.search.value.trim().toLowerCase();
    const shown = state.people.filter((p) => matches(p, query));
    ui.peopleCount.textContent = query ? shown.length + ' / ' + state.people.length + ' 人' : '共 ' + state.people.length + ' 人';
    const frag = document.createDocumentFragment();
    let section = null;
    for (const person of shown) {
      if (!section || section.dataset.group !== person.group) {
        section = el('section', 'group');
        section.dataset.group = person.group;
        const head = el('div', 'group-head');
        head.append(el('span', null, person.group), el('span', 'group-count', ''));
        section.appendChild(head);
        frag.appendChild(section);
      }
      section.appendChild(personRow(person));
    }
    for (const group of frag.querySelectorAll('.group')) {
      group.querySelector('.group-count').textContent = group.querySelectorAll('.person').length + ' 人';
    }
    if (shown.length === 0) {
      frag.appendChild(el('div', 'people-empty muted', state.people.length ? '没有找到匹配的人员' : '名录中还没有人员'));
    }
    ui.people.replaceChildren(frag);
  }

  function personRow(person) {
    const row = el('button', 'person');
    row.type = 'button';
    row.dataset.id = person.id;
    row.setAttribute('aria-current', person.id === state.activeId ? 'true' : 'false');
    row.title = [person.name, person.unitName, person.title, person.id].filter(Boolean).join(' · ');
    const text = el('div', 'person-text');
    const line = el('div', 'person-line');
    line.appendChild(el('span', 'person-name', person.name));
    for (const role of roleList(person).slice(0, 2)) {
      line.appendChild(el('span', roleClass(role), role));
    }
    text.append(line, el('div', 'person-unit', person.unitName || person.title || '—'));
    row.append(el('span', 'avatar', avatarText(person.name)), text);
    if (hasUnread(person.id)) {
      const dot = el('span', 'unread-dot');
      dot.title = '有新消息';
      row.appendChild(dot);
    }
    row.addEventListener('click', () => selectPerson(person.id, true));
    return row;
  }

  function updateDots() {
    for (const row of ui.people.querySelectorAll('.person')) {
      const id = row.dataset.id;
      const dot = row.querySelector('.unread-dot');
      row.setAttribute('aria-current', id === state.activeId ? 'true' : 'false');
      if (hasUnread(id) && !dot) {
        const d = el('span', 'unread-dot');
        d.title = '有新消息';
        row.appendChild(d);
      } else if (!hasUnread(id) && dot) {
        dot.remove();
      }
    }
  }

  async function loadPeople() {
    const result = await api('/people');
    if (!result.ok || !Array.isArray(result.body)) {
      const box = el('div', 'people-empty muted', '名录加载失败：' + result.error + ' ');
      const retry = el('button', 'choice', '重试');
      retry.type = 'button';
      retry.addEventListener('click', loadPeople);
      box.appendChild(retry);
      ui.people.replaceChildren(box);
      return false;
    }
    state.people = result.body;
    state.byId = new Map(state.people.map((p) => [p.id, p]));
    renderPeople();
    return true;
  }

  // ---------- conversation ----------

  function selectPerson(personId, fromClick) {
    const person = state.byId.get(personId);
    if (!person) {
      return;
    }
    if (state.activeId !== personId) {
      state.activeId = personId;
      state.conv = { personId, outbound: [], lastId: 0, loaded: false, notice: null, answered: store.get('answered.' + personId, {}), waitingSince: 0 };
      store.set('active', personId);
      const hash = '#person=' + encodeURIComponent(personId);
      if (location.hash !== hash) {
        history.replaceState(null, '', hash);
      }
      ui.chatEmpty.hidden = true;
      ui.chatMain.hidden = false;
      ui.chatAvatar.textContent = avatarText(person.name);
      ui.chatName.textContent = person.name;
      ui.chatMeta.textContent = [person.group, person.unitName, person.roles, person.title].filter(Boolean).join(' · ');
      ui.chatId.textContent = '编号 ' + person.id;
      document.title = person.name + ' · 本地对话 · ChatOps';
      updateDots();
      renderConversation(true);
      pollNow();
    }
    if (fromClick) {
      ui.input.focus();
    } else {
      const row = ui.people.querySelector('.person[aria-current="true"]');
      if (row) {
        row.scrollIntoView({ block: 'center' });
      }
    }
  }

  function timeline(conv) {
    const items = conv.outbound.map((m) => ({ mine: false, key: [m.id, 0, 0], at: Date.parse(m.at), m }));
    sentFor(conv.personId).forEach((s, index) => items.push({ mine: true, key: [s.anchor || 0, 1, index], at: s.at, s }));
    items.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
    return items;
  }

  function renderConversation(forceBottom) {
    const conv = state.conv;
    if (!conv) {
      return;
    }
    const box = ui.messages;
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    const frag = document.createDocumentFragment();
    if (conv.notice) {
      frag.appendChild(el('div', 'messages-empty', conv.notice));
    }
    const items = timeline(conv);
    if (!conv.loaded && items.length === 0) {
      frag.appendChild(el('div', 'messages-empty', '正在加载对话…'));
    } else if (items.length === 0 && !conv.notice) {
      const person = state.byId.get(conv.personId);
      const empty = el('div', 'messages-empty');
      empty.append(
        el('p', null, '还没有消息。'),
        el('p', null, '机器人主动发给' + (person ? person.name : '该人员') + '的消息（如每周报送提醒）会显示在这里；也可以直接发送消息开始对话，例如“帮助”。'));
      frag.appendChild(empty);
    }
    let day = null;
    for (const item of items) {
      const key = Number.isFinite(item.at) ? fmtDayKey.format(item.at) : day;
      if (key !== day && Number.isFinite(item.at)) {
        day = key;
        frag.appendChild(el('div', 'day-sep', dayLabel(item.at)));
      }
      frag.appendChild(item.mine ? mineMessage(item.s) : botMessage(conv, item.m));
    }
    if (conv.waitingSince && Date.now() - conv.waitingSince < TYPING_MS) {
      const typing = el('div', 'typing');
      const dots = el('span', 'typing-dots');
      dots.append(el('span'), el('span'), el('span'));
      typing.append(dots, el('span', null, '机器人正在处理…'));
      frag.appendChild(typing);
    }
    box.replaceChildren(frag);
    if (forceBottom || nearBottom) {
      box.scrollTop = box.scrollHeight;
    }
  }

  function meta(sender, at) {
    const line = el('div', 'msg-meta');
    if (sender) {
      line.appendChild(el('span', 'sender', sender));
    }
    if (Number.isFinite(at)) {
      const time = el('time', null, fmtTime.format(at));
      time.dateTime = new Date(at).toISOString();
      time.title = fmtFull.format(at) + '（北京时间）';
      line.appendChild(time);
    }
    return line;
  }

  function botMessage(conv, m) {
    const row = el('div', 'msg');
    const avatar = el('img', 'avatar avatar-bot');
    avatar.src = '/local/icon.svg';
    avatar.alt = '';
    const body = el('div', 'msg-body');
    body.appendChild(meta(BOT_NAME, Date.parse(m.at)));
    const choices = Array.isArray(m.choices) ? m.choices : [];
    const isMarkdown = m.kind === 'markdown';
    if (!m.title && choices.length === 0) {
      const bubble = el('div', isMarkdown ? 'bubble markdown' : 'bubble');
      if (isMarkdown) {
        bubble.innerHTML = renderMarkdown(m.text || '');
      } else {
        bubble.textContent = m.text || '';
      }
      body.appendChild(bubble);
    } else {
      const card = el('div', 'card');
      if (m.title) {
        card.appendChild(el('div', 'card-title', m.title));
      }
      const text = el('div', isMarkdown ? 'card-text markdown' : 'card-text');
      if (isMarkdown) {
        text.innerHTML = renderMarkdown(m.text || '');
      } else {
        text.textContent = m.text || '';
      }
      card.appendChild(text);
      if (choices.length > 0) {
        const answered = Object.prototype.hasOwnProperty.call(conv.answered, m.id) ? conv.answered[m.id] : null;
        const actions = el('div', 'card-actions');
        for (const choice of choices) {
          const chosen = answered !== null && answered === choice.value;
          const button = el('button', chosen ? 'choice chosen' : 'choice', (chosen ? '✓ ' : '') + choice.label);
          button.type = 'button';
          button.disabled = answered !== null;
          button.addEventListener('click', () => pressChoice(conv, m, choice));
          actions.appendChild(button);
        }
        card.appendChild(actions);
        if (answered !== null) {
          const label = (choices.find((c) => c.value === answered) || { label: answered }).label;
          card.appendChild(el('div', 'card-done', '已选择：' + label));
        }
      }
      body.appendChild(card);
    }
    row.append(avatar, body);
    return row;
  }

  function mineMessage(s) {
    const person = state.byId.get(state.activeId);
    const row = el('div', 'msg msg-mine');
    const avatar = el('span', 'avatar avatar-mine', avatarText(person ? person.name : ''));
    avatar.setAttribute('aria-hidden', 'true');
    const body = el('div', 'msg-body');
    body.appendChild(meta(null, s.at));
    const bubble = el('div', 'bubble');
    if (s.pressed) {
      bubble.appendChild(el('span', 'pressed-tag', '点击按钮'));
    }
    bubble.appendChild(document.createTextNode(s.text || s.action || ''));
    body.appendChild(bubble);
    if (s.status === 'sending') {
      body.appendChild(el('div', 'msg-status', '发送中…'));
    } else if (s.status === 'duplicate') {
      body.appendChild(el('div', 'msg-status', '重复提交，已忽略'));
    } else if (s.status === 'failed') {
      const status = el('div', 'msg-status failed', '发送失败：' + (s.error || '未知错误'));
      const retry = el('button', null, '重试');
      retry.type = 'button';
      retry.addEventListener('click', () => deliver(state.activeId, s));
      status.appendChild(retry);
      body.appendChild(status);
    }
    row.append(avatar, body);
    return row;
  }

  function pressChoice(conv, m, choice) {
    if (Object.prototype.hasOwnProperty.call(conv.answered, m.id)) {
      return;
    }
    conv.answered[m.id] = choice.value;
    store.set('answered.' + conv.personId, conv.answered);
    send(conv.personId, choice.label, choice.value, true);
  }

  function send(personId, text, action, pressed) {
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

  function sendFile(personId, file) {
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

  async function deliver(personId, entry) {
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

  async function tick() {
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

  function pollNow() {
    if (!state.polling) {
      tick();
    }
  }

  // ---------- composer ----------

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
})();
