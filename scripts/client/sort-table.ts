/**
 * Sortable tables, as progressive enhancement: every `table[data-sortable]` gets a
 * button in each column header; without JavaScript the table stays in its server
 * order. Cells may carry `data-sort` (a number or an ISO date) to sort by something
 * other than their text. aria-sort tells screen readers the current order.
 */
function key(cell: Element | undefined): string | number {
  const raw = (cell as HTMLElement | undefined)?.dataset.sort ?? cell?.textContent?.trim() ?? "";
  const n = Number(raw);
  return raw !== "" && Number.isFinite(n) ? n : raw.toLowerCase();
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true });
}

function enhance(table: HTMLTableElement): void {
  const heads = [...table.querySelectorAll<HTMLTableCellElement>("thead th")];
  const body = table.tBodies[0];
  if (!body) return;
  heads.forEach((th, col) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.textContent = th.textContent ?? "";
    th.textContent = "";
    th.append(button);
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      for (const other of heads) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const rows = [...body.rows];
      rows.sort((r1, r2) => compare(key(r1.cells[col]), key(r2.cells[col])) * (ascending ? 1 : -1));
      body.append(...rows);
    });
  });
}

for (const table of document.querySelectorAll<HTMLTableElement>("table[data-sortable]")) enhance(table);
