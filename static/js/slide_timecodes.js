/*
 * Slide timecodes in the lesson editor (the "slides" block, courses/blocks.py):
 * - a new timecode row is numbered by itself: the slide after the row before it (1 for the first);
 * - each row shows the thumbnail of its slide, from the chosen deck, and follows a change of the
 *   number or of the deck;
 * - when the video segment before the slides plays an uploaded recording, a player is shown above
 *   the timecodes, starting at the segment's start, and each row has a button that takes the time
 *   from it. A YouTube recording is not played in the editor: its times are typed.
 * The server still checks everything (SlidesBlock.clean); this only saves typing and mistakes.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var THUMBNAILS_URL = script.dataset.thumbnailsUrl; // ends in /0/thumbnails/
  var PLAYER_URL = script.dataset.playerUrl; // ends in /0/player/
  var TEXT = JSON.parse(script.dataset.text);
  var SLIDE = /^(.+)-value-timecodes-(\d+)-value-slide$/;
  var decks = {}; // deck id -> promise of {state, pages, thumbnails}
  var parts = {}; // recording part id -> promise of {video, poster, youtube}

  function url(template, id) {
    return template.replace("/0/", "/" + encodeURIComponent(id) + "/");
  }

  // Answers are kept for the page's life, except a failed request or a deck still being
  // rendered, which are asked again next time.
  function fetchJSON(address, cache, id) {
    if (!cache[id]) {
      cache[id] = fetch(address, {credentials: "same-origin", headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; })
        .then(function (answer) {
          if (!answer || (answer.state && answer.state !== "ready")) { delete cache[id]; }
          return answer;
        });
    }
    return cache[id];
  }

  function format(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  function parse(text) {
    var parts = String(text || "").trim().split(":");
    if (!parts[0] || parts.length > 3 || parts.some(function (p) { return !/^\d+$/.test(p); })) {
      return null;
    }
    return parts.reduce(function (total, part) { return total * 60 + Number(part); }, 0);
  }

  function setValue(input, value) {
    input.value = value;
    input.dispatchEvent(new Event("input", {bubbles: true}));
    input.dispatchEvent(new Event("change", {bubbles: true}));
  }

  // The slides block a slide-number input belongs to, by its name ("body-1").
  function blockPrefix(input) {
    var match = SLIDE.exec(input.name || "");
    return match ? match[1] : null;
  }

  function slideInputs(prefix) {
    return Array.prototype.filter.call(
      document.querySelectorAll("input[name^='" + prefix + "-value-timecodes-'][name$='-value-slide']"),
      function (input) { return blockPrefix(input) === prefix; }
    );
  }

  function atInput(slideInput) {
    return document.getElementById(slideInput.id.replace(/-slide$/, "-at"));
  }

  function deckId(prefix) {
    var input = document.getElementById(prefix + "-value-deck");
    return input && input.value ? input.value : null;
  }

  // The row's thumbnail, made once, after the number's field.
  function thumbnailFor(slideInput) {
    var field = slideInput.closest("[data-field]") || slideInput.parentElement;
    var figure = field.parentElement.querySelector(":scope > .slide-timecode-thumb");
    if (!figure) {
      figure = document.createElement("figure");
      figure.className = "slide-timecode-thumb";
      figure.innerHTML = '<img alt="" width="120" hidden><figcaption class="w-sr-only"></figcaption>';
      field.insertAdjacentElement("afterend", figure);
    }
    return figure;
  }

  function showThumbnail(slideInput) {
    var prefix = blockPrefix(slideInput);
    var figure = thumbnailFor(slideInput);
    var img = figure.querySelector("img");
    var caption = figure.querySelector("figcaption");
    var id = deckId(prefix);
    var number = parseInt(slideInput.value, 10);
    if (!id || !number) {
      img.hidden = true;
      caption.textContent = "";
      return;
    }
    fetchJSON(url(THUMBNAILS_URL, id), decks, id).then(function (deck) {
      if (String(parseInt(slideInput.value, 10)) !== String(number) || deckId(prefix) !== id) { return; }
      var src = deck && deck.thumbnails[String(number)];
      if (src) {
        img.src = src;
        img.alt = TEXT.slide.replace("%(number)s", number);
        img.hidden = false;
        caption.textContent = "";
      } else {
        img.hidden = true;
        img.removeAttribute("src");
        caption.textContent = deck && deck.state === "ready" ? TEXT.noSuchSlide.replace("%(pages)s", deck.pages) : "";
        caption.className = caption.textContent ? "help" : "w-sr-only";
      }
    });
  }

  // The recording part of the last video segment before the slides block, with its start.
  function segmentBefore(prefix) {
    var deck = document.getElementById(prefix + "-value-deck");
    var found = null;
    if (!deck) { return null; }
    document.querySelectorAll("input[id$='-value-recording']").forEach(function (input) {
      if (input.compareDocumentPosition(deck) & Node.DOCUMENT_POSITION_FOLLOWING && input.value) {
        found = input;
      }
    });
    if (!found) { return null; }
    var segment = found.id.replace(/-recording$/, "");
    var start = document.getElementById(segment + "-start");
    return {part: found.value, start: start ? parse(start.value) : null};
  }

  // The player above a block's timecodes (or the note that the times are typed), kept in step
  // with the segment before the block.
  function updatePlayer(prefix) {
    var firstSlide = slideInputs(prefix)[0];
    var list = firstSlide && firstSlide.closest("[data-contentpath='timecodes']");
    if (!list) { return; }
    var findBox = function () { return list.parentElement.querySelector(":scope > .slide-timecodes-player"); };
    var box = findBox();
    var segment = segmentBefore(prefix);
    if (!segment) {
      if (box) { box.remove(); }
      updateTakeButtons(prefix, null);
      return;
    }
    fetchJSON(url(PLAYER_URL, segment.part), parts, segment.part).then(function (part) {
      if (!part) { return; }
      box = findBox();  // another call may have made it meanwhile
      if (!box) {
        box = document.createElement("div");
        box.className = "slide-timecodes-player";
        list.insertAdjacentElement("beforebegin", box);
      }
      if (part.video) {
        var video = box.querySelector("video");
        if (!video || video.dataset.part !== segment.part) {
          box.innerHTML = "";
          video = document.createElement("video");
          video.controls = true;
          video.preload = "metadata";
          video.width = 400;
          video.dataset.part = segment.part;
          video.setAttribute("aria-label", TEXT.player);
          if (part.poster) { video.poster = part.poster; }
          video.src = part.video;
          var help = document.createElement("p");
          help.className = "help";
          help.textContent = TEXT.playerHelp;
          box.appendChild(video);
          box.appendChild(help);
        }
        if (segment.start !== null) {
          var seek = function () {
            if (video.currentTime < segment.start) { video.currentTime = segment.start; }
          };
          if (video.readyState >= 1) { seek(); } else { video.addEventListener("loadedmetadata", seek, {once: true}); }
        }
        updateTakeButtons(prefix, video);
      } else {
        box.innerHTML = "";
        var note = document.createElement("p");
        note.className = "help";
        note.textContent = TEXT.youtube;
        box.appendChild(note);
        updateTakeButtons(prefix, null);
      }
    });
  }

  function updateTakeButtons(prefix, video) {
    slideInputs(prefix).forEach(function (slideInput) {
      var at = atInput(slideInput);
      if (!at) { return; }
      var field = at.closest("[data-field]") || at.parentElement;
      var button = field.parentElement.querySelector(":scope > .slide-timecode-take");
      if (!video) {
        if (button) { button.remove(); }
        return;
      }
      if (!button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small button-secondary slide-timecode-take";
        button.textContent = TEXT.take;
        field.insertAdjacentElement("afterend", button);
      }
      button.onclick = function () {
        setValue(at, format(video.currentTime));
      };
    });
  }

  // Rows added by the editor: number the empty ones after the row before them.
  function numberEmptyRows(prefix) {
    var previous = 0;
    slideInputs(prefix).forEach(function (input) {
      if (!input.value) {
        setValue(input, String(previous + 1));
      }
      previous = parseInt(input.value, 10) || previous + 1;
    });
  }

  function refresh(prefix, numberRows) {
    if (numberRows) { numberEmptyRows(prefix); }
    slideInputs(prefix).forEach(showThumbnail);
    updatePlayer(prefix);
  }

  function prefixesIn(root) {
    var found = {};
    if (root.querySelectorAll) {
      root.querySelectorAll("input[name$='-value-slide']").forEach(function (input) {
        var prefix = blockPrefix(input);
        if (prefix) { found[prefix] = true; }
      });
    }
    return Object.keys(found);
  }

  var addedByEditor = false;
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("button");
    if (target && target.closest("[data-contentpath='timecodes']")) {
      addedByEditor = true; // the list's add, insert or duplicate buttons
      setTimeout(function () { addedByEditor = false; }, 1000);
    }
  }, true);

  document.addEventListener("input", function (event) {
    if (blockPrefix(event.target)) { showThumbnail(event.target); }
  });
  document.addEventListener("change", function (event) {
    var id = event.target.id || "";
    if (/-value-deck$/.test(id)) {
      refresh(id.replace(/-value-deck$/, ""), false);
    } else if (/-value-(recording|start)$/.test(id)) {
      prefixesIn(document).forEach(updatePlayer);
    }
  });

  function init() {
    prefixesIn(document).forEach(function (prefix) { refresh(prefix, false); });
    new MutationObserver(function (changes) {
      var touched = {};
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) {
            prefixesIn(node).forEach(function (prefix) { touched[prefix] = true; });
          }
        });
      });
      Object.keys(touched).forEach(function (prefix) { refresh(prefix, addedByEditor); });
    }).observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
