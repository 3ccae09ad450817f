/* sitegen: behaviour shared by every page. The pages read fully without it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var fromDisk = window.location.protocol === "file:";
  var boxes = document.querySelectorAll("[data-search-box]");
  var query = new URLSearchParams(window.location.search).get("q") || "";
  Array.prototype.forEach.call(boxes, function (form) {
    var input = form.querySelector("input[name=q]");
    var note = form.querySelector("[data-search-note]");
    if (input && query && document.querySelector("[data-search-page]")) {
      input.value = query;
    }
    if (fromDisk && note) {
      // Browsers refuse to load the search index from file://; say so instead of failing silently.
      note.textContent = "Search works only when the site is served over http(s), not opened from disk.";
      note.hidden = false;
      if (input) {
        input.disabled = true;
        input.placeholder = "Search unavailable from disk";
      }
      var button = form.querySelector("button");
      if (button) {
        button.disabled = true;
      }
    }
  });
})();
