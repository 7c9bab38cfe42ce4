import writeXlsxFile from "write-excel-file";
import { valueAt, type UiColumn } from "./resource";

// Loaded on demand when someone exports: the XLSX writer is not part of the first screens.
export async function writeXlsx(fileName: string, columns: readonly UiColumn[], rows: readonly unknown[]): Promise<void> {
  const header = columns.map((c) => ({ value: c.label, fontWeight: "bold" as const }));
  const body = rows.map((row) => columns.map((c) => {
    const value = valueAt(row, c.field);
    if (value === null || value === undefined) return null;
    const text = Array.isArray(value) ? value.join("; ") : String(value);
    // Numbers stay numbers while a spreadsheet can hold them exactly (15 significant digits).
    if ((c.kind === "money" || c.kind === "number") && /^-?\d+(\.\d+)?$/.test(text) && text.replace(/[-.]/g, "").length <= 15) {
      return { type: Number, value: Number(text) };
    }
    return { type: String, value: text };
  }));
  await writeXlsxFile([header, ...body] as never, { fileName });
}
