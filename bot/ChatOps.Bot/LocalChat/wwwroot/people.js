// The directory on the left: people by group, searchable, marked when the bot has sent them something unread.

import { api, avatarText, el, state, ui } from './page.js';
import { selectPerson } from './conversation.js';

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

export function renderPeople() {
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

export function updateDots() {
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

export async function loadPeople() {
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
