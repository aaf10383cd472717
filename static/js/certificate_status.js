/*
 * The certificate of a completed course, while it is being made: ask the server for its state
 * every few seconds (less often as time goes by) and show it in the status region, which screen
 * readers announce politely. Stops once the certificate is ready (or cannot change by itself).
 */
(function () {
  "use strict";

  function watch(region) {
    var url = region.dataset.statusUrl;
    var delay = 3000;
    var started = Date.now();
    function ask() {
      fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (status) {
          if (status && status.html !== undefined && status.html !== region.dataset.shown) {
            region.dataset.shown = status.html;
            region.innerHTML = status.html;
          }
          if (status && status.waiting && Date.now() - started < 30 * 60 * 1000) {
            delay = Math.min(delay * 1.5, 60000);
            setTimeout(ask, delay);
          }
        })
        .catch(function () { setTimeout(ask, Math.min(delay * 2, 60000)); });
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
