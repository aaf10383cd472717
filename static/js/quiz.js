// Quiz pages: after the answers come back with errors, move focus to the error summary so
// screen readers announce it and keyboard users start from its links to the questions.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-focus-on-load]");
  if (summary) summary.focus();
});
