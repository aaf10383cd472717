/*
 * The quiz editor shows each question only the fields its type uses: the options for single and
 * multiple choice, partial credit for multiple choice, the answer for true or false, accepted
 * answers for text and number, the tolerance for number. The fields carry the types they serve
 * (data-question-kinds, courses/models/quizzes.py); hidden ones keep their values.
 */
(function () {
  "use strict";

  var KIND = /^questions-\d+-kind$/;

  function update(select) {
    var question = select.closest("[id^='inline_child_']");
    if (!question) { return; }
    question.querySelectorAll("[data-question-kinds]").forEach(function (field) {
      var kinds = field.dataset.questionKinds.split(" ");
      field.hidden = kinds.indexOf(select.value) === -1;
    });
  }

  function updateAll(root) {
    root.querySelectorAll("select[name$='-kind']").forEach(function (select) {
      if (KIND.test(select.name)) { update(select); }
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select") && KIND.test(event.target.name)) {
      update(event.target);
    }
  });
  function init() {
    updateAll(document);
    // Questions added with "Add question" come from a template: set them up as they appear.
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) { updateAll(node); }
        });
      });
    }).observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
