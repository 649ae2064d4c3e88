/* sitegen search: fetches search/meta.json, then the word chunk of each word typed, then the
   story chunks of the results shown. Every word must match (the last may be a prefix); results
   rank by the sum of each word's weight (title 4, outlet/topic 2, headline 1), then newest. */
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const form = $('search-form'), input = $('search-q'), status = $('search-status'), out = $('search-results'),
    moreWrap = $('search-more-wrap'), more = $('search-more');
  if (!form || !input || !status || !out) return;
  const PAGE = 10, base = new URL(form.dataset.index, location.href), cache = new Map();
  const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\u03c2/g, '\u03c3');
  const stories = n => n.toLocaleString('en-US') + (n === 1 ? ' story' : ' stories');
  // "2020-07-03" as the pages write it: "3 Jul 2020".
  const day = d => d && +d.slice(8) + ' ' + 'JanFebMarAprMayJunJulAugSepOctNovDec'.substr(d.slice(5, 7) * 3 - 3, 3) + ' ' + d.slice(0, 4);
  const get = path => {
    if (!cache.has(path)) {
      cache.set(path, fetch(new URL(path, base)).then(r => { if (!r.ok) throw new Error(r.status); return r.json(); })
        .catch(e => { cache.delete(path); throw e; }));
    }
    return cache.get(path);
  };
  let meta = null, hits = [], shown = 0, run = 0, timer = 0;

  // The chunks that may hold words from `lo` up to `hi` (inclusive), by their first words.
  function chunks(lo, hi) {
    const t = meta.terms, found = [];
    for (let i = 0; i < t.length; i++) {
      const next = i + 1 < t.length ? t[i + 1][0] : null;
      if ((next === null || next > lo) && t[i][0] <= hi) found.push(t[i][1]);
    }
    return found;
  }

  // Story → weight for one word; the last word typed (no space after) takes every word it begins,
  // from at most 3 chunks (a short prefix may reach more: they wait for a letter).
  async function lookup(word, prefix) {
    const files = chunks(word, prefix ? word + '\uffff' : word).slice(0, prefix ? 3 : 1).map(h => 'terms/' + h + '.json');
    const scores = new Map();
    for (const chunk of await Promise.all(files.map(get))) {
      for (const w in chunk) {
        if (w !== word && !(prefix && w.startsWith(word))) continue;
        const p = chunk[w];
        for (let i = 0, d = 0; i < p.length; i++) { d += p[i] >> 4; scores.set(d, Math.max(scores.get(d) || 0, p[i] & 15)); }
      }
    }
    return scores;
  }

  async function search(q, id) {
    const stop = new Set(meta.stop);
    const words = fold(q).split(/[^\p{L}\p{N}]+/u).filter(w => [...w].length > 1 && !stop.has(w));
    if (!words.length) return null;
    const last = !/\s$/.test(q);
    const maps = await Promise.all(words.map((w, i) => lookup(w, last && i === words.length - 1)));
    if (id !== run) return undefined;
    maps.sort((a, b) => a.size - b.size);
    const found = [];
    for (const [d, s] of maps[0]) {
      let sum = s;
      for (let k = 1; k < maps.length && sum >= 0; k++) sum = maps[k].has(d) ? sum + maps[k].get(d) : -1;
      if (sum >= 0) found.push([d, sum]);
    }
    return found.sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  }

  async function show(id) {
    const page = hits.slice(shown, shown + PAGE);
    shown += page.length;
    if (more) more.disabled = true;
    const docs = await Promise.all(page.map(([d]) => get('docs/' + meta.docs[Math.floor(d / meta.per)] + '.json').then(c => c[d % meta.per])));
    if (id !== run) return;
    for (const r of docs) {
      const li = document.createElement('li'), a = document.createElement('a'), m = document.createElement('span');
      // No page of its own: its one article, at its outlet.
      const ext = /^https?:/i.test(r[1]);
      a.href = ext ? r[1] : form.dataset.root + r[1];
      if (ext) a.rel = 'noopener nofollow';
      a.textContent = r[0];
      const names = r[4].join(', ') + (r[5] > r[4].length ? ' and ' + (r[5] - r[4].length) + ' more' : '');
      m.textContent = [ext && a.hostname.replace(/^www\./, '') + ' \u2197', day(r[2]), r[3] + (r[3] === 1 ? ' source' : ' sources'), names].filter(Boolean).join(' \u00b7 ');
      li.append(a, ' ', m);
      out.appendChild(li);
    }
    if (more) {
      more.disabled = false;
      more.textContent = 'Show ' + Math.min(PAGE, hits.length - shown) + ' more (' + shown + ' of ' + hits.length.toLocaleString('en-US') + ' shown)';
    }
    if (moreWrap) moreWrap.hidden = shown >= hits.length;
  }

  async function update() {
    const id = ++run, raw = input.value, q = raw.trim();
    try { history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname); } catch (e) { /* file:// */ }
    try {
      meta = meta || await get('meta.json');
      const found = q ? await search(raw, id) : null;
      if (found === undefined || id !== run) return;
      out.textContent = '';
      hits = found || [];
      shown = 0;
      out.hidden = hits.length === 0;
      if (moreWrap) moreWrap.hidden = true;
      status.textContent = !q ? stories(meta.stories) + '.' : found === null ? 'Type a longer word.'
        : hits.length ? stories(hits.length) + (hits.length === 1 ? ' matches \u201c' + q + '\u201d.' : ' match \u201c' + q + '\u201d, best matches first.')
        : 'No story matches \u201c' + q + '\u201d: check the spelling, use fewer words, or browse by month below.';
      if (hits.length) await show(id);
    } catch (e) {
      if (id === run) status.textContent = 'Search is unavailable here (its index could not be loaded): browse by month below.';
    }
  }

  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(update, 150); });
  form.addEventListener('submit', e => { e.preventDefault(); update(); });
  if (more) more.addEventListener('click', () => show(run).catch(() => { more.disabled = false; status.textContent = 'More results could not be loaded.'; }));
  const q = new URLSearchParams(location.search).get('q');
  if (q && !input.value) input.value = q;
  if (input.value) update();
})();
