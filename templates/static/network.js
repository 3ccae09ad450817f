/* The network drawing: pointing at an actor, or moving to it with the keyboard, picks out its
   ties and the actors at their other ends. The drawing reads fully without it. */
(function () {
  "use strict";
  var svg = document.querySelector("[data-network]");
  if (!svg) {
    return;
  }
  var edges = Array.prototype.slice.call(svg.querySelectorAll(".edge"));
  var nodes = Array.prototype.slice.call(svg.querySelectorAll(".node"));
  function slugOf(node) {
    var match = /actors\/([^/]+)\/index\.html$/.exec(node.getAttribute("href"));
    return match ? match[1] : "";
  }
  var bySlug = {};
  nodes.forEach(function (node) { bySlug[slugOf(node)] = node; });

  function clear() {
    svg.classList.remove("highlighting");
    svg.querySelectorAll(".hl").forEach(function (e) { e.classList.remove("hl"); });
  }

  function highlight(node) {
    clear();
    var slug = slugOf(node);
    svg.classList.add("highlighting");
    node.classList.add("hl");
    edges.forEach(function (edge) {
      var a = edge.getAttribute("data-a");
      var b = edge.getAttribute("data-b");
      if (a === slug || b === slug) {
        edge.classList.add("hl");
        var other = bySlug[a === slug ? b : a];
        if (other) {
          other.classList.add("hl");
        }
      }
    });
  }

  nodes.forEach(function (node) {
    node.addEventListener("mouseenter", function () { highlight(node); });
    node.addEventListener("focus", function () { highlight(node); });
    node.addEventListener("mouseleave", clear);
    node.addEventListener("blur", clear);
  });
})();
