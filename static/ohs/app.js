// OHS Online page behaviour. Loaded as a file: the CSP forbids inline scripts.
(function () {
  "use strict";
  // Submit a form when one of its selects marked data-ohs-autosubmit changes (language switch).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-ohs-autosubmit")) {
      target.form.submit();
    }
  });
  // The collapsed menu on phones.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-ohs-toggle]");
    if (!button) { return; }
    var panel = document.getElementById(button.getAttribute("data-ohs-toggle"));
    if (panel) {
      var open = panel.classList.toggle("show");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
  });
  // Confirm before a button marked data-ohs-confirm submits.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.hasAttribute("data-ohs-confirm") && !window.confirm(button.getAttribute("data-ohs-confirm"))) {
      event.preventDefault();
    }
  });
})();
