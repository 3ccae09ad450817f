/* Search, on every page: the box in the masthead shows results as you type ("/" goes to it from
   anywhere), and the search page lists them all with facets. Served over http(s) it searches
   the Pagefind index in pagefind/; opened from disk (file://), where a page may not fetch that
   index, it searches search/disk-index.js, a small index of titles and short texts loaded as a
   script. Both give results of the same shape: {url, title, kind, excerpt: [{text, mark}]}. */
(function () {
  "use strict";
  var html = document.documentElement;
  if (html.getAttribute("data-search") !== "yes") {
    return;  // built with --no-search: the search page says so
  }
  var siteRoot = new URL(html.getAttribute("data-root") || "./", window.location.href).href;
  var fromDisk = window.location.protocol === "file:";
  var KIND_RANK = { Event: 1, Source: 2 };

  /* Lowercase, without diacritics: "Orbán" and "orban" are the same name. Character by
     character, so that a position in the folded text is one in the original. */
  function foldChar(c) {
    return c.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").replace(/ł/gi, "l")
      .toLowerCase();
  }
  function fold(text) {
    return Array.prototype.map.call(text, foldChar).join("");
  }

  function words(term) {
    return fold(term.replace(/"/g, " ")).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  /* A name's results: the page of the actor it names first, then events, sources and the rest,
     each group in the order the index scored them. */
  function ranked(results, term) {
    var wanted = words(term).join(" ");
    function rank(r) {
      if (wanted && r.kind === "Actor" && r.names.some(function (n) { return words(n).join(" ") === wanted; })) {
        return 0;
      }
      return KIND_RANK[r.kind] || 3;
    }
    return results.map(function (r, i) { return [rank(r), i, r]; })
      .sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; })
      .map(function (x) { return x[2]; });
  }

  function pageUrl(url) {
    return new URL(url.replace(/^\/+/, ""), siteRoot).href;
  }

  /* ---------------------------------------------------------------- Pagefind, over http(s) */

  function pagefindEngine() {
    var bundle = siteRoot + "pagefind/";
    var loading = null;

    /* The index is made in parts (see parts.json): the first brings Pagefind's script, the
       others are merged into it, and a search runs over all of them. */
    function load() {
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
      var each = term && term.indexOf('"') < 0 ? term.split(/\s+/).filter(Boolean) : [];
      var whole = pf.search(term || null, { filters: chosen });
      if (each.length < 2) {
        return whole.then(function (s) { return s.results; });
      }
      return Promise.all([whole].concat(each.map(function (w) { return pf.search(w, { filters: chosen }); })))
        .then(function (found) {
          var sets = found.slice(1).map(function (s) { return new Set(s.results.map(function (r) { return r.id; })); });
          return found[0].results.filter(function (r) { return sets.every(function (s) { return s.has(r.id); }); });
        });
    }

    /* Pagefind excerpts are HTML with <mark>; only their text and marks are kept. */
    function segments(excerpt) {
      var doc = new DOMParser().parseFromString("<p>" + (excerpt || "") + "</p>", "text/html");
      return Array.prototype.map.call(doc.body.firstChild.childNodes, function (node) {
        return { text: node.textContent || "", mark: node.nodeName === "MARK" };
      });
    }

    function shape(page) {
      var meta = page.meta || {};
      return { url: pageUrl(page.url), title: meta.title || page.url, kind: meta.kind || "Page",
               names: (meta.names || "").split("|").filter(Boolean), excerpt: segments(page.excerpt) };
    }

    return {
      full: true,
      search: function (term, chosen, limit) {
        return load().then(function (pf) { return searchAll(pf, term, chosen); }).then(function (results) {
          return Promise.all(results.slice(0, limit).map(function (r) { return r.data(); })).then(function (pages) {
            return { total: results.length, results: ranked(pages.map(shape), term) };
          });
        });
      },
      filters: function () {
        return load().then(function (pf) { return pf.filters(); });
      }
    };
  }

  /* ---------------------------------------------------------------- the index for file:// */

  function diskEngine() {
    var loading = null;

    function load() {
      if (!loading) {
        loading = new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = siteRoot + "search/disk-index.js";
          script.onload = function () {
            var index = window.sitegenDiskIndex;
            index.pages.forEach(function (page) {
              page.names = [page.t].concat(page.n ? page.n.split("|") : []);
              page.folded = fold([page.t, page.names.join(" "), page.x].concat(
                page.a.map(function (i) { return index.actors[i]; })).join(" \n "));
            });
            resolve(index);
          };
          script.onerror = function () { reject(new Error("search/disk-index.js is missing")); };
          document.head.appendChild(script);
        });
      }
      return loading;
    }

    function startsWord(text, word) {
      var at = text.indexOf(word);
      while (at >= 0) {
        if (at === 0 || !/[\p{L}\p{N}]/u.test(text.charAt(at - 1))) {
          return at;
        }
        at = text.indexOf(word, at + 1);
      }
      return -1;
    }

    /* The page's short text with each word of the query marked where it begins a word. */
    function excerpt(text, wanted) {
      var folded = fold(text);
      var marks = [];
      wanted.forEach(function (w) {
        var at = startsWord(folded, w);
        if (at >= 0) {
          marks.push([at, at + w.length]);
        }
      });
      marks.sort(function (x, y) { return x[0] - y[0]; });
      var out = [];
      var pos = 0;
      marks.forEach(function (m) {
        if (m[0] < pos) {
          return;
        }
        out.push({ text: text.slice(pos, m[0]), mark: false }, { text: text.slice(m[0], m[1]), mark: true });
        pos = m[1];
      });
      out.push({ text: text.slice(pos), mark: false });
      return out;
    }

    function matches(index, page, chosen) {
      return (!chosen.kind || page.k === chosen.kind) &&
        (!chosen.actor || page.a.some(function (i) { return index.actors[i] === chosen.actor; }));
    }

    return {
      full: false,
      search: function (term, chosen, limit) {
        return load().then(function (index) {
          var wanted = words(term);
          var found = [];
          index.pages.forEach(function (page) {
            if (!matches(index, page, chosen) ||
                !wanted.every(function (w) { return startsWord(page.folded, w) >= 0; })) {
              return;
            }
            var title = fold(page.t);
            // A page whose title has the words comes before one whose text has them.
            var score = wanted.filter(function (w) { return startsWord(title, w) >= 0; }).length;
            found.push([score, found.length, page]);
          });
          found.sort(function (x, y) { return y[0] - x[0] || x[1] - y[1]; });
          var results = found.slice(0, limit).map(function (f) {
            var page = f[2];
            return { url: pageUrl(page.u), title: page.t, kind: page.k, names: page.names,
                     excerpt: excerpt(page.x, wanted) };
          });
          return { total: found.length, results: ranked(results, term) };
        });
      },
      filters: function () {
        return load().then(function (index) {
          var kinds = {};
          var actors = {};
          index.pages.forEach(function (page) {
            kinds[page.k] = (kinds[page.k] || 0) + 1;
            page.a.forEach(function (i) { actors[index.actors[i]] = (actors[index.actors[i]] || 0) + 1; });
          });
          return { kind: kinds, actor: actors };
        });
      }
    };
  }

  var engine = fromDisk ? diskEngine() : pagefindEngine();

  function resultItem(r, tag) {
    var li = document.createElement("li");
    var kind = document.createElement("span");
    kind.className = "kind-tag result-kind";
    kind.textContent = r.kind;
    var a = document.createElement("a");
    a.className = "result-title";
    a.href = r.url;
    a.textContent = r.title;
    var p = document.createElement(tag);
    p.className = "result-excerpt";
    r.excerpt.forEach(function (s) {
      if (s.mark) {
        var mark = document.createElement("mark");
        mark.textContent = s.text;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(s.text));
      }
    });
    li.appendChild(kind);
    li.appendChild(a);
    li.appendChild(p);
    return li;
  }

  function failed(error) {
    return "The search index could not be loaded (" + (error && error.message ? error.message : error) + ").";
  }

  /* ---------------------------------------------------------------- the masthead box */

  function masthead(form) {
    var input = form.querySelector("input[name=q]");
    var drop = form.querySelector("[data-search-drop]");
    var list = drop.querySelector("ol");
    var more = drop.querySelector("[data-search-more]");
    var status = form.querySelector("[data-search-drop-status]");
    var serial = 0;
    var timer = null;

    function close() {
      drop.hidden = true;
    }

    function links() {
      return Array.prototype.slice.call(drop.querySelectorAll("a"));
    }

    function show() {
      var term = input.value.trim();
      var mine = ++serial;
      if (!term) {
        close();
        status.textContent = "";
        return;
      }
      engine.search(term, {}, 8).then(function (found) {
        if (mine !== serial) {
          return;
        }
        list.textContent = "";
        found.results.forEach(function (r) { list.appendChild(resultItem(r, "span")); });
        more.href = siteRoot + "search/index.html?q=" + encodeURIComponent(term);
        more.textContent = found.total ? "All " + found.total + (found.total === 1 ? " result" : " results") + " for “" + term + "”"
          : "Nothing found for “" + term + "”";
        status.textContent = found.total + (found.total === 1 ? " result" : " results") +
          ": press the down arrow to go through them.";
        drop.hidden = false;
      }).catch(function (error) {
        status.textContent = failed(error);
      });
    }

    input.addEventListener("input", function () {
      dismissed = false;
      window.clearTimeout(timer);
      timer = window.setTimeout(show, fromDisk ? 60 : 150);
    });
    var dismissed = false;  // by Escape: focus going back to the box does not open the list again
    input.addEventListener("focus", function () {
      if (!dismissed && input.value.trim() && list.childNodes.length) {
        drop.hidden = false;
      }
    });
    form.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "Escape" && !drop.hidden) {
        close();
        dismissed = true;
        input.focus();
        event.preventDefault();
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && !drop.hidden && all.length) {
        var next = event.key === "ArrowDown" ? at + 1 : at - 1;
        if (next >= all.length) {
          next = 0;
        }
        if (next < 0) {
          input.focus();
        } else {
          all[next].focus();
        }
        event.preventDefault();
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget)) {
        close();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-search-box]"), masthead);

  /* "/" anywhere but in a field goes to the search box, as on many sites. */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented ||
        /^(INPUT|TEXTAREA|SELECT)$/.test(target.nodeName) || target.isContentEditable) {
      return;
    }
    var page = document.querySelector("[data-search-page] input[name=q]");
    var box = page || document.querySelector("[data-search-box] input[name=q]");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  /* ---------------------------------------------------------------- the search page */

  var form = document.querySelector("[data-search-page]");
  if (!form) {
    return;
  }
  var status = document.querySelector("[data-search-status]");
  var note = document.querySelector("[data-search-scope]");
  var list = document.querySelector("[data-search-results]");
  var facets = form.querySelector("[data-facets]");
  var input = form.elements.namedItem("q");
  var kindSelect = form.elements.namedItem("kind");
  var actorSelect = form.elements.namedItem("actor");
  var params = new URLSearchParams(window.location.search);
  var serial = 0;
  input.value = params.get("q") || "";
  if (fromDisk && note) {
    note.hidden = false;
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
    engine.search(term, chosen, 30).then(function (found) {
      if (mine !== serial) {
        return;
      }
      list.textContent = "";
      found.results.forEach(function (r) { list.appendChild(resultItem(r, "p")); });
      var n = found.total;
      status.textContent = n === 0 ? "Nothing found" + (term ? " for “" + term + "”." : ".")
        : n + (n === 1 ? " result" : " results") + (term ? " for “" + term + "”" : "") +
          (n > found.results.length ? "; showing the first " + found.results.length + "." : ".");
    }).catch(function (error) {
      status.textContent = failed(error);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, fromDisk ? 60 : 250);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  kindSelect.addEventListener("change", run);
  actorSelect.addEventListener("change", run);

  engine.filters().then(function (all) {
    fillSelect(kindSelect, all.kind);
    fillSelect(actorSelect, all.actor);
    facets.hidden = false;
    if (input.value.trim() || kindSelect.value || actorSelect.value) {
      run();
    }
  }).catch(function (error) {
    status.textContent = failed(error);
  });
  if (input.value.trim()) {
    run();
  }
})();
