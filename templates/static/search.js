/* Full-text search with the Pagefind index in pagefind/ (built by `sitegen build`). */
(function () {
  "use strict";
  var form = document.querySelector("[data-search-page]");
  if (!form) {
    return;
  }
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var facets = form.querySelector("[data-facets]");
  var input = form.elements.namedItem("q");
  var kindSelect = form.elements.namedItem("kind");
  var actorSelect = form.elements.namedItem("actor");
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";

  if (window.location.protocol === "file:") {
    status.textContent = "Search cannot run on a page opened from disk (file://): the browser will not load the " +
      "search index. Serve the site folder over http (for example `python3 -m http.server` inside it), or browse " +
      "the Events, Actors and Sources lists.";
    input.disabled = true;
    form.querySelector("button").disabled = true;
    return;
  }
  if (form.getAttribute("data-enabled") !== "yes") {
    return;
  }

  var bundle = new URL(form.getAttribute("data-bundle"), window.location.href).href;
  var siteRoot = new URL(document.documentElement.getAttribute("data-root") || "./", window.location.href).href;
  var loading = null;
  var serial = 0;

  /* The index is made in parts (see parts.json): the first brings Pagefind's script, the
     others are merged into it, and a search runs over all of them. */
  function pagefind() {
    if (!loading) {
      loading = fetch(bundle + "parts.json").then(function (response) {
        if (!response.ok) {
          throw new Error(response.status + " for " + response.url);
        }
        return response.json();
      }).then(function (listing) {
        var parts = listing.parts.map(function (name) { return bundle + name + "/"; });
        return import(parts[0] + "pagefind.js").then(function (pf) {
          return pf.options({ baseUrl: "/" }).then(function () { return pf.init(); }).then(function () {
            return Promise.all(parts.slice(1).map(function (part) { return pf.mergeIndex(part, { baseUrl: "/" }); }));
          }).then(function () { return pf; });
        });
      });
    }
    return loading;
  }

  /* A part's index leaves out a word none of its pages has, and then finds its pages by the
     other words alone: each word of a query (not a quoted phrase) is searched for on its own,
     and only the pages found for all of them are kept. */
  function searchAll(pf, term, chosen) {
    var words = term && term.indexOf('"') < 0 ? term.split(/\s+/).filter(Boolean) : [];
    var whole = pf.search(term || null, { filters: chosen });
    if (words.length < 2) {
      return whole;
    }
    return Promise.all([whole].concat(words.map(function (w) { return pf.search(w, { filters: chosen }); })))
      .then(function (found) {
        var sets = found.slice(1).map(function (s) { return new Set(s.results.map(function (r) { return r.id; })); });
        var results = found[0].results.filter(function (r) { return sets.every(function (s) { return s.has(r.id); }); });
        return { results: results };
      });
  }

  function pageUrl(url) {
    return new URL(url.replace(/^\/+/, ""), siteRoot).href;
  }

  /* Pagefind excerpts are HTML with <mark>; copy only their text and marks into the page. */
  function excerptNodes(html, into) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === 3) {
        into.appendChild(document.createTextNode(node.textContent));
      } else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        into.appendChild(mark);
      } else {
        into.appendChild(document.createTextNode(node.textContent || ""));
      }
    });
  }

  /* Lowercase, without diacritics: "Orbán" and "orban" are the same name. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").replace(/ł/gi, "l")
      .toLowerCase();
  }

  /* A name's results: the page of the actor it names first, then events, sources and the rest,
     each group in the index's order. */
  var KIND_RANK = { Event: 1, Source: 2 };
  function ranked(pages, term) {
    var wanted = fold(term.replace(/"/g, "")).trim();
    function rank(page) {
      var meta = page.meta || {};
      if (wanted && meta.kind === "Actor" && (meta.names || "").split("|").some(function (n) { return fold(n) === wanted; })) {
        return 0;
      }
      return KIND_RANK[meta.kind] || 3;
    }
    return pages.map(function (page, i) { return [rank(page), i, page]; })
      .sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; })
      .map(function (x) { return x[2]; });
  }

  function fillSelect(select, counts) {
    var current = select.value || params.get(select.name) || "";
    while (select.options.length > 1) {
      select.remove(1);
    }
    Object.keys(counts || {}).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value + " (" + counts[value] + ")";
      select.appendChild(option);
    });
    select.value = current;
    if (select.value !== current) {
      select.value = "";
    }
  }

  function filters() {
    var f = {};
    if (kindSelect.value) { f.kind = kindSelect.value; }
    if (actorSelect.value) { f.actor = actorSelect.value; }
    return f;
  }

  function remember() {
    var p = new URLSearchParams();
    if (input.value.trim()) { p.set("q", input.value.trim()); }
    if (kindSelect.value) { p.set("kind", kindSelect.value); }
    if (actorSelect.value) { p.set("actor", actorSelect.value); }
    var qs = p.toString();
    window.history.replaceState(null, "", qs ? "?" + qs : window.location.pathname);
  }

  function run() {
    var term = input.value.trim();
    var chosen = filters();
    var mine = ++serial;
    remember();
    if (!term && !chosen.kind && !chosen.actor) {
      list.textContent = "";
      status.textContent = "Type a name, a place or a phrase.";
      return;
    }
    status.textContent = "Searching…";
    pagefind().then(function (pf) {
      return searchAll(pf, term, chosen);
    }).then(function (search) {
      if (mine !== serial) { return null; }
      var top = search.results.slice(0, 30);
      return Promise.all(top.map(function (r) { return r.data(); })).then(function (pages) {
        if (mine !== serial) { return; }
        pages = ranked(pages, term);
        list.textContent = "";
        pages.forEach(function (page) {
          var li = document.createElement("li");
          var kind = document.createElement("span");
          kind.className = "kind-tag result-kind";
          kind.textContent = (page.meta && page.meta.kind) || "Page";
          var a = document.createElement("a");
          a.className = "result-title";
          a.href = pageUrl(page.url);
          a.textContent = (page.meta && page.meta.title) || page.url;
          var p = document.createElement("p");
          excerptNodes(page.excerpt || "", p);
          li.appendChild(kind);
          li.appendChild(a);
          li.appendChild(p);
          list.appendChild(li);
        });
        var n = search.results.length;
        status.textContent = n === 0 ? "Nothing found" + (term ? " for “" + term + "”." : ".")
          : n + (n === 1 ? " result" : " results") + (term ? " for “" + term + "”" : "") +
            (n > top.length ? "; showing the first " + top.length + "." : ".");
      });
    }).catch(function (error) {
      status.textContent = "The search index could not be loaded (" + (error && error.message ? error.message : error) + ").";
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 250);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  kindSelect.addEventListener("change", run);
  actorSelect.addEventListener("change", run);

  pagefind().then(function (pf) { return pf.filters(); }).then(function (all) {
    fillSelect(kindSelect, all.kind);
    fillSelect(actorSelect, all.actor);
    facets.hidden = false;
    if (input.value.trim() || kindSelect.value || actorSelect.value) {
      run();
    }
  }).catch(function (error) {
    status.textContent = "The search index could not be loaded (" + (error && error.message ? error.message : error) + ").";
  });
  if (input.value.trim()) {
    run();
  }
})();
