/* Loaded in <head>, not deferred, so that it runs before the page is drawn: the reader's colour
   theme (chosen with the masthead's button, kept in localStorage) is in place at the first
   paint, and the "js" class folds the phone's section menu from the start. */
(function () {
  "use strict";
  var html = document.documentElement;
  html.classList.add("js");
  try {
    var theme = window.localStorage.getItem("sitegen-theme");
    if (theme === "light" || theme === "dark") {
      html.setAttribute("data-theme", theme);
    }
  } catch (e) {
    // Storage refused (a private window, a policy): the system's theme applies.
  }
})();
