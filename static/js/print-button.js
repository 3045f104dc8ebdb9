// A "Print this page" button where scripts run; without them it stays hidden and the
// sentence beside it (data-print-how) says how to print from the browser's own menu.
(function () {
  "use strict";
  if (typeof window.print !== "function") {
    return;
  }
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    document.querySelectorAll("[data-print-how]").forEach(function (how) {
      how.hidden = true;
    });
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
