// Petition pages. No inline scripts anywhere (the CSP forbids them).
(function () {
  "use strict";

  // Print buttons: <button data-print>.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
