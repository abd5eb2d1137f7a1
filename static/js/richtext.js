/*
 * Rich-text editing of agenda texts (Baggrund, Indstilling, Sagsfremstilling, ...).
 *
 * Enhances every <textarea data-richtext> with a Squire editor and a Danish toolbar. The textarea
 * stays in the form, hidden, and always holds the clean HTML; without JavaScript it is edited as
 * plain HTML. The output is the allow-list of kkr/lib/richtext.py: p, br, strong, em, ul, ol, li,
 * a[href] (http, https, mailto), h5, and class="attachment-ref" on p and li. The server sanitises
 * again; cleaning here is so the editor shows what will be saved.
 *
 * Needs DOMPurify and Squire (static/vendor/) loaded first. htmx is optional.
 */
(function () {
  "use strict";

  const ATTACHMENT_REF = "attachment-ref";
  const SAFE_URL = /^(?:https?:|mailto:)/i;
  const PURIFY_CONFIG = {
    ALLOWED_TAGS: ["p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "h5"],
    ALLOWED_ATTR: ["href", "class"],
    ALLOWED_URI_REGEXP: SAFE_URL,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  };
  // Containers that are not in the allow-list: a paragraph when they hold only text, else unwrapped.
  const BLOCKISH = "div, pre, blockquote, address, article, aside, section, header, footer, figure, figcaption, dd, dt, td, th, caption";
  const BLOCK_CHILD = /^(?:P|H[1-6]|UL|OL|LI|DIV|PRE|BLOCKQUOTE|TABLE|ADDRESS|ARTICLE|ASIDE|SECTION|HEADER|FOOTER|FIGURE|DL|DD|DT)$/;
  const INLINE = /^(?:STRONG|EM|A)$/;
  // Word numbers items "1.", "1.2.", "a)", "iv." or "(a)"; anything else (·, o, §, –) is a bullet.
  const ORDERED_MARKER = /^\(?(?:\d+(?:[.)]\d+)*[.)]?|[a-z]{1,4}[.)])$/i;
  const EDGE_SPACE = /^[\s\u00a0\u200b]+|[\s\u00a0\u200b]+$/g;

  // --- Cleaning -------------------------------------------------------------------------------

  function rename(element, tagName) {
    const replacement = element.ownerDocument.createElement(tagName);
    for (const attribute of Array.from(element.attributes)) {
      replacement.setAttribute(attribute.name, attribute.value);
    }
    replacement.append(...element.childNodes);
    element.replaceWith(replacement);
    return replacement;
  }

  function unwrap(element) {
    element.replaceWith(...element.childNodes);
  }

  function isBlank(node) {
    return (
      node.nodeType === Node.COMMENT_NODE ||
      (node.nodeType === Node.TEXT_NODE && !node.data.replace(EDGE_SPACE, ""))
    );
  }

  function previousSignificantSibling(node) {
    let sibling = node.previousSibling;
    while (sibling && isBlank(sibling)) {
      sibling = sibling.previousSibling;
    }
    return sibling;
  }

  // Word writes a list item's bullet or number between <![if !supportLists]> and <![endif]>, which
  // the HTML parser turns into comments. Removes the marker and returns its text.
  function takeWordMarker(paragraph) {
    const doc = paragraph.ownerDocument;
    const walker = doc.createTreeWalker(paragraph, NodeFilter.SHOW_COMMENT);
    let start = null;
    let end = null;
    while (walker.nextNode()) {
      const text = walker.currentNode.data.trim();
      if (!start && /^\[if !supportLists\]$/i.test(text)) {
        start = walker.currentNode;
      } else if (start && /^\[endif\]$/i.test(text)) {
        end = walker.currentNode;
        break;
      }
    }
    let marker = "";
    if (start && end) {
      const range = doc.createRange();
      range.setStartAfter(start);
      range.setEndBefore(end);
      marker = range.toString();
      range.deleteContents();
      start.remove();
      end.remove();
    } else {
      // Some clipboards drop the comments but keep Word's <span style="mso-list:Ignore">.
      const ignored = Array.from(paragraph.querySelectorAll("span[style]")).find((span) =>
        /mso-list:\s*ignore/i.test(span.getAttribute("style")),
      );
      if (ignored) {
        marker = ignored.textContent;
        ignored.remove();
      }
    }
    return marker.replace(/[\s\u00a0]+/g, "");
  }

  // Word's lists are paragraphs with style="mso-list:l0 level1 lfo1" and a typed bullet or number;
  // turn runs of them into (nested) ul/ol.
  function convertWordLists(body) {
    const doc = body.ownerDocument;
    let stack = []; // open lists, outermost first: {list, level, ordered, id}
    for (const paragraph of Array.from(body.querySelectorAll("p[style]"))) {
      const match = /mso-list:\s*(l\d+)\s+level(\d+)\s+(lfo\d+)/i.exec(paragraph.getAttribute("style"));
      if (!match) {
        continue;
      }
      const id = match[1] + match[3];
      const level = Number(match[2]);
      const ordered = ORDERED_MARKER.test(takeWordMarker(paragraph));
      const continues = stack.length && previousSignificantSibling(paragraph) === stack[0].list;
      if (!continues || (level === 1 && stack[0].id !== id)) {
        stack = [];
      }
      while (stack.length && stack[stack.length - 1].level > level) {
        stack.pop();
      }
      let top = stack[stack.length - 1];
      if (top && top.level === level && top.ordered !== ordered) {
        stack.pop();
        top = stack[stack.length - 1];
      }
      if (!top || top.level < level) {
        const list = doc.createElement(ordered ? "ol" : "ul");
        if (top) {
          top.list.lastElementChild.append(list);
        } else {
          paragraph.before(list);
        }
        stack.push({ list, level, ordered, id });
        top = stack[stack.length - 1];
      }
      const item = doc.createElement("li");
      item.append(...paragraph.childNodes);
      top.list.append(item);
      paragraph.remove();
    }
  }

  // Bold and italic that other programs write as CSS (Google Docs, LibreOffice) become b and i
  // before DOMPurify drops the style attributes.
  function convertStyles(body) {
    const doc = body.ownerDocument;
    for (const element of Array.from(body.querySelectorAll("[style]"))) {
      const weight = element.style.fontWeight;
      const bold = weight === "bold" || weight === "bolder" || Number(weight) >= 600;
      const plain = weight === "normal" || (Number(weight) > 0 && Number(weight) < 600);
      const italic = /italic|oblique/.test(element.style.fontStyle);
      if (/^(?:B|STRONG)$/.test(element.nodeName) && plain) {
        // Google Docs wraps a whole paste in <b style="font-weight:normal">.
        unwrap(element);
        continue;
      }
      if (/^(?:I|EM)$/.test(element.nodeName) && element.style.fontStyle === "normal") {
        unwrap(element);
        continue;
      }
      for (const [wanted, tag] of [
        [bold && !/^(?:B|STRONG|H[1-6])$/.test(element.nodeName), "b"],
        [italic && !/^(?:I|EM)$/.test(element.nodeName), "i"],
      ]) {
        if (wanted && element.textContent.trim()) {
          const wrapper = doc.createElement(tag);
          wrapper.append(...element.childNodes);
          element.append(wrapper);
        }
      }
    }
  }

  function convertStructure(body) {
    for (const heading of Array.from(body.querySelectorAll("h1, h2, h3, h4, h6"))) {
      rename(heading, "h5");
    }
    // Innermost first, so an outer container sees its children's final form.
    for (const container of Array.from(body.querySelectorAll(BLOCKISH)).reverse()) {
      const hasBlocks = Array.from(container.children).some((child) => BLOCK_CHILD.test(child.nodeName));
      if (hasBlocks) {
        unwrap(container);
      } else {
        rename(container, "p");
      }
    }
    // Only now: a cell or row moved out of its table would be dropped by the parser.
    for (const element of Array.from(body.querySelectorAll("table, thead, tbody, tfoot, tr, dl"))) {
      unwrap(element);
    }
    const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      // Source line breaks inside Word's paragraphs are just spaces.
      walker.currentNode.data = walker.currentNode.data.replace(/[ \t]*[\r\n]+[ \t]*/g, " ");
    }
  }

  // The first or last leaf of a block, not descending into nested lists.
  function edgeLeaf(block, fromStart) {
    let node = fromStart ? block.firstChild : block.lastChild;
    while (node && node.nodeType === Node.ELEMENT_NODE && INLINE.test(node.nodeName) && node.firstChild) {
      node = fromStart ? node.firstChild : node.lastChild;
    }
    return node;
  }

  function removeWithEmptyParents(node, block) {
    let parent = node.parentNode;
    node.remove();
    while (parent && parent !== block && !parent.firstChild) {
      const next = parent.parentNode;
      parent.remove();
      parent = next;
    }
  }

  // Strip spaces and line breaks at both ends of a block: they print as nothing or as junk.
  function trimBlock(block) {
    for (const fromStart of [true, false]) {
      let node;
      while ((node = edgeLeaf(block, fromStart))) {
        if (node.nodeType === Node.TEXT_NODE) {
          node.data = fromStart ? node.data.replace(/^[\s\u00a0\u200b]+/, "") : node.data.replace(/[\s\u00a0\u200b]+$/, "");
          if (node.data) {
            break;
          }
        } else if (!(node.nodeName === "BR" || (INLINE.test(node.nodeName) && !node.firstChild))) {
          break;
        }
        removeWithEmptyParents(node, block);
      }
    }
  }

  function wrapInlineRuns(parent, tagName, keep) {
    let run = null;
    for (const node of Array.from(parent.childNodes)) {
      if (keep(node)) {
        run = null;
      } else if (isBlank(node) && !run) {
        node.remove();
      } else {
        if (!run) {
          run = parent.ownerDocument.createElement(tagName);
          node.before(run);
        }
        run.append(node);
      }
    }
  }

  // Bring DOMPurify's output into the shape the print and the meeting page expect.
  function tidy(root) {
    for (const element of Array.from(root.querySelectorAll("b, i"))) {
      rename(element, element.nodeName === "B" ? "strong" : "em");
    }
    for (const element of Array.from(root.querySelectorAll("[class]"))) {
      const keep = /^(?:P|LI)$/.test(element.nodeName) && element.classList.contains(ATTACHMENT_REF);
      if (keep) {
        element.className = ATTACHMENT_REF;
      } else {
        element.removeAttribute("class");
      }
    }
    for (const link of Array.from(root.querySelectorAll("a:not([href])"))) {
      unwrap(link);
    }
    // Bold, italic or a link around whole paragraphs: move it inside them.
    for (const inline of Array.from(root.querySelectorAll("strong, em, a")).reverse()) {
      if (!Array.from(inline.children).some((child) => BLOCK_CHILD.test(child.nodeName))) {
        continue;
      }
      for (const child of Array.from(inline.childNodes)) {
        if (child.nodeType === Node.ELEMENT_NODE && BLOCK_CHILD.test(child.nodeName)) {
          const leaves = child.nodeName === "UL" || child.nodeName === "OL" ? Array.from(child.children) : [child];
          for (const leaf of leaves) {
            const copy = inline.cloneNode(false);
            copy.append(...leaf.childNodes);
            leaf.append(copy);
          }
        }
      }
      unwrap(inline);
    }
    // Paragraphs and headings inside list items become lines of the item.
    for (const block of Array.from(root.querySelectorAll("li p, li h5"))) {
      if (block.previousSibling && !isBlank(block.previousSibling)) {
        block.before(root.ownerDocument.createElement("br"));
      }
      unwrap(block);
    }
    for (const heading of Array.from(root.querySelectorAll("p h5, h5 h5"))) {
      unwrap(heading);
    }
    // A list's children are items; a list directly in a list belongs to the item before it.
    for (const list of Array.from(root.querySelectorAll("ul, ol"))) {
      for (const child of Array.from(list.childNodes)) {
        if (child.nodeName === "UL" || child.nodeName === "OL") {
          const previous = child.previousElementSibling;
          if (previous && previous.nodeName === "LI") {
            previous.append(child);
          } else {
            child.before(root.ownerDocument.createElement("li"));
            child.previousElementSibling.append(child);
          }
        }
      }
      wrapInlineRuns(list, "li", (node) => node.nodeName === "LI");
    }
    for (const item of Array.from(root.querySelectorAll("li"))) {
      if (!item.parentNode || !/^(?:UL|OL)$/.test(item.parentNode.nodeName)) {
        const list = root.ownerDocument.createElement("ul");
        item.before(list);
        list.append(item);
      }
    }
    wrapInlineRuns(root, "p", (node) => /^(?:P|H5|UL|OL)$/.test(node.nodeName));
    // Empty things last, innermost first, so emptied parents go too.
    for (const element of Array.from(root.querySelectorAll("p, h5, li, strong, em, a, ul, ol")).reverse()) {
      if (/^(?:P|H5|LI)$/.test(element.nodeName)) {
        trimBlock(element);
      }
      if (element.textContent.replace(EDGE_SPACE, "")) {
        continue;
      }
      if (INLINE.test(element.nodeName) && element.textContent) {
        unwrap(element); // keep the space it holds
      } else {
        element.remove();
      }
    }
    // <strong>a</strong><strong>b</strong> from formatting word by word.
    for (const element of Array.from(root.querySelectorAll("strong, em"))) {
      const next = element.nextSibling;
      if (next && next.nodeName === element.nodeName && element.parentNode) {
        next.prepend(...element.childNodes);
        element.remove();
      }
    }
    root.normalize();
    // Browsers type a space at the end of a text node as a no-break space; Word's own are kept.
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode;
      text.data = text.data === "\u00a0" ? " " : text.data.replace(/(\S)\u00a0$/, "$1 ").replace(/^\u00a0(\S)/, " $1");
    }
    return root;
  }

  // Any HTML (the textarea, a paste, a drop) to a clean fragment of this document.
  function sanitizeToFragment(html) {
    const doc = new DOMParser().parseFromString(html || "", "text/html");
    convertWordLists(doc.body);
    convertStyles(doc.body);
    convertStructure(doc.body);
    const clean = window.DOMPurify.sanitize(doc.body.innerHTML, PURIFY_CONFIG);
    return tidy(document.importNode(clean, true));
  }

  function cleanHTML(html) {
    const container = document.createElement("div");
    container.append(sanitizeToFragment(html));
    return container.innerHTML;
  }

  // --- The editor -----------------------------------------------------------------------------

  const isMac = /Mac OS X|iPhone|iPad|iPod/.test(navigator.userAgent);
  const MOD = isMac ? "Meta" : "Control";
  const MOD_PREFIX = isMac ? "Meta-" : "Ctrl-";
  const MOD_LABEL = isMac ? "⌘" : "Ctrl";
  const ICONS = {
    ul: '<svg viewBox="0 0 20 20" width="20" height="20"><path d="M3 5h3M3 10h3M3 15h3M8 5h10M8 10h10M8 15h10" stroke="currentColor" stroke-width="2" fill="none"/></svg>',
    ol: '<svg viewBox="0 0 20 20" width="20" height="20"><text x="1" y="8" font-size="7" font-family="sans-serif" fill="currentColor">1</text><text x="1" y="17" font-size="7" font-family="sans-serif" fill="currentColor">2</text><path d="M8 5h10M8 14h10" stroke="currentColor" stroke-width="2" fill="none"/></svg>',
    link: '<svg viewBox="0 0 20 20" width="20" height="20"><path d="M8.5 11.5a3.5 3.5 0 0 0 5 0l3-3a3.5 3.5 0 0 0-5-5l-1 1M11.5 8.5a3.5 3.5 0 0 0-5 0l-3 3a3.5 3.5 0 0 0 5 5l1-1" stroke="currentColor" stroke-width="2" fill="none"/></svg>',
    undo: '<svg viewBox="0 0 20 20" width="20" height="20"><path d="M7 4 3 8l4 4M3 8h9a5 5 0 0 1 0 10H9" stroke="currentColor" stroke-width="2" fill="none"/></svg>',
    redo: '<svg viewBox="0 0 20 20" width="20" height="20"><path d="m13 4 4 4-4 4M17 8H8a5 5 0 0 0 0 10h3" stroke="currentColor" stroke-width="2" fill="none"/></svg>',
  };
  const BUTTONS = [
    { command: "bold", label: "Fed", face: "<b>F</b>", keys: "B", toggle: true },
    { command: "italic", label: "Kursiv", face: "<i>K</i>", keys: "I", toggle: true },
    { command: "bullets", label: "Punktopstilling", face: ICONS.ul, toggle: true },
    { command: "numbers", label: "Nummereret liste", face: ICONS.ol, toggle: true },
    { command: "link", label: "Link", face: ICONS.link },
    { command: "heading", label: "Underoverskrift", face: "<b>H</b>", toggle: true },
    { command: "attachment", label: "Bilagshenvisning", face: "./.", toggle: true },
    { command: "undo", label: "Fortryd", face: ICONS.undo, keys: "Z" },
    { command: "redo", label: "Gentag", face: ICONS.redo, keys: "Y" },
  ];
  const LINK_PROMPT = "Linkadresse (https://…, http://… eller mailto:…). Tom fjerner linket.";
  const LINK_REFUSED = "Et link skal begynde med https://, http:// eller mailto:.";

  const editors = new WeakMap(); // textarea -> its editor; enhancing twice is a no-op

  // The URL a user typed, made absolute, or null when it is not http(s) or mailto.
  function linkTarget(text) {
    const url = text.trim();
    if (/\s/.test(url)) {
      return null;
    }
    if (SAFE_URL.test(url)) {
      return url;
    }
    if (/^[^@:/]+@[^@:/]+\.[a-z]{2,}$/i.test(url)) {
      return "mailto:" + url;
    }
    if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && /^[^/]+\.[a-z]{2,}(?:[/?#]|$)/i.test(url)) {
      return "https://" + url;
    }
    return null;
  }

  function nearest(node, root, test) {
    while (node && node !== root) {
      if (node.nodeType === Node.ELEMENT_NODE && test(node)) {
        return node;
      }
      node = node.parentNode;
    }
    return null;
  }

  function createButton(spec) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "rte__button";
    button.dataset.command = spec.command;
    button.setAttribute("aria-label", spec.label);
    button.title = spec.keys ? `${spec.label} (${MOD_LABEL}+${spec.keys})` : spec.label;
    if (spec.keys) {
      button.setAttribute("aria-keyshortcuts", `${MOD}+${spec.keys}`);
    }
    if (spec.toggle) {
      button.setAttribute("aria-pressed", "false");
    }
    button.innerHTML = `<span class="rte__face" aria-hidden="true">${spec.face}</span>`;
    for (const svg of button.querySelectorAll("svg")) {
      svg.setAttribute("focusable", "false");
    }
    return button;
  }

  function swallow(self, event) {
    event.preventDefault();
  }

  class RichTextEditor {
    constructor(textarea) {
      this.textarea = textarea;
      this.wrapper = document.createElement("div");
      this.wrapper.className = "rte";
      this.wrapper.dataset.richtextFor = textarea.name;
      this.toolbar = document.createElement("div");
      this.toolbar.className = "rte__toolbar";
      this.toolbar.setAttribute("role", "toolbar");
      this.buttons = {};
      for (const spec of BUTTONS) {
        const button = createButton(spec);
        this.buttons[spec.command] = button;
        this.toolbar.append(button);
      }
      this.area = document.createElement("div");
      this.area.className = "rte__area";
      this.area.setAttribute("role", "textbox");
      this.area.setAttribute("aria-multiline", "true");
      if (textarea.id) {
        this.area.id = textarea.id + "-editor";
        this.toolbar.setAttribute("aria-controls", this.area.id);
      }
      this.wrapper.append(this.toolbar, this.area);
      this.label();
      textarea.after(this.wrapper);
      textarea.hidden = true;

      // Before Squire's own listener (also capturing), so it can stop the formatting it shouldn't do.
      this.area.addEventListener("beforeinput", (event) => this.filterFormatting(event), true);
      this.squire = new window.Squire(this.area, {
        blockTag: "P",
        sanitizeToDOMFragment: (html) => sanitizeToFragment(html),
        didError: (error) => console.error(error),
      });
      // Shortcuts work with Caps Lock on too, and bold and italic toggle however they are asked
      // for (Squire's handler for the browser's own formatBold only ever adds bold).
      for (const [key, command] of Object.entries({ b: "bold", i: "italic", z: "undo", y: "redo" })) {
        for (const variant of [key, key.toUpperCase()]) {
          this.squire.setKeyHandler(MOD_PREFIX + variant, (self, event) => {
            event.preventDefault();
            this.run(command);
          });
        }
      }
      // Shortcuts for formatting outside the allow-list would only be stripped on save.
      for (const mod of ["Ctrl-", "Meta-"]) {
        for (const key of ["u", "d", "Shift-7", "Shift-5", "Shift-6"]) {
          this.squire.setKeyHandler(mod + key, swallow);
        }
        this.squire.setKeyHandler(mod + "[", (self, event) => this.listLevel(event, false));
        this.squire.setKeyHandler(mod + "]", (self, event) => this.listLevel(event, true));
      }
      this.area.addEventListener("beforeinput", (event) => this.dropFormatsSwitchedOff(event));
      this.squire.setHTML(textarea.value);
      this.value = this.serialize();
      this.valueOnFocus = this.value;

      this.squire.addEventListener("input", () => this.sync());
      this.squire.addEventListener("willPaste", (event) => {
        if (typeof event.detail.text === "string") {
          event.detail.text = event.detail.text.replace(/\r\n?/g, "\n");
        }
      });
      for (const type of ["pathChange", "select", "cursor", "focus"]) {
        this.squire.addEventListener(type, () => this.updateButtons());
      }
      this.squire.addEventListener("undoStateChange", (event) => {
        this.buttons.undo.setAttribute("aria-disabled", String(!event.detail.canUndo));
        this.buttons.redo.setAttribute("aria-disabled", String(!event.detail.canRedo));
      });
      this.squire.addEventListener("focus", () => {
        this.valueOnFocus = this.value;
      });
      this.squire.addEventListener("blur", () => {
        if (this.value !== this.valueOnFocus) {
          textarea.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
      this.buttons.undo.setAttribute("aria-disabled", "true");
      this.buttons.redo.setAttribute("aria-disabled", "true");

      // Keep the editor's selection when a button is clicked with the mouse.
      this.toolbar.addEventListener("mousedown", (event) => {
        if (event.target.closest("button")) {
          event.preventDefault();
        }
      });
      this.toolbar.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-command]");
        if (button && button.getAttribute("aria-disabled") !== "true") {
          this.run(button.dataset.command);
        }
      });
      this.toolbar.addEventListener("keydown", (event) => this.moveInToolbar(event));
      if (textarea.form) {
        textarea.form.addEventListener("reset", () => {
          setTimeout(() => {
            this.squire.setHTML(textarea.value);
            this.value = this.serialize();
          });
        });
      }
      this.updateButtons();
    }

    // Name the editable area after the field's label, and carry over help texts and errors.
    label() {
      const { textarea, area } = this;
      const label = textarea.id ? document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`) : null;
      if (label) {
        label.id = label.id || textarea.id + "-label";
        area.setAttribute("aria-labelledby", label.id);
        this.toolbar.setAttribute("aria-label", `Formatering af ${label.textContent.trim()}`);
        // The label points at the hidden textarea; clicking it should reach the editor.
        label.addEventListener("click", (event) => {
          event.preventDefault();
          this.squire.focus();
        });
      } else {
        this.toolbar.setAttribute("aria-label", "Formatering");
        if (textarea.hasAttribute("aria-label")) {
          area.setAttribute("aria-label", textarea.getAttribute("aria-label"));
        }
      }
      for (const name of ["aria-describedby", "aria-invalid"]) {
        if (textarea.hasAttribute(name)) {
          area.setAttribute(name, textarea.getAttribute(name));
        }
      }
      // A hidden required field blocks the submit without a message; the server checks it instead.
      if (textarea.required) {
        textarea.required = false;
        area.setAttribute("aria-required", "true");
      }
    }

    serialize() {
      return cleanHTML(this.squire.getHTML());
    }

    sync() {
      const value = this.serialize();
      if (value !== this.value) {
        this.value = value;
        this.textarea.value = value;
        this.textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
      this.updateButtons();
    }

    startBlock() {
      const range = this.squire.getSelection();
      return nearest(range.startContainer, this.area, (node) => /^(?:P|H5|LI)$/.test(node.nodeName));
    }

    listOf(block) {
      return block && block.nodeName === "LI" ? block.parentNode.nodeName : null;
    }

    updateButtons() {
      const squire = this.squire;
      const block = this.startBlock();
      const list = this.listOf(block);
      const states = {
        bold: squire.hasFormat("B"),
        italic: squire.hasFormat("I"),
        bullets: list === "UL",
        numbers: list === "OL",
        heading: Boolean(block && block.nodeName === "H5"),
        attachment: Boolean(block && block.classList.contains(ATTACHMENT_REF)),
      };
      for (const [command, pressed] of Object.entries(states)) {
        this.buttons[command].setAttribute("aria-pressed", String(pressed));
      }
    }

    run(command) {
      const squire = this.squire;
      const list = this.listOf(this.startBlock());
      switch (command) {
        case "bold":
          squire.hasFormat("B") ? squire.removeBold() : squire.bold();
          break;
        case "italic":
          squire.hasFormat("I") ? squire.removeItalic() : squire.italic();
          break;
        case "bullets":
          list === "UL" ? squire.removeList() : squire.makeUnorderedList();
          break;
        case "numbers":
          list === "OL" ? squire.removeList() : squire.makeOrderedList();
          break;
        case "link":
          this.editLink();
          break;
        case "heading":
          this.toggleHeading();
          break;
        case "attachment":
          this.toggleAttachmentRef();
          break;
        case "undo":
          squire.undo();
          break;
        case "redo":
          squire.redo();
          break;
      }
      squire.focus();
      this.updateButtons();
    }

    editLink() {
      const squire = this.squire;
      const current = nearest(squire.getSelection().startContainer, this.area, (node) => node.nodeName === "A");
      const answer = window.prompt(LINK_PROMPT, current ? current.getAttribute("href") : "https://");
      if (answer === null) {
        return;
      }
      if (!answer.trim() || answer.trim() === "https://") {
        if (current) {
          squire.removeLink();
        }
        return;
      }
      const href = linkTarget(answer);
      if (href) {
        squire.makeLink(href);
      } else {
        window.alert(LINK_REFUSED);
      }
    }

    toggleHeading() {
      const block = this.startBlock();
      if (!block || block.nodeName === "LI") {
        return;
      }
      const [from, to] = block.nodeName === "H5" ? ["h5", "p"] : ["p", "h5"];
      this.squire.modifyBlocks((fragment) => {
        for (const element of Array.from(fragment.querySelectorAll(from))) {
          if (!element.closest("li")) {
            const renamed = rename(element, to);
            renamed.removeAttribute("class");
          }
        }
        return fragment;
      });
    }

    toggleAttachmentRef() {
      const block = this.startBlock();
      if (!block || block.nodeName === "H5") {
        return;
      }
      const on = !block.classList.contains(ATTACHMENT_REF);
      this.squire.forEachBlock((element) => {
        if (/^(?:P|LI)$/.test(element.nodeName)) {
          element.classList.toggle(ATTACHMENT_REF, on);
          if (!element.classList.length) {
            element.removeAttribute("class");
          }
        }
      }, true);
    }

    filterFormatting(event) {
      const type = event.inputType;
      if (type === "insertParagraph") {
        this.offBeforeSplit = ["B", "I"].filter((tag) => !this.squire.hasFormat(tag));
      }
      if (!type.startsWith("format")) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      if (type === "formatBold" || type === "formatItalic") {
        this.run(type === "formatBold" ? "bold" : "italic");
      }
    }

    // Squire carries bold and italic into the new paragraph even when they were just switched off.
    dropFormatsSwitchedOff(event) {
      const off = this.offBeforeSplit;
      this.offBeforeSplit = null;
      const block = event.inputType === "insertParagraph" && off && off.length ? this.startBlock() : null;
      if (!block) {
        return;
      }
      const empty = Array.from(block.querySelectorAll(off.join(","))).filter(
        (element) => !element.textContent.replace(/\u200b/g, ""),
      );
      if (empty.length) {
        empty.forEach(unwrap);
        const range = document.createRange();
        range.setStart(block, 0);
        this.squire.setSelection(range);
      }
    }

    listLevel(event, deeper) {
      event.preventDefault();
      if (this.listOf(this.startBlock())) {
        deeper ? this.squire.increaseListLevel() : this.squire.decreaseListLevel();
      }
    }

    // Every button is a Tab stop; arrow keys, Home and End move along the toolbar too.
    moveInToolbar(event) {
      const buttons = Array.from(this.toolbar.querySelectorAll("button"));
      const index = buttons.indexOf(document.activeElement);
      const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 };
      if (index < 0 || !(event.key in moves)) {
        return;
      }
      event.preventDefault();
      buttons[(moves[event.key] + buttons.length) % buttons.length].focus();
    }
  }

  function enhance(textarea) {
    if (editors.has(textarea)) {
      return editors.get(textarea);
    }
    // htmx's history cache stores the page with our editor in it; a restored copy is dead.
    const stale = textarea.nextElementSibling;
    if (stale && stale.classList.contains("rte") && stale.dataset.richtextFor === textarea.name) {
      stale.remove();
    }
    const editor = new RichTextEditor(textarea);
    editors.set(textarea, editor);
    return editor;
  }

  function enhanceWithin(root) {
    if (!window.Squire || !window.DOMPurify) {
      return; // the textareas stay plain HTML fields
    }
    const scope = root || document;
    const textareas = Array.from(scope.querySelectorAll("textarea[data-richtext]"));
    if (scope.matches && scope.matches("textarea[data-richtext]")) {
      textareas.unshift(scope);
    }
    textareas.forEach(enhance);
  }

  window.kkrRichtext = {
    clean: cleanHTML,
    enhance: enhanceWithin,
    editorFor: (textarea) => editors.get(textarea),
  };

  if (window.htmx) {
    window.htmx.onLoad(enhanceWithin);
  }
  // Squire listens on document; let an editor that htmx swaps away go.
  document.addEventListener("htmx:beforeCleanupElement", (event) => {
    const editor = editors.get(event.target);
    if (editor) {
      editor.squire.destroy();
      editors.delete(event.target);
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => enhanceWithin(document));
  } else {
    enhanceWithin(document);
  }
})();
