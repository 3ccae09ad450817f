/* sitegen: behaviour shared by every page. The pages read fully without it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var query = new URLSearchParams(window.location.search).get("q") || "";
  if (query && document.querySelector("[data-search-page]")) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-search-box] input[name=q]"), function (input) {
      input.value = query;
    });
  }
})();
