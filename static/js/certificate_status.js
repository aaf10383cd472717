/*
 * The certificate of a completed course, while it is being made: ask the server for its state
 * every few seconds (less often as time goes by, for at most half an hour) and show it in the
 * status region, which screen readers announce politely: only when the text changes.
 */
(function () {
  "use strict";

  var LIMIT = 30 * 60 * 1000;

  function textOf(html) {
    var box = document.createElement("div");
    box.innerHTML = html;
    return box.textContent.replace(/\s+/g, " ").trim();
  }

  function watch(region) {
    var url = region.dataset.statusUrl;
    var delay = 3000;
    var started = Date.now();
    var shown = region.textContent.replace(/\s+/g, " ").trim();
    function again() {
      delay = Math.min(delay * 1.5, 60000);
      if (Date.now() - started < LIMIT) { setTimeout(ask, delay); }
    }
    function ask() {
      fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
        .then(function (response) {
          if (response.status >= 500) { throw new Error("server"); }  // passing trouble: ask again
          return response.ok ? response.json() : null;  // 403/404: nothing to show, stop
        })
        .then(function (status) {
          if (!status) { return; }
          if (textOf(status.html) !== shown) {
            shown = textOf(status.html);
            region.innerHTML = status.html;
          }
          if (status.waiting) { again(); }
        })
        .catch(again);
    }
    setTimeout(ask, delay);
  }

  function init() {
    document.querySelectorAll("[data-certificate-status][data-status-url]").forEach(watch);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
