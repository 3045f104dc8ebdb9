// Names for screen readers on the widgets Django's admin builds in the browser, which it leaves
// without one (axe: aria-input-field-name, aria-prohibited-attr): an autocomplete box is named
// by its field's label and then says what is chosen; the search icon of a two-list picker
// is an image named by its words. Run after the admin's own scripts have built the widgets, on
// the page and in each inline row added.
(function () {
  "use strict";

  function labelFor(select) {
    var label = document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/[:\s]+$/, "").trim() : "";
  }

  function name(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var words = labelFor(select);
      var box = select.parentNode.querySelector(".select2-selection");
      if (!words || !box) {
        return;
      }
      var shown = box.querySelector(".select2-selection__rendered");
      box.setAttribute("aria-label", words);
      if (shown) {
        shown.setAttribute("aria-label", words);
        if (shown.id) {
          // The box's name is the field's, then what is chosen.
          var label = document.querySelector('label[for="' + select.id + '"]');
          if (!label.id) {
            label.id = select.id + "-label";
          }
          box.setAttribute("aria-labelledby", label.id + " " + shown.id);
        }
      }
    });
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function later(root) {
    window.setTimeout(function () {
      name(root);
    }, 0);
  }

  window.addEventListener("load", function () {
    later(document);
  });
  document.addEventListener("formset:added", function (event) {
    later(event.target);
  });
})();
