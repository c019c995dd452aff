// Work orders, staff pages: the quick-entry assist panel and the case page's action forms.
// Loaded as a file (the CSP allows no inline script); htmx does the requests, this only wires
// what htmx attributes cannot say without eval (which the page's htmx config turns off).
(function () {
  "use strict";

  var ASSIST_DELAY_MS = 600;
  var assistTimer = null;

  // The assist panel (duplicates, suggested departments) refreshes a moment after the operator
  // stops typing in any field that feeds it; one timer for all of them, so a burst of typing
  // costs one request.
  function scheduleAssist() {
    var panel = document.getElementById("intake-assist");
    if (!panel || !window.htmx) return;
    window.clearTimeout(assistTimer);
    assistTimer = window.setTimeout(function () {
      window.htmx.trigger(panel, "assist");
    }, ASSIST_DELAY_MS);
  }

  function onFieldEvent(event) {
    var field = event.target;
    if (field && field.matches && field.matches("#intake-form [data-assist]")) {
      scheduleAssist();
    }
  }
  document.addEventListener("input", onFieldEvent);
  document.addEventListener("change", onFieldEvent);

  document.addEventListener("click", function (event) {
    // Cancel an action form: empty the panel it was loaded into.
    var close = event.target.closest("[data-close-panel]");
    if (close) {
      var panel = close.closest("#action-panel");
      if (panel) panel.innerHTML = "";
      return;
    }
    // A suggested department fills the department picker.
    var pick = event.target.closest("[data-pick-department]");
    if (pick) {
      var form = pick.closest("form");
      var select = form && form.querySelector("select[name=department]");
      if (select) {
        select.value = pick.getAttribute("data-pick-department");
        form.querySelectorAll("[data-pick-department]").forEach(function (item) {
          item.classList.toggle("pa-picked", item === pick);
        });
      }
    }
  });

  // Picking a department by hand un-highlights the suggestions that no longer match.
  document.addEventListener("change", function (event) {
    if (!event.target.matches("select[name=department]")) return;
    var form = event.target.closest("form");
    form.querySelectorAll("[data-pick-department]").forEach(function (item) {
      item.classList.toggle("pa-picked", item.getAttribute("data-pick-department") === event.target.value);
    });
  });

  function revealAlerts() {
    var alerts = document.getElementById("page-alerts");
    if (alerts && alerts.firstElementChild) {
      alerts.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target) return;
    if (target.id === "action-panel") {
      var first = target.querySelector("textarea, select, input:not([type=hidden])");
      if (first) first.focus({ preventScroll: false });
    } else if (target.id === "page-alerts") {
      revealAlerts();
    }
  });
  document.addEventListener("htmx:oobAfterSwap", revealAlerts);
})();
