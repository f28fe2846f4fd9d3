/*
 * Ritsen: small progressive enhancements. Every page works without this file.
 *
 * - <form data-confirm="Message">: ask before submitting. Destructive actions also
 *   have a server-side confirmation page (or are safe), so this is only a shortcut.
 * - After a failed form submission, move focus to the error summary so keyboard
 *   and screen-reader users land on the list of problems.
 * - <button data-print hidden>: shown, and prints the page.
 * - <button data-copy-target="id" hidden>: shown, and copies the text of the element
 *   with that id (an input's value) to the clipboard; the button says it worked.
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

  function setUpCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      if (!target) return;
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = "value" in target && target.value !== undefined ? target.value : target.textContent;
        navigator.clipboard.writeText(text.trim()).then(function () {
          button.textContent = button.getAttribute("data-copied") || label;
          window.setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  }

  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  }

  function setUpPrintButtons() {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function ready() {
    focusErrorSummary();
    setUpCopyButtons();
    setUpPrintButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
