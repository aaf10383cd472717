/*
 * The media library's upload form (a recording of 1-2 GB): the size is checked before sending,
 * and the upload shows its progress (a progress bar, and a status line that screen readers
 * announce every 10%). The strings come from the form, in the admin's language. Without
 * JavaScript the form posts as usual.
 */
(function () {
  "use strict";

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(bytes < 10485760 ? 1 : 0) + " MB";
  }

  function init() {
    var input = document.querySelector("input[type=file][data-max-size]");
    if (!input || !input.form || !window.FormData || !window.XMLHttpRequest) { return; }
    var form = input.form;
    var max = parseInt(input.dataset.maxSize, 10);
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.hidden = true;
    bar.setAttribute("aria-label", input.dataset.progressLabel || "");
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "help-block";
    input.insertAdjacentElement("afterend", status);
    input.insertAdjacentElement("afterend", bar);

    function tooLarge(file) {
      return input.dataset.tooLarge.replace("%(size)s", megabytes(file.size))
        .replace("%(limit)s", input.dataset.limitText);
    }

    input.addEventListener("change", function () {
      var file = input.files[0];
      var message = file && file.size > max ? tooLarge(file) : "";
      input.setCustomValidity(message);
      status.textContent = message;
    });

    var sending = false;
    form.addEventListener("submit", function (event) {
      var file = input.files[0];
      if (sending) { event.preventDefault(); return; }  // a second click would send it all again
      if (!file || file.size > max) { return; }
      event.preventDefault();
      sending = true;
      var target = form.action || window.location.href;
      var xhr = new XMLHttpRequest();
      var announced = -10;
      xhr.open("POST", target);
      xhr.upload.addEventListener("progress", function (progress) {
        if (!progress.lengthComputable) { return; }
        var percent = Math.floor(100 * progress.loaded / progress.total);
        bar.hidden = false;
        bar.value = percent;
        if (percent >= announced + 10 || percent === 100) {
          announced = percent;
          status.textContent = input.dataset.progressText.replace("%(percent)s", percent + "%")
            .replace("%(sent)s", megabytes(progress.loaded)).replace("%(total)s", megabytes(progress.total));
        }
      });
      xhr.addEventListener("load", function () {
        if (xhr.responseURL && xhr.responseURL.split("#")[0] !== new URL(target, window.location.href).href) {
          window.location.assign(xhr.responseURL);  // saved: Wagtail redirected to the library
        } else {
          document.open();  // the form again, with what was wrong
          document.write(xhr.responseText);
          document.close();
        }
      });
      xhr.addEventListener("error", function () {
        sending = false;
        status.textContent = input.dataset.failedText;
      });
      xhr.send(new FormData(form));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
