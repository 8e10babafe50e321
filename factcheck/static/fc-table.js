// Sort a table.fc-sortable by clicking a column heading (again to reverse) and
// filter its rows with the search box beside it. Without JavaScript the table
// is still complete; this only reorders and hides rows.
(function () {
  function cellValue(row, index) {
    const cell = row.cells[index];
    const key = cell.dataset.sort ?? cell.textContent.trim();
    return /^-?\d+(\.\d+)?$/.test(key) ? Number(key) : key.toLowerCase();
  }

  function enhance(table) {
    const body = table.tBodies[0];
    table.querySelectorAll("th button.fc-sort").forEach((button, index) => {
      button.addEventListener("click", () => {
        const th = button.closest("th");
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach((other) => other.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const rows = [...body.rows].sort((a, b) => {
          const x = cellValue(a, index), y = cellValue(b, index);
          return (x > y ? 1 : x < y ? -1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach((row) => body.appendChild(row));
      });
    });
    const filter = table.closest(".fc-filterable")?.querySelector("input.fc-filter");
    if (filter) {
      filter.addEventListener("input", () => {
        const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
        [...body.rows].forEach((row) => {
          const text = row.textContent.toLowerCase();
          row.hidden = !words.every((word) => text.includes(word));
        });
      });
    }
  }

  function start() {
    document.querySelectorAll("table.fc-sortable").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
