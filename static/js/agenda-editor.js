/* The secretariat's agenda editor: drag and drop of items (SortableJS), drag and drop of files onto
   an item's upload form, upload progress, and focus after the agenda is redrawn. Everything also
   works with the buttons and forms alone. */
(function () {
  "use strict";

  function moveItem(event) {
    var item = event.item;
    var list = event.to;
    if (event.from === list && event.oldDraggableIndex === event.newDraggableIndex) return;
    htmx.ajax("POST", item.dataset.moveUrl, {
      target: "#agenda-editor",
      swap: "outerHTML",
      // Among the items only: an empty section's "Ingen punkter endnu." line does not count.
      values: { section: list.dataset.sectionId, position: event.newDraggableIndex + 1 },
    });
  }

  function enableSorting(root) {
    if (typeof Sortable === "undefined") return;
    root.querySelectorAll(".edit-items").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "1";
      Sortable.create(list, {
        group: "agenda-items",
        handle: ".drag-handle",
        draggable: ".edit-item",
        animation: 150,
        onEnd: moveItem,
      });
    });
  }

  function enableUploads(root) {
    root.querySelectorAll("form[data-upload]").forEach(function (form) {
      if (form.dataset.uploadReady) return;
      form.dataset.uploadReady = "1";
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
        htmx.trigger(form, "submit");
      });
      form.addEventListener("htmx:xhr:progress", function (event) {
        var progress = form.querySelector("progress");
        if (!event.detail.lengthComputable) return;
        progress.hidden = false;
        progress.value = (event.detail.loaded / event.detail.total) * 100;
      });
    });
  }

  function focusChanged(root) {
    var editor = root.id === "agenda-editor" ? root : root.querySelector("#agenda-editor");
    if (!editor || !editor.dataset.focus) return;
    var heading = document.getElementById(editor.dataset.focus + "-titel");
    if (heading) {
      heading.focus();
      heading.scrollIntoView({ block: "nearest" });
    }
  }

  // Publishing with unsaved edits would publish without them: say so before it happens.
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("form[data-publish]")) return;
    if (!document.querySelector("form.is-dirty")) return;
    event.preventDefault();
    if (window.confirm(form.dataset.unsavedQuestion)) event.detail.issueRequest(true);
  });

  htmx.onLoad(function (root) {
    enableSorting(root);
    enableUploads(root);
    focusChanged(root);
  });
})();
