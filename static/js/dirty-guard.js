/*
 * Unsaved-changes guard for <form data-dirty-guard>.
 *
 * An edit marks the form "is-dirty" and shows its [data-dirty-indicator] ("Ikke gemt"); a
 * successful save (a 2xx htmx response to the form's own request, or a normal submit) clears it.
 * While any guarded form is dirty, leaving the page asks first, and so does an htmx request that
 * would swap a dirty form away. Everything is delegated from document, so forms that htmx swaps in
 * later are guarded too. The state lives in the form's class, so a server can render a form that
 * is already dirty (say, re-rendered with errors) as class="is-dirty".
 */
(function () {
  "use strict";

  const QUESTION = "Du har ændringer, der ikke er gemt. Vil du forlade dem?";
  const GUARDED = "form[data-dirty-guard]";
  const DIRTY = "form[data-dirty-guard].is-dirty";
  const DESTRUCTIVE_SWAPS = ["innerHTML", "outerHTML", "textContent", "delete"];

  // Edits per form, so a save that was sent before the latest edit does not clear it.
  const edits = new WeakMap();
  // Saving requests by their XMLHttpRequest: when the answer replaced the form, htmx reports the
  // end of the request from an element that is still on the page, not from the form.
  const saving = new WeakMap();

  function setDirty(form, dirty) {
    form.classList.toggle("is-dirty", dirty);
    for (const indicator of form.querySelectorAll("[data-dirty-indicator]")) {
      indicator.hidden = !dirty;
    }
  }

  function guardedForm(element) {
    if (!(element instanceof Element)) {
      return null;
    }
    const form = element instanceof HTMLFormElement ? element : element.form || element.closest("form");
    return form && form.matches(GUARDED) ? form : null;
  }

  // The guarded form an htmx request saves: the form itself or one of its submit buttons.
  function savingForm(detail) {
    const elt = detail && detail.elt;
    const verb = detail.requestConfig && detail.requestConfig.verb;
    if (!elt || verb === "get") {
      return null;
    }
    if (elt instanceof HTMLFormElement) {
      return guardedForm(elt);
    }
    return elt.type === "submit" ? guardedForm(elt) : null;
  }

  function formKey(form) {
    return form.id || form.getAttribute("hx-post") || form.getAttribute("action") || "";
  }

  function onEdit(event) {
    const target = event.target;
    // The rich-text editor reports through its textarea, which only fires on a real change.
    if (!(target instanceof Element) || target.isContentEditable || target.closest("[data-dirty-ignore]")) {
      return;
    }
    const form = guardedForm(target);
    if (form) {
      edits.set(form, (edits.get(form) || 0) + 1);
      setDirty(form, true);
    }
  }

  function swapStyle(elt) {
    const holder = elt.closest("[hx-swap], [data-hx-swap]");
    const spec = holder ? holder.getAttribute("hx-swap") || holder.getAttribute("data-hx-swap") : "";
    return spec.trim().split(/\s+/)[0] || (window.htmx ? window.htmx.config.defaultSwapStyle : "innerHTML");
  }

  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);

  document.addEventListener("reset", (event) => {
    const form = guardedForm(event.target);
    if (form) {
      setDirty(form, false);
    }
  });

  document.addEventListener("submit", (event) => {
    const form = guardedForm(event.target);
    // htmx (or another script) took over the submit: wait for its response.
    if (form && !event.defaultPrevented) {
      setDirty(form, false);
    }
  });

  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = savingForm(event.detail);
    if (form && event.detail.xhr) {
      saving.set(event.detail.xhr, { form, edits: edits.get(form) || 0 });
    }
  });

  document.addEventListener("htmx:afterRequest", (event) => {
    const detail = event.detail || {};
    const request = detail.xhr ? saving.get(detail.xhr) : undefined;
    const form = request ? request.form : savingForm(detail);
    if (!form) {
      return;
    }
    const status = detail.xhr ? detail.xhr.status : 0;
    const saved = status ? status >= 200 && status < 300 : detail.successful === true;
    if (saved && (!request || request.edits === (edits.get(form) || 0))) {
      setDirty(form, false);
    } else if (!saved && !form.isConnected && form.classList.contains("is-dirty")) {
      // The answer (say a 422 with the errors) replaced the form with a copy that holds the
      // unsaved input: that copy is dirty too.
      const key = formKey(form);
      const copy = key && Array.from(document.querySelectorAll(GUARDED)).find((other) => formKey(other) === key);
      if (copy) {
        setDirty(copy, true);
        // htmx's settling may put back the class the server rendered.
        document.addEventListener("htmx:afterSettle", () => copy.isConnected && setDirty(copy, true), { once: true });
      }
    }
  });

  document.addEventListener("htmx:confirm", (event) => {
    const { elt, target } = event.detail || {};
    if (!elt || !target) {
      return;
    }
    const style = swapStyle(elt);
    const lost = Array.from(document.querySelectorAll(DIRTY)).some(
      (form) =>
        guardedForm(elt) !== form &&
        DESTRUCTIVE_SWAPS.includes(style) &&
        (target === form || target.contains(form)),
    );
    if (lost && !window.confirm(QUESTION)) {
      event.preventDefault();
    }
  });

  // htmx snapshots the page for its history cache; the snapshot holds the saved values only.
  document.addEventListener("htmx:beforeHistorySave", () => {
    const dirty = Array.from(document.querySelectorAll(DIRTY));
    dirty.forEach((form) => setDirty(form, false));
    queueMicrotask(() => dirty.forEach((form) => setDirty(form, true)));
  });

  window.addEventListener("beforeunload", (event) => {
    if (document.querySelector(DIRTY)) {
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when returnValue is set
    }
  });

  // Show the indicator of forms the server rendered as already dirty.
  function syncIndicators(root) {
    const scope = root || document;
    const forms = Array.from(scope.querySelectorAll(GUARDED));
    if (scope.matches && scope.matches(GUARDED)) {
      forms.push(scope);
    }
    forms.forEach((form) => setDirty(form, form.classList.contains("is-dirty")));
  }

  if (window.htmx) {
    window.htmx.onLoad(syncIndicators);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => syncIndicators(document));
  } else {
    syncIndicators(document);
  }
})();
