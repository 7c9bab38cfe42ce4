// Personal data (UU PDP) on the client: the name check before anonymising, the texts of the
// actions, and waiting for an export archive to be built.

/** The name as the server compares it: spaces collapsed, case ignored. */
export function normaliseName(value: string): string {
  return value.trim().split(/\s+/).join(" ").toLocaleLowerCase("en");
}

/** Whether what was typed repeats the employee's name (the anonymise button unlocks then). */
export function confirmMatches(typed: string, name: string): boolean {
  return normaliseName(typed) !== "" && normaliseName(typed) === normaliseName(name);
}

export interface ExportState { status: string; file?: { filename: string; contentType: string; base64: string } | null }

/**
 * Ask for an export until its archive is ready (resolves with the file) or `timeout` milliseconds
 * have passed (rejects). `fetchState` returns null when the export is gone.
 */
export async function waitForArchive(
  fetchState: () => Promise<ExportState | null>,
  { interval = 800, timeout = 120_000, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)) }: {
    interval?: number; timeout?: number; sleep?: (ms: number) => Promise<unknown>;
  } = {},
): Promise<NonNullable<ExportState["file"]>> {
  let waited = 0;
  for (;;) {
    const state = await fetchState();
    if (!state) throw new Error("gone");
    if (state.status === "ready" && state.file) return state.file;
    if (waited >= timeout) throw new Error("timeout");
    await sleep(interval);
    waited += interval;
  }
}

export const PERSONAL_DATA_TEXTS = {
  en: {
    export: "Export personal data",
    exportHelp: "Everything the company holds about this person, as a ZIP they can open (UU PDP).",
    preparing: "Preparing the archive…",
    ready: "{{name}} is downloaded",
    failed: "The export failed: {{reason}}",
    anonymise: "Anonymise",
    anonymiseTitle: "Anonymise this former employee",
    anonymiseBody: "This cannot be undone. Their name, national id, NPWP, bank details, birth date, address, phone, " +
      "emails, emergency contacts and documents are removed from every module, and so is free text about them. " +
      "Payslips and the books keep their amounts, as tax law requires.",
    anonymiseOnlyLeft: "Only someone who has left can be anonymised.",
    typeName: "Type {{name}} to confirm",
    anonymised: "The employee's personal data was removed",
    alreadyAnonymised: "This former employee's personal data was anonymised.",
    myData: "My data",
    myDataHelp: "Download everything this company holds about you: your employee record, leave, payslips, " +
      "training, requests, and what other departments keep (UU PDP).",
    download: "Download my data",
  },
  id: {
    export: "Ekspor data pribadi",
    exportHelp: "Semua data yang disimpan perusahaan tentang orang ini, dalam ZIP yang dapat dibukanya (UU PDP).",
    preparing: "Menyiapkan arsip…",
    ready: "{{name}} telah diunduh",
    failed: "Ekspor gagal: {{reason}}",
    anonymise: "Anonimkan",
    anonymiseTitle: "Anonimkan mantan karyawan ini",
    anonymiseBody: "Tindakan ini tidak dapat dibatalkan. Nama, NIK, NPWP, data bank, tanggal lahir, alamat, telepon, " +
      "email, kontak darurat, dan dokumennya dihapus dari setiap modul, begitu pula teks bebas tentang dirinya. " +
      "Slip gaji dan pembukuan tetap menyimpan nominalnya, sebagaimana diwajibkan hukum pajak.",
    anonymiseOnlyLeft: "Hanya karyawan yang sudah keluar yang dapat dianonimkan.",
    typeName: "Ketik {{name}} untuk mengonfirmasi",
    anonymised: "Data pribadi karyawan telah dihapus",
    alreadyAnonymised: "Data pribadi mantan karyawan ini sudah dianonimkan.",
    myData: "Data saya",
    myDataHelp: "Unduh semua data yang disimpan perusahaan ini tentang Anda: data kepegawaian, cuti, slip gaji, " +
      "pelatihan, permintaan, dan data yang disimpan departemen lain (UU PDP).",
    download: "Unduh data saya",
  },
};
