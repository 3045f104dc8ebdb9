// A "Copy link" button beside a result's private link. Without JavaScript, or where the
// browser cannot copy, the link stays a plain link and the button stays hidden.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var link = document.getElementById(button.getAttribute("data-copy-link"));
    var holder = button.parentElement;
    var status = holder.querySelector("[role=status]");
    if (!link) {
      return;
    }
    holder.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(link.href).then(
        function () {
          status.textContent = button.getAttribute("data-copied");
        },
        function () {
          status.textContent = "";
          window.getSelection().selectAllChildren(link);
        }
      );
    });
  });
})();
