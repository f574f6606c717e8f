// The header's search box: Pagefind's search API (the site's own /pagefind/ shards)
// behind our own form. Without JavaScript the form stays a link to the indexes.
const form = document.querySelector("form.search");
if (form) {
  const box = form.querySelector(".search__box");
  const input = form.querySelector("input[type=search]");
  const list = form.querySelector(".search__results");
  const base = form.dataset.base;
  const kinds = { articles: form.dataset.recap, teams: form.dataset.team, ties: form.dataset.tie };
  let pagefind = null;
  let latest = 0;

  form.querySelector(".search__fallback").hidden = true;
  box.hidden = false;
  form.addEventListener("submit", (event) => event.preventDefault());

  // The bundle is in shards (recaps/search.py), listed in pagefind/shards.json: the first is
  // loaded, the others merged into it, so one search ranks the results of all of them.
  const open = async () => {
    const listing = await fetch(`${base}pagefind/shards.json`, { cache: "no-cache" });
    if (!listing.ok) return null;  // no bundle: a site with no recap, team or tie yet
    const [first, ...others] = (await listing.json()).shards;
    const module = await import(`${base}pagefind/${first}/pagefind.js`);
    await module.options({ baseUrl: base });
    await Promise.all(others.map((shard) => module.mergeIndex(`${base}pagefind/${shard}/`, { baseUrl: base })));
    return module;
  };

  const load = async () => {
    if (!pagefind) pagefind = open().catch(() => null);
    return pagefind;
  };

  const show = (items) => {
    list.replaceChildren(...items.map((item) => {
      const row = document.createElement("li");
      const link = document.createElement("a");
      const kind = document.createElement("span");
      const section = item.url.slice(base.length).split("/")[0];
      kind.className = "search__kind";
      kind.textContent = kinds[section] || "";
      link.href = item.url;
      link.textContent = item.meta.title;
      row.append(kind, link);
      if (item.meta.scores) {  // a recap's match scores, a tie's aggregate (templates/search_meta.html)
        const scores = document.createElement("span");
        scores.className = "search__scores";
        scores.textContent = item.meta.scores;
        row.append(scores);
      }
      const excerpt = document.createElement("p");
      excerpt.className = "search__excerpt";
      excerpt.innerHTML = item.excerpt;  // Pagefind's excerpt: page text escaped, matches in <mark>
      row.append(excerpt);
      // One index holds both languages: a result in the other language says so (templates/search_meta.html).
      if (item.meta.lang && item.meta.lang !== document.documentElement.lang) {
        row.querySelectorAll("a, .search__scores, .search__excerpt").forEach((part) => { part.lang = item.meta.lang; });
      }
      return row;
    }));
    list.hidden = items.length === 0;
  };

  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", async () => {
    const query = input.value.trim();
    const asked = ++latest;
    if (!query) {
      show([]);
      return;
    }
    const module = await load();
    const found = module && await module.debouncedSearch(query);
    if (!found || asked !== latest) return;  // a newer query superseded this one
    const items = await Promise.all(found.results.slice(0, 8).map((result) => result.data()));
    if (asked === latest) show(items);
  });
}
