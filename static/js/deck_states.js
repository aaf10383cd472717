/*
 * The slide deck list refreshes the state of decks still being rendered (pending, processing)
 * every few seconds, and says politely when one is ready or has failed. The state labels come
 * from the server, in the admin's language.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var WAITING = ["pending", "processing"];
  var EVERY_MS = 4000;

  function init() {
    var url = script && script.dataset.statesUrl;
    var cells = Array.prototype.slice.call(document.querySelectorAll("[data-deck-state]"));
    if (!url || !cells.length) { return; }
    var announcer = document.createElement("div");
    announcer.setAttribute("role", "status");
    announcer.className = "w-sr-only";
    document.body.appendChild(announcer);

    function waiting() {
      return cells.filter(function (cell) { return WAITING.indexOf(cell.dataset.state) !== -1; });
    }

    function refresh() {
      var pending = waiting();
      if (!pending.length) { return; }
      var query = pending.map(function (cell) { return "id=" + encodeURIComponent(cell.dataset.deckState); });
      fetch(url + "?" + query.join("&"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (states) {
          var news = [];
          pending.forEach(function (cell) {
            var state = states[cell.dataset.deckState];
            if (!state || state.state === cell.dataset.state) { return; }
            cell.dataset.state = state.state;
            cell.textContent = state.label;
            if (WAITING.indexOf(state.state) === -1) { news.push(cell.dataset.title + ": " + state.label); }
          });
          if (news.length) { announcer.textContent = news.join(". "); }
        })
        .catch(function () {})
        .then(function () { if (waiting().length) { window.setTimeout(refresh, EVERY_MS); } });
    }
    window.setTimeout(refresh, EVERY_MS);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
