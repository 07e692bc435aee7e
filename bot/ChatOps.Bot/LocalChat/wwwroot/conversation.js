// One person's conversation: what the bot sent and what this page sent as them, in order, with the buttons to press.

import { avatarText, BOT_NAME, dayLabel, el, fmtDayKey, fmtFull, fmtTime, sentFor, state, store, TYPING_MS, ui } from './page.js';
import { renderMarkdown } from './markdown.js';
import { updateDots } from './people.js';
import { deliver, pollNow, pressChoice } from './delivery.js';

export function selectPerson(personId, fromClick) {
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

export function renderConversation(forceBottom) {
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
