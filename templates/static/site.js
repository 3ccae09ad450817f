/* sitegen: behaviour shared by every page. The pages read fully without it. */
(function () {
  "use strict";
  var html = document.documentElement;
  var query = new URLSearchParams(window.location.search).get("q") || "";
  if (query && document.querySelector("[data-search-page]")) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-search-box] input[name=q]"), function (input) {
      input.value = query;
    });
  }

  /* The phone's section menu: folded behind its button by the stylesheet once scripts run. */
  var nav = document.querySelector("[data-nav]");
  var toggle = document.querySelector("[data-nav-toggle]");
  if (nav && toggle) {
    var setOpen = function (open) {
      nav.classList.toggle("open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    };
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("open")) {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  /* Light or dark: the reader's choice, remembered across pages; else the system's. */
  var themeButton = document.querySelector("[data-theme-toggle]");
  if (themeButton) {
    var system = window.matchMedia("(prefers-color-scheme: dark)");
    var isDark = function () {
      var chosen = html.getAttribute("data-theme");
      return chosen ? chosen === "dark" : system.matches;
    };
    var show = function () {
      themeButton.setAttribute("aria-pressed", isDark() ? "true" : "false");
    };
    themeButton.addEventListener("click", function () {
      var theme = isDark() ? "light" : "dark";
      html.setAttribute("data-theme", theme);
      try {
        window.localStorage.setItem("sitegen-theme", theme);
      } catch (e) {
        // Not remembered; this page still changes.
      }
      show();
    });
    system.addEventListener("change", show);
    show();
  }
})();
