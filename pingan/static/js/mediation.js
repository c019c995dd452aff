// Mediation pages. No inline scripts (the CSP forbids them).
(function () {
  "use strict";

  // The add-party form: show the person's fields or the organisation's, by the chosen kind.
  var ORG_FIELDS = ["org_name", "credit_code", "representative_name", "representative_phone",
    "representative_id_number"];
  var PERSON_FIELDS = ["name", "phone", "id_number", "address"];

  function applyKind(form) {
    var kind = form.querySelector("select[name=kind]");
    if (!kind) return;
    var organisation = kind.value === "organisation";
    form.querySelectorAll("[data-field]").forEach(function (wrapper) {
      var name = wrapper.getAttribute("data-field");
      var hide = (organisation && PERSON_FIELDS.indexOf(name) >= 0) ||
        (!organisation && ORG_FIELDS.indexOf(name) >= 0);
      wrapper.classList.toggle("d-none", hide);
    });
  }

  document.querySelectorAll("form[data-party-form]").forEach(applyKind);
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-party-form]");
    if (form && event.target.name === "kind") applyKind(form);
  });

  // The print page's button.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
})();
