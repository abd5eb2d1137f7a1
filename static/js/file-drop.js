/* A file dropped on a form marked data-file-drop is put in its file field and sent at once: the edit
   page's attachment uploads and "Importér dagsorden". Without this script the forms work as any other:
   choose the file and press the button. */
(function () {
  "use strict";

  function enable(root) {
    root.querySelectorAll("form[data-file-drop]").forEach(function (form) {
      if (form.dataset.dropReady) return;
      form.dataset.dropReady = "1";
      var input = form.querySelector("input[type=file]");
      form.addEventListener("dragover", function (event) {
        event.preventDefault();
        form.classList.add("is-dragover");
      });
      form.addEventListener("dragleave", function () {
        form.classList.remove("is-dragover");
      });
      form.addEventListener("drop", function (event) {
        event.preventDefault();
        form.classList.remove("is-dragover");
        if (!event.dataTransfer.files.length) return;
        input.files = event.dataTransfer.files;
        if (window.htmx && form.hasAttribute("hx-post")) htmx.trigger(form, "submit");
        else form.requestSubmit();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enable(document);
  });
  document.addEventListener("htmx:load", function (event) {
    enable(event.detail.elt);
  });
})();
