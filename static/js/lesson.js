/*
 * Lesson player: plays each video segment between its start and end, lets chapter links and
 * slides seek the video, and makes synced slides follow the video's time.
 * Works with an uploaded <video> or a YouTube embed (through the YouTube IFrame API).
 * Without JavaScript the page still shows the video, every slide and its text.
 */
(function () {
  "use strict";

  // Ranges of media time really played. A range grows while successive readings during playback
  // are close together; a seek (or a pause) closes it, so skipped time is never counted.
  function RangeRecorder() {
    var ranges = [];
    var last = null;
    this.record = function (now) {
      if (last !== null && now >= last[1] && now - last[1] < 3) {
        last[1] = now;
      } else {
        last = [now, now];
        ranges.push(last);
      }
    };
    this.interrupt = function () { last = null; };
    this.ranges = function () {
      return ranges.filter(function (range) { return range[1] > range[0]; })
        .map(function (range) { return [range[0], range[1]]; });
    };
  }

  function HtmlVideoPlayer(root, video) {
    var start = parseFloat(root.dataset.start) || 0;
    var end = parseFloat(root.dataset.end) || Infinity;
    var resume = parseFloat(root.dataset.resume);
    var listeners = [];
    var self = this;
    this.root = root;
    this.onPause = null;
    this.position = function () { return video.currentTime; };
    this.isPlaying = function () { return !video.paused && !video.ended; };
    // What was really played, from the playback itself: a seek closes the current range, so
    // jumping ahead adds nothing. (video.played is not used: Chromium counts a seek made
    // before playback starts as played.)
    var recorder = new RangeRecorder();
    this.playedRanges = recorder.ranges;
    video.addEventListener("seeking", recorder.interrupt);
    video.addEventListener("timeupdate", function () {
      if (!video.paused && !video.seeking) { recorder.record(video.currentTime); }
    });
    video.addEventListener("pause", function () { if (self.onPause) { self.onPause(); } });
    video.addEventListener("error", function () { showUnavailable(self); });
    video.addEventListener("loadeddata", function () { showAvailable(self); });
    this.seek = function (seconds) {
      resume = NaN;  // the learner chose where to play: the saved place no longer applies
      video.currentTime = seconds;
      var attempt = video.play();
      if (attempt && attempt.catch) { attempt.catch(function () {}); }
      return true;
    };
    this.onTime = function (callback) { listeners.push(callback); };
    function toStartOrResume() {
      if (resume > start && resume < end - 2) {
        video.currentTime = resume;  // come back exactly where the learner left off
      } else if (video.currentTime < start) {
        video.currentTime = start;
      }
    }
    // The metadata may have loaded before this (deferred) script ran.
    if (video.readyState >= 1) { toStartOrResume(); } else { video.addEventListener("loadedmetadata", toStartOrResume); }
    video.addEventListener("timeupdate", function () {
      if (video.currentTime >= end && !video.paused) { video.pause(); }
      listeners.forEach(function (callback) { callback(video.currentTime); });
    });
    video.addEventListener("seeked", function () {
      // The native timeline shows the whole recording: a seek outside the segment comes back to
      // its nearer edge, so no frame from another lesson's part is left on screen.
      // (Not when the file is shorter than the segment's start: the seek would be cut back and
      // come here again for ever.)
      if (video.currentTime < start - 0.25 && start < video.duration - 0.25) {
        video.currentTime = start;
        return;
      }
      if (video.currentTime > end + 0.25) {
        video.pause();
        video.currentTime = end;
        return;
      }
      listeners.forEach(function (callback) { callback(video.currentTime); });
    });
    // The segment's own time beside the native controls ("0:12 / 1:00"), for sighted learners:
    // the controls' accessible time stays the recording's.
    if (end !== Infinity) {
      var clock = document.createElement("p");
      clock.className = "player__segment-time";
      clock.setAttribute("aria-hidden", "true");
      var total = format(end - start);
      var tick = function () {
        clock.textContent = format(Math.min(Math.max(video.currentTime - start, 0), end - start)) + " / " + total;
      };
      tick();
      video.addEventListener("timeupdate", tick);
      video.addEventListener("seeked", tick);
      video.insertAdjacentElement("afterend", clock);
    }
  }

  function format(seconds) {
    seconds = Math.floor(seconds);
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
  }

  // How long a player may take to load before the learner is told it did not (a network that
  // blocks YouTube often lets the request hang rather than fail).
  var LOAD_TIMEOUT = 10000;

  var youTubeReady = null;
  function loadYouTubeApi() {
    if (!youTubeReady) {
      youTubeReady = new Promise(function (resolve, reject) {
        var previous = window.onYouTubeIframeAPIReady;
        window.onYouTubeIframeAPIReady = function () {
          if (previous) { previous(); }
          resolve(window.YT);
        };
        var script = document.createElement("script");
        script.src = "https://www.youtube.com/iframe_api";
        script.async = true;
        script.onerror = reject;  // a refused request; a hanging one is left to the players' timers
        document.head.appendChild(script);
      });
    }
    return youTubeReady;
  }

  // The player did not load (YouTube blocked, the file unreachable): say so beside it, open the
  // lesson's "the video does not play?" help with what can complete the lesson instead, and keep
  // the chapter links on the page (see init).
  function showUnavailable(player) {
    if (player.unavailable) { return; }
    player.unavailable = true;
    var root = player.root;
    root.classList.add("player--unavailable");
    var note = document.createElement("p");
    note.className = "player__unavailable";
    note.setAttribute("role", "status");
    note.textContent = root.dataset.unavailableText || "";
    root.insertBefore(note, root.firstChild);
    var help = document.querySelector("[data-video-fallback]");
    if (help && !help.open) { help.open = true; player.openedHelp = help; }
  }

  // A player declared unavailable that loads after all (a slow line): take the note back.
  function showAvailable(player) {
    if (!player.unavailable) { return; }
    player.unavailable = false;
    player.root.classList.remove("player--unavailable");
    var note = player.root.querySelector(".player__unavailable");
    if (note) { note.remove(); }
    if (player.openedHelp) { player.openedHelp.open = false; player.openedHelp = null; }
  }

  // Calls `callback` once the element is (nearly) in view: a lazy iframe further down the page
  // does not load before that, so its time to load counts from then.
  function whenInView(element, callback) {
    if (!("IntersectionObserver" in window)) { callback(); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        callback();
      }
    }, {rootMargin: "200px"});
    observer.observe(element);
  }

  function YouTubePlayer(root, iframe) {
    var listeners = [];
    var player = null;
    var ready = false;
    var timer = null;
    var recorder = new RangeRecorder();
    var resume = parseFloat(root.dataset.resume);
    var self = this;
    this.root = root;
    this.onPause = null;
    this.position = function () { return ready ? player.getCurrentTime() : 0; };
    this.isPlaying = function () { return timer !== null; };
    this.playedRanges = recorder.ranges;
    var record = recorder.record;
    // Until the YouTube API has loaded (or if it is blocked) seeking is not possible: return
    // false so that chapter links keep their plain youtube.com behaviour.
    this.seek = function (seconds) {
      if (!ready) { return false; }
      player.seekTo(seconds, true);
      player.playVideo();
      return true;
    };
    this.onTime = function (callback) { listeners.push(callback); };
    var notLoaded = function () { if (!ready) { showUnavailable(self); } };
    // Not loaded within LOAD_TIMEOUT of coming into view: the learner is told (and told otherwise
    // if it loads later). The API is used whenever it arrives, even late.
    whenInView(root, function () { setTimeout(notLoaded, LOAD_TIMEOUT); });
    loadYouTubeApi().then(function (YT) {
      player = new YT.Player(iframe, {
        events: {
          onReady: function () {
            ready = true;
            showAvailable(self);
            if (resume > 0) { player.seekTo(resume, true); player.pauseVideo(); }
          },
          onStateChange: function (event) {
            clearInterval(timer);
            timer = null;
            recorder.interrupt();
            if (event.data === YT.PlayerState.PLAYING) {
              timer = setInterval(function () {
                var now = player.getCurrentTime();
                record(now);
                listeners.forEach(function (callback) { callback(now); });
              }, 500);
            } else if (self.onPause) {
              self.onPause();
            }
          }
        }
      });
    }, notLoaded);
  }

  function makePlayer(root) {
    var video = root.querySelector("video");
    if (video) { return new HtmlVideoPlayer(root, video); }
    var iframe = root.querySelector("iframe");
    if (iframe && root.dataset.youtubeId) { return new YouTubePlayer(root, iframe); }
    return null;
  }

  function SlideViewer(section, player) {
    var stage = section.querySelector("[data-slide-stage]");
    var stageImage = section.querySelector("[data-stage-image]");
    var stageStatus = section.querySelector("[data-stage-status]");
    var stageAnnounce = section.querySelector("[data-stage-announce]");
    var stageTextBox = section.querySelector("[data-stage-text-box]");
    var stageText = section.querySelector("[data-stage-text]");
    var slides = Array.prototype.slice.call(section.querySelectorAll("[data-slide]"));
    var timed = slides.filter(function (slide) { return slide.dataset.at !== undefined; })
      .sort(function (a, b) { return parseFloat(a.dataset.at) - parseFloat(b.dataset.at); });
    var current = null;

    // `announce` is set when the learner chose the slide; changes that follow the playing video
    // are not announced, so screen readers are not interrupted during the recording.
    function show(slide, announce) {
      if (!slide || slide === current) { return; }
      if (current) { current.removeAttribute("aria-current"); }
      current = slide;
      slide.setAttribute("aria-current", "true");
      section.dataset.currentSlide = slide.dataset.slide;
      stageImage.src = slide.dataset.image;
      stageImage.alt = "";  // the status below names the slide, and its text follows
      stageStatus.textContent = slide.querySelector(".slide__seek, .slide__number").textContent;
      if (announce && stageAnnounce) { stageAnnounce.textContent = stageStatus.textContent; }
      var text = slide.querySelector(".slide__text div");
      if (stageTextBox) {
        stageTextBox.hidden = !text;
        stageText.innerHTML = text ? text.innerHTML : "";
      }
    }

    if (stage) {
      stage.hidden = false;
      section.classList.add("slides--enhanced");
      // The strip shows small images: load the thumbnails instead of the full slides.
      slides.forEach(function (slide) {
        var image = slide.querySelector("img");
        if (image && slide.dataset.thumbnail) { image.src = slide.dataset.thumbnail; }
      });
      show(timed[0] || slides[0]);
    }
    if (player && timed.length) {
      player.onTime(function (seconds) {
        var match = null;
        for (var i = 0; i < timed.length; i++) {
          if (parseFloat(timed[i].dataset.at) <= seconds + 0.5) { match = timed[i]; } else { break; }
        }
        show(match || timed[0]);
      });
    }
    slides.forEach(function (slide) {
      var button = slide.querySelector("[data-seek]");
      if (button) {
        button.addEventListener("click", function () {
          show(slide, true);
          if (player) { player.seek(parseFloat(button.dataset.seek)); }
        });
      }
    });
  }

  // The syllabus beside the lesson ticks the lesson just completed, as a reload would show it.
  function tickInSyllabus(lesson) {
    var nav = document.querySelector(".syllabus-nav");
    var item = nav && nav.querySelector("[data-step='" + lesson + "']");
    if (!item || item.classList.contains("syllabus-nav--done")) { return; }
    item.classList.add("syllabus-nav--done");
    var label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = " (" + nav.dataset.completedLabel + ")";
    var tick = document.createElement("span");
    tick.setAttribute("aria-hidden", "true");
    tick.textContent = "✓";
    item.appendChild(document.createTextNode(" "));
    item.appendChild(label);
    item.appendChild(tick);
  }

  // Saves the learner's position and played ranges: every 15 s while playing, on pause, and
  // when the page is hidden. The server merges ranges, so repeats and two tabs are harmless.
  function ProgressTracker(article, player) {
    var url = article.dataset.progressUrl;
    var lesson = parseInt(article.dataset.lesson, 10);
    var segment = player.root.dataset.segment;
    var tokenInput = article.querySelector("[name=csrfmiddlewaretoken]");
    var status = article.querySelector("[data-lesson-status]");
    var lastSent = "";
    function save() {
      var payload = JSON.stringify({
        lesson: lesson, segment: segment, position: player.position(), ranges: player.playedRanges()
      });
      if (payload === lastSent) { return; }
      lastSent = payload;
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        keepalive: true,
        headers: {"Content-Type": "application/json", "X-CSRFToken": tokenInput ? tokenInput.value : ""},
        body: payload
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (data) {
        if (data && data.completed && status && !status.dataset.done) {
          status.dataset.done = "1";
          status.textContent = status.dataset.completedText;
          article.dataset.completed = "true";
          tickInSyllabus(lesson);
        }
      }).catch(function () { lastSent = ""; });  // offline: try again next time
    }
    setInterval(function () { if (player.isPlaying()) { save(); } }, 15000);
    player.onPause = save;
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { save(); }
    });
    this.save = save;
  }

  function init() {
    var players = [];
    // The learner's place in the lesson is on the article (the body is the same for everyone);
    // the player of that segment starts there.
    var placed = document.querySelector("[data-lesson][data-resume-segment]");
    if (placed) {
      document.querySelectorAll("[data-player][data-segment]").forEach(function (root) {
        if (root.dataset.segment === placed.dataset.resumeSegment) { root.dataset.resume = placed.dataset.resume; }
      });
    }
    document.querySelectorAll("[data-player]").forEach(function (root) {
      var player = makePlayer(root);
      if (!player) { return; }
      players.push(player);
      var figure = root.closest("[data-video-segment]");
      if (figure) {
        figure.querySelectorAll("a[data-seek]").forEach(function (link) {
          link.addEventListener("click", function (event) {
            if (player.seek(parseFloat(link.dataset.seek))) {
              event.preventDefault();
            } else if (player.unavailable) {
              // The video's site cannot be reached either: stay here, at the help.
              event.preventDefault();
              var help = document.querySelector("[data-video-fallback]");
              if (help) { help.open = true; help.querySelector("summary").focus(); }
            }
          });
        });
      }
    });
    // Slides follow the nearest video segment before them in the lesson: the one the editor
    // synced them to (normally the segment right above, shown beside them).
    document.querySelectorAll("[data-slides]").forEach(function (section) {
      var preceding = null;
      players.forEach(function (player) {
        if (player.root.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING) {
          preceding = player;
        }
      });
      new SlideViewer(section, preceding);
    });
    var article = document.querySelector("[data-lesson][data-progress-url]");
    if (article) {
      players.forEach(function (player) {
        if (player.root.dataset.segment) { player.tracker = new ProgressTracker(article, player); }
      });
    }
    window.lessonPlayers = players;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
