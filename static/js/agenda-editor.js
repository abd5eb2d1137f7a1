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

  /* Dropping a file on an upload form: static/js/file-drop.js. Here: its progress bar. */
  function enableUploads(root) {
    root.querySelectorAll("form[data-file-drop]").forEach(function (form) {
      if (form.dataset.uploadReady) return;
      form.dataset.uploadReady = "1";
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

  // Say what is wrong at the field, as the server would, and put the focus there.
  function showFieldError(field, message) {
    var id = field.id + "_error";
    var old = document.getElementById(id);
    if (old) old.remove();
    var list = document.createElement("ul");
    list.className = "errorlist";
    list.id = id;
    var line = document.createElement("li");
    line.textContent = message;
    list.appendChild(line);
    field.parentNode.appendChild(list);
    field.setAttribute("aria-invalid", "true");
    var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(id) < 0) field.setAttribute("aria-describedby", described.concat(id).join(" "));
    field.focus();
  }

  // Before publishing: a missing change note is reported first; then one question covers an odd
  // sending date (after the meeting, before the previous version) and unsaved edits, which would
  // not be published. The server checks the note and the date too.
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("form[data-publish]")) return;
    event.preventDefault();
    var note = form.elements.change_note;
    if (note && !note.value.trim() && form.dataset.missingNote) {
      showFieldError(note, form.dataset.missingNote);
      return;
    }
    var questions = [];
    var sentOn = form.elements.sent_on.value; // yyyy-mm-dd: compared as text
    var confirmed = form.elements.confirm_date && form.elements.confirm_date.checked;
    var oddDate = false;
    if (sentOn && !confirmed) {
      if (sentOn > form.dataset.meetingDate) questions.push(form.dataset.afterMeetingQuestion);
      else if (form.dataset.previousSentOn && sentOn < form.dataset.previousSentOn) {
        questions.push(form.dataset.beforePreviousQuestion);
      }
      oddDate = questions.length > 0;
    }
    if (document.querySelector("form.is-dirty")) questions.push(form.dataset.unsavedQuestion);
    if (!questions.length) questions.push(event.detail.question);
    if (!window.confirm(questions.join("\n\n"))) return;
    if (oddDate && !confirmed) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "confirm_date";
      input.value = "on";
      form.appendChild(input);
    }
    event.detail.issueRequest(true);
  });

  htmx.onLoad(function (root) {
    enableSorting(root);
    enableUploads(root);
    focusChanged(root);
  });
})();
