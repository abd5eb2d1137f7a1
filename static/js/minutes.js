// The minutes editor by keyboard: Ctrl+Enter saves a decision and moves to the next item; Alt+1, Alt+2
// and Alt+3 save one of the standard decisions. On the approval item a standard decision also makes the
// approval choice: "Godkendt." ticks it, the others untick it. "Kopiér indstillingen" puts the
// recommendation's text into the decision, as dashed lines. Every button also works with the mouse and
// without this script (then the approval is ticked by hand).
(function () {
  "use strict";
  let moveOnFrom = null;

  function card(element) {
    return element.closest(".decision-card");
  }

  function nextTextarea(from) {
    let next = from.nextElementSibling;
    while (next && !next.querySelector("[data-decision-text]")) next = next.nextElementSibling;
    return next ? next.querySelector("[data-decision-text]") : null;
  }

  function submit(form, button) {
    moveOnFrom = card(form).id;
    // A click, not requestSubmit(): htmx sends the value of the button that was clicked.
    button.click();
  }

  document.addEventListener("keydown", function (event) {
    const area = event.target.closest && event.target.closest("[data-decision-text]");
    if (!area) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit(area.form, area.form.querySelector("[data-save-next]"));
    } else if (event.altKey && ["1", "2", "3"].includes(event.key)) {
      const button = area.form.querySelector('[data-standard="' + event.key + '"]');
      if (button) {
        event.preventDefault();
        submit(area.form, button);
      }
    }
  });

  document.addEventListener("click", function (event) {
    const save = event.target.closest("[data-standard], [data-save-next]");
    if (save) moveOnFrom = card(save).id;
    const choice = save && save.dataset.approves && card(save).querySelector("[data-approval-choice]");
    if (choice) choice.checked = save.dataset.approves === "true";
    const copy = event.target.closest("[data-copy-recommendation]");
    if (!copy) return;
    const box = card(copy);
    const area = box.querySelector("[data-decision-text]");
    area.value = recommendationText(box.querySelector("[data-recommendation]"));
    area.focus();
  });

  function recommendationText(element) {
    const lines = [];
    element.querySelectorAll("p, li").forEach(function (node) {
      const text = node.textContent.replace(/\s+/g, " ").trim();
      if (text) lines.push(node.tagName === "LI" ? "– " + text : text);
    });
    return lines.join("\n");
  }

  document.addEventListener("htmx:load", function (event) {
    event.detail.elt.querySelectorAll("[data-copy-recommendation]").forEach(function (button) {
      button.hidden = false;
    });
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!moveOnFrom) return;
    const saved = document.getElementById(moveOnFrom);
    moveOnFrom = null;
    if (!saved) return;
    if (saved.querySelector(".field-error")) {
      saved.querySelector("[data-decision-text]").focus();
      return;
    }
    const next = nextTextarea(saved);
    if (next) {
      next.focus();
      next.setSelectionRange(next.value.length, next.value.length);
    } else {
      document.getElementById("workflow-heading").scrollIntoView();
      const first = document.querySelector(".minutes-workflow input:not([type=hidden]), .minutes-workflow button");
      if (first) first.focus();
    }
  });
})();
