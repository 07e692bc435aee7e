// Markdown from the bot: every character escaped first, then given a fixed set of tags, so nothing the server sends
// can add markup of its own.

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export function renderMarkdown(source) {
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
