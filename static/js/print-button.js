// A "Print this page" button where scripts run; without them it stays hidden and the
// sentence beside it (data-print-how) says how to print from the browser's own menu.
(function () {
  "use strict";
  if (typeof window.print !== "function") {
    return;
  }
  var buttons = document.querySelectorAll("[data-print]");
  buttons.forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
  if (buttons.length) {
    document.querySelectorAll("[data-print-how]").forEach(function (how) {
      how.hidden = true;
    });
  }
})();
