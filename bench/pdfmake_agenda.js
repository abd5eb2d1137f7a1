// The comparison engine of bench/pdf.py: pdfmake 0.2 (OpenSlides' PDF engine) lays out the seed agenda
// of 5 Feb 2021 as our agenda is laid out: a cover, a table of contents with page numbers, every section
// on a new page, a running header ("KKR Nordjylland | 05-02-2021") and "SIDE | n" page labels from the
// second page on, A4 with our margins and our font (Source Sans 3).
//
//     node bench/pdfmake_agenda.js SEED.json RUNS [OUT.pdf]
//
// SEED.json is the seed text as bench/pdf.py writes it (seed_json()). Renders RUNS times in this one
// process and prints {"seconds": [...], "pages": n, "bytes": n} as JSON: the first render pays the
// process's warm-up (fonts, modules), so the caller takes the median of the others. Writes the last
// PDF to OUT.pdf if given.
"use strict";

const fs = require("fs");
const path = require("path");
const PdfPrinter = require("pdfmake");

const MM = 72 / 25.4;
const FONTS = path.join(__dirname, "..", "static", "pdf", "fonts");

function runs(items, base = {}) {
  // [{text, bold, italics}] -> pdfmake inline text
  return items.map((run) => ({ text: run.text, bold: run.bold || base.bold, italics: run.italics }));
}

function blocks(list) {
  return list.map((block) => {
    if (block.type === "ul" || block.type === "ol") {
      return {
        [block.type]: block.items.map((item) => ({ text: runs(item) })),
        margin: [0, 0, 0, 2.6 * MM],
      };
    }
    if (block.type === "h5") {
      return { text: runs(block.runs), bold: true, margin: [0, 2 * MM, 0, 0.6 * MM] };
    }
    return { text: runs(block.runs), margin: [0, 0, 0, 2.6 * MM] };
  });
}

function cover(seed) {
  const facts = [];
  for (const [label, value] of seed.facts) {
    facts.push([{ text: label, bold: true }, value]);
  }
  const content = [
    { text: seed.kind, fontSize: 30, bold: true, margin: [0, 22 * MM, 0, 4 * MM] },
    { text: seed.council, fontSize: 20, margin: [0, 0, 0, 12 * MM] },
    { table: { widths: [40 * MM, "*"], body: facts }, layout: "noBorders", fontSize: 12 },
  ];
  for (const [heading, text] of seed.statements) {
    content.push({ text: heading, fontSize: 12.5, bold: true, margin: [0, 10 * MM, 0, 2 * MM] });
    content.push({ text, fontSize: 10 });
  }
  return content;
}

function definition(seed) {
  const content = cover(seed);
  content.push({
    toc: {
      title: { text: seed.toc_title, fontSize: 16, bold: true, margin: [0, 0, 0, 6 * MM] },
      numberStyle: { fontSize: 11 },
    },
    pageBreak: "before",
  });
  seed.sections.forEach((section, index) => {
    content.push({
      text: `${section.position}. ${section.title}`,
      fontSize: 16,
      bold: true,
      tocItem: true,
      tocStyle: { bold: true },
      tocMargin: [0, 3 * MM, 0, 0],
      // A section without items runs on after the one before it, as in our agenda.
      pageBreak: section.items.length || index === 0 ? "before" : undefined,
      margin: [0, 0, 0, 6 * MM],
    });
    for (const item of section.items) {
      content.push({
        text: `${section.position}.${item.position}. ${item.title}`,
        fontSize: 12.5,
        bold: true,
        tocItem: true,
        tocMargin: [6 * MM, 0, 0, 0],
        margin: [0, 6 * MM, 0, 0.5 * MM],
      });
      content.push({ text: item.case_line, fontSize: 9, margin: [0, 0.5 * MM, 0, 3 * MM] });
      for (const text of item.texts) {
        content.push({ text: text.heading, bold: true, margin: [0, 3.5 * MM, 0, 0.6 * MM] });
        content.push(...blocks(text.blocks));
      }
      if (item.attachments.length) {
        content.push({ text: seed.attachments_title, bold: true, margin: [0, 2 * MM, 0, 0.6 * MM] });
        content.push({ ul: item.attachments, fontSize: 10 });
      }
    }
  });
  return {
    pageSize: "A4",
    pageMargins: [50 * MM, 30 * MM, 26 * MM, 22 * MM],
    info: { title: seed.title, author: seed.council },
    defaultStyle: { font: "SourceSans3", fontSize: 11, lineHeight: 1.15 },
    header: (currentPage) =>
      currentPage === 1
        ? null
        : {
            columns: [
              { text: seed.running_header, fontSize: 8.5 },
              { text: `SIDE | ${currentPage}`, fontSize: 8.5, alignment: "right" },
            ],
            margin: [50 * MM, 14 * MM, 26 * MM, 0],
          },
    content,
  };
}

function render(printer, seed) {
  return new Promise((resolve, reject) => {
    const doc = printer.createPdfKitDocument(definition(seed));
    const chunks = [];
    doc.on("data", (chunk) => chunks.push(chunk));
    doc.on("error", reject);
    doc.on("end", () => resolve({ data: Buffer.concat(chunks), pages: doc._pdfMakePages.length }));
    doc.end();
  });
}

async function main() {
  const [seedPath, count, out] = process.argv.slice(2);
  const seed = JSON.parse(fs.readFileSync(seedPath, "utf8"));
  const font = (name) => path.join(FONTS, `SourceSans3-${name}.ttf`);
  const printer = new PdfPrinter({
    SourceSans3: {
      normal: font("Regular"),
      bold: font("Bold"),
      italics: font("It"),
      bolditalics: font("BoldIt"),
    },
  });
  const seconds = [];
  let last;
  for (let n = 0; n < Number(count || 4); n++) {
    const started = process.hrtime.bigint();
    last = await render(printer, seed);
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  if (out) fs.writeFileSync(out, last.data);
  process.stdout.write(JSON.stringify({ seconds, pages: last.pages, bytes: last.data.length }) + "\n");
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
