// Small behaviours shared by every page. No inline scripts anywhere (the CSP forbids them).
(function () {
  "use strict";

  // Copy buttons: <button data-copy-target="#id">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var target = document.querySelector(button.getAttribute("data-copy-target"));
    if (!target || !navigator.clipboard) return;
    navigator.clipboard.writeText(target.textContent.trim()).then(function () {
      button.classList.add("btn-success");
    });
  });

  // Forms that ask before they act: <form data-confirm="...">.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  // Auto-submit selects: <select data-autosubmit>.
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]")) {
      event.target.form.requestSubmit();
    }
  });
})();
