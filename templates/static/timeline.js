/* Timeline filter: by actor and by kind of event, in the page, no server. */
(function () {
  "use strict";
  var form = document.querySelector("[data-timeline-filter]");
  if (!form) {
    return;
  }
  var actorSelect = form.elements.namedItem("actor");
  var kindSelect = form.elements.namedItem("kind");
  var items = Array.prototype.slice.call(document.querySelectorAll(".tl-event"));
  var months = Array.prototype.slice.call(document.querySelectorAll(".tl-month"));
  var years = Array.prototype.slice.call(document.querySelectorAll(".tl-year"));
  var status = form.querySelector("[data-filter-status]");
  var empty = document.querySelector("[data-filter-empty]");

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }

  function anyVisible(group) {
    return group.querySelector(".tl-event:not([hidden])") !== null;
  }

  function apply(updateAddress) {
    var actor = actorSelect.value;
    var kind = kindSelect.value;
    var shown = 0;
    items.forEach(function (item) {
      var actors = " " + (item.getAttribute("data-actors") || "") + " ";
      var match = (!actor || actors.indexOf(" " + actor + " ") !== -1) &&
                  (!kind || item.getAttribute("data-kind") === kind);
      item.hidden = !match;
      if (match) {
        shown += 1;
      }
    });
    months.forEach(function (m) { m.hidden = !anyVisible(m); });
    years.forEach(function (y) { y.hidden = !anyVisible(y); });
    if (actor || kind) {
      status.textContent = "Showing " + shown + " of " + items.length + " events.";
    } else {
      status.textContent = "Showing all " + items.length + " events.";
    }
    if (empty) {
      empty.hidden = shown > 0;
    }
    if (updateAddress && window.history && window.history.replaceState) {
      var params = new URLSearchParams();
      if (actor) { params.set("actor", actor); }
      if (kind) { params.set("kind", kind); }
      var qs = params.toString();
      try {
        window.history.replaceState(null, "", qs ? "?" + qs : window.location.pathname);
      } catch (e) {
        /* some browsers refuse this for file:// pages; the filter still works */
      }
    }
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get("actor") && hasOption(actorSelect, params.get("actor"))) {
    actorSelect.value = params.get("actor");
  }
  if (params.get("kind") && hasOption(kindSelect, params.get("kind"))) {
    kindSelect.value = params.get("kind");
  }
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.hidden = false;
  apply(false);
})();
