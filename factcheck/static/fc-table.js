// Tables that fit: a table wider than its column is shown as cards, one per
// row, each cell led by its heading (data-label), at any screen width.
// The register (table.fc-sortable): sort by a column heading or the "Sort by"
// menu, filter by words or by a verdict chip, and a live count of the claims
// shown. Without JavaScript every table is still complete, in article order.
(function () {
  // Every table is laid out as a table, then all are measured together and
  // those wider than their column become cards: one layout of the page, not
  // one per table (each measure after a change would lay the page out again).
  function fit(tables) {
    tables.forEach((table) => table.classList.remove("fc-as-cards"));
    const tooWide = tables.filter((table) => {
      const box = table.closest(".fc-scroll") || table.parentElement;
      return table.scrollWidth > box.clientWidth + 1;
    });
    tooWide.forEach((table) => table.classList.add("fc-as-cards"));
  }

  function cellValue(row, index) {
    const cell = row.cells[index];
    const key = cell.dataset.sort ?? cell.textContent.trim();
    return /^-?\d+(\.\d+)?$/.test(key) ? Number(key) : key.toLowerCase();
  }

  function sortBy(table, index, ascending) {
    const body = table.tBodies[0];
    table.querySelectorAll("th").forEach((th, i) => {
      if (i === index) th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    const rows = [...body.rows].sort((a, b) => {
      const x = cellValue(a, index), y = cellValue(b, index);
      return (x > y ? 1 : x < y ? -1 : 0) * (ascending ? 1 : -1);
    });
    rows.forEach((row) => body.appendChild(row));
  }

  // A word of the query matches a row when some word of the row starts with
  // it; a query that is exactly a verdict's name matches that verdict only,
  // so "accurate" does not also find "inaccurate" or "mostly accurate".
  function matches(row, query, verdicts) {
    if (verdicts[query]) return row.dataset.verdict === verdicts[query];
    const words = row.textContent.toLowerCase().split(/[\s"“”‘’()]+/);
    return query.split(/\s+/).filter(Boolean).every((q) => words.some((w) => w.startsWith(q)));
  }

  function enhance(table) {
    const body = table.tBodies[0];
    const panel = table.closest(".fc-filterable");
    table.querySelectorAll("th button.fc-sort").forEach((button, index) => {
      button.addEventListener("click", () => {
        sortBy(table, index, button.closest("th").getAttribute("aria-sort") !== "ascending");
      });
    });
    if (!panel) return;
    const filter = panel.querySelector("input.fc-filter");
    const chips = [...panel.querySelectorAll("button.fc-chip")];
    const count = panel.querySelector(".fc-shown-count");
    const select = panel.querySelector("select.fc-sort-select");
    const verdicts = {};
    chips.forEach((chip) => {
      verdicts[chip.firstChild.textContent.trim().toLowerCase()] = chip.dataset.verdict;
    });

    function apply() {
      const query = (filter?.value || "").trim().toLowerCase();
      const chosen = chips.filter((c) => c.getAttribute("aria-pressed") === "true").map((c) => c.dataset.verdict);
      let shown = 0;
      [...body.rows].forEach((row) => {
        row.hidden = !((chosen.length === 0 || chosen.includes(row.dataset.verdict)) && (!query || matches(row, query, verdicts)));
        if (!row.hidden) shown += 1;
      });
      if (count) count.textContent = String(shown);
    }
    filter?.addEventListener("input", apply);
    chips.forEach((chip) => {
      chip.addEventListener("click", () => {
        chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
        apply();
      });
    });
    select?.addEventListener("change", () => sortBy(table, Number(select.value), true));
  }

  function start() {
    document.querySelectorAll("table.fc-sortable").forEach(enhance);
    const tables = [...document.querySelectorAll("table.fc-table")];
    const fitAll = () => fit(tables);
    fitAll();
    // a closed <details> has no width: fit its table when it opens
    document.querySelectorAll("details").forEach((d) => d.addEventListener("toggle", fitAll));
    let pending = 0;
    window.addEventListener("resize", () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(fitAll);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
