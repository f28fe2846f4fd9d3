/*
 * Ritsen: small progressive enhancements. Every page works without this file.
 *
 * - <form data-confirm="Message">: ask before submitting. Destructive actions also
 *   have a server-side confirmation page (or are safe), so this is only a shortcut.
 * - After a failed form submission, move focus to the error summary so keyboard
 *   and screen-reader users land on the list of problems.
 */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }
})();
