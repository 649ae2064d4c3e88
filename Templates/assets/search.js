/* sitegen search: filters /search/'s story list by every word typed, over titles, outlets and topics
   (folded in data-s), fetching nothing; without the list, uses search-index.json. textContent only. */
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const form = $('search-form'), input = $('search-q'), status = $('search-status'), out = $('search-results'), all = $('search-all');
  if (!form || !input || !status || !out) return;
  const MAX = 100;
  const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const stories = n => n + (n === 1 ? ' story' : ' stories');
  let items = [], timer = 0;

  function run() {
    const q = input.value.trim(), words = fold(q).split(/\s+/).filter(Boolean);
    out.textContent = '';
    if (!words.length) {
      out.hidden = true;
      if (all) all.hidden = false;
      status.textContent = stories(items.length) + '.';
      return;
    }
    let n = 0;
    for (const it of items) {
      if (words.every(w => it.s.includes(w)) && n++ < MAX) out.appendChild(it.make());
    }
    if (all) all.hidden = true;
    out.hidden = n === 0;
    status.textContent = n === 0 ? 'No story matches \u201c' + q + '\u201d.'
      : n > MAX ? 'Showing ' + MAX + ' of ' + stories(n) + ' that match.'
      : stories(n) + (n === 1 ? ' matches.' : ' match.');
  }

  function start() {
    const q = new URLSearchParams(location.search).get('q');
    if (q && !input.value) input.value = q;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        run();
        const q = input.value.trim();
        try { history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname); } catch (e) { /* file:// */ }
      }, 120);
    });
    form.addEventListener('submit', e => { e.preventDefault(); run(); });
    run();
  }

  // r: [title, slug, date, sources, [outlets], [topics], left %, center %, right %]
  function fromIndex(ix, r) {
    const topics = r[5].map(i => ix.topics[i]);
    return {
      s: fold([r[0]].concat(r[4].map(i => ix.outlets[i]), topics).join(' | ')),
      make() {
        const li = document.createElement('li'), a = document.createElement('a'), meta = document.createElement('span');
        a.href = form.dataset.root + 'stories/' + encodeURIComponent(r[1]) + '/';
        a.textContent = r[0];
        meta.textContent = [r[2], r[3] + (r[3] === 1 ? ' source' : ' sources'), topics.join(', ')].filter(Boolean).join(' \u00b7 ');
        li.append(a, ' ', meta);
        return li;
      },
    };
  }

  if (all) {
    items = Array.from(all.children, li => ({ s: fold(li.firstElementChild.textContent) + ' | ' + (li.dataset.s || ''), make: () => li.cloneNode(true) }));
    start();
  } else {
    status.textContent = 'Loading\u2026';
    fetch(form.dataset.index)
      .then(r => { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(ix => { items = ix.stories.map(r => fromIndex(ix, r)); start(); })
      .catch(() => { status.textContent = 'Search is unavailable: the index could not be loaded.'; });
  }
})();
