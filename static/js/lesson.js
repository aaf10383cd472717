/*
 * Lesson player: plays each video segment between its start and end, lets chapter links and
 * slides seek the video, and makes synced slides follow the video's time.
 * Works with an uploaded <video> or a YouTube embed (through the YouTube IFrame API).
 * Without JavaScript the page still shows the video, every slide and its text.
 */
(function () {
  "use strict";

  function HtmlVideoPlayer(root, video) {
    var start = parseFloat(root.dataset.start) || 0;
    var end = parseFloat(root.dataset.end) || Infinity;
    var listeners = [];
    this.root = root;
    this.seek = function (seconds) {
      video.currentTime = seconds;
      var attempt = video.play();
      if (attempt && attempt.catch) { attempt.catch(function () {}); }
    };
    this.onTime = function (callback) { listeners.push(callback); };
    video.addEventListener("loadedmetadata", function () {
      if (video.currentTime < start) { video.currentTime = start; }
    });
    video.addEventListener("timeupdate", function () {
      if (video.currentTime >= end && !video.paused) { video.pause(); }
      listeners.forEach(function (callback) { callback(video.currentTime); });
    });
    video.addEventListener("seeked", function () {
      listeners.forEach(function (callback) { callback(video.currentTime); });
    });
  }

  var youTubeReady = null;
  function loadYouTubeApi() {
    if (!youTubeReady) {
      youTubeReady = new Promise(function (resolve) {
        var previous = window.onYouTubeIframeAPIReady;
        window.onYouTubeIframeAPIReady = function () {
          if (previous) { previous(); }
          resolve(window.YT);
        };
        var script = document.createElement("script");
        script.src = "https://www.youtube.com/iframe_api";
        script.async = true;
        document.head.appendChild(script);
      });
    }
    return youTubeReady;
  }

  function YouTubePlayer(root, iframe) {
    var listeners = [];
    var player = null;
    var timer = null;
    this.root = root;
    this.seek = function (seconds) {
      if (player && player.seekTo) {
        player.seekTo(seconds, true);
        player.playVideo();
      }
    };
    this.onTime = function (callback) { listeners.push(callback); };
    loadYouTubeApi().then(function (YT) {
      player = new YT.Player(iframe, {
        events: {
          onStateChange: function (event) {
            clearInterval(timer);
            if (event.data === YT.PlayerState.PLAYING) {
              timer = setInterval(function () {
                var now = player.getCurrentTime();
                listeners.forEach(function (callback) { callback(now); });
              }, 500);
            }
          }
        }
      });
    });
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
    var slides = Array.prototype.slice.call(section.querySelectorAll("[data-slide]"));
    var timed = slides.filter(function (slide) { return slide.dataset.at !== undefined; })
      .sort(function (a, b) { return parseFloat(a.dataset.at) - parseFloat(b.dataset.at); });
    var current = null;

    function show(slide) {
      if (!slide || slide === current) { return; }
      if (current) { current.removeAttribute("aria-current"); }
      current = slide;
      slide.setAttribute("aria-current", "true");
      section.dataset.currentSlide = slide.dataset.slide;
      stageImage.src = slide.dataset.image;
      stageImage.alt = slide.querySelector("img").alt;
      stageStatus.textContent = slide.querySelector(".slide__seek, .slide__number").textContent;
    }

    if (stage) {
      stage.hidden = false;
      section.classList.add("slides--enhanced");
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
          show(slide);
          if (player) { player.seek(parseFloat(button.dataset.seek)); }
        });
      }
    });
  }

  function init() {
    var players = [];
    document.querySelectorAll("[data-player]").forEach(function (root) {
      var player = makePlayer(root);
      if (!player) { return; }
      players.push(player);
      var figure = root.closest("[data-video-segment]");
      if (figure) {
        figure.querySelectorAll("a[data-seek]").forEach(function (link) {
          link.addEventListener("click", function (event) {
            event.preventDefault();
            player.seek(parseFloat(link.dataset.seek));
          });
        });
      }
    });
    // Slides follow the lesson's first video, as the editor synced them to it.
    document.querySelectorAll("[data-slides]").forEach(function (section) {
      new SlideViewer(section, players[0] || null);
    });
    window.lessonPlayers = players;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
