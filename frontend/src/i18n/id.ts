import type { Messages } from "./en";

// Teks Bahasa Indonesia aplikasi web.
const id: Messages = {
  app: { name: "Backoffice", skip: "Lewati ke konten", loading: "Memuat…", retry: "Coba lagi" },
  auth: {
    logIn: "Masuk", logOut: "Keluar", signUp: "Daftarkan perusahaan Anda", email: "Email", password: "Kata sandi",
    fullName: "Nama lengkap Anda", companyName: "Nama perusahaan", companySlug: "Perusahaan (opsional)",
    companySlugHint: "Hanya perlu bila Anda tergabung di beberapa perusahaan.",
    noAccount: "Baru di Backoffice?", haveAccount: "Sudah punya akun?",
    forgot: "Lupa kata sandi?",
    forgotHelp: "Minta pemilik atau admin perusahaan Anda untuk menetapkan kata sandi baru atau mengundang Anda lagi.",
    passwordHint: "Minimal 10 karakter.", welcome: "Selamat datang di Backoffice",
    tagline: "SDM, keuangan, TI, legal, logistik, dan urusan umum di satu tempat.",
    acceptInvitation: "Bergabung dengan perusahaan", invitationHelp: "Pilih nama dan kata sandi Anda untuk bergabung.",
  },
  nav: {
    home: "Beranda", settings: "Pengaturan", company: "Perusahaan", modules: "Modul", users: "Pengguna",
    roles: "Peran", apiClients: "Klien API", audit: "Log audit", jobs: "Pekerjaan latar belakang",
    menu: "Menu", switchCompany: "Ganti perusahaan", language: "Bahasa", account: "Akun",
  },
  common: {
    save: "Simpan", cancel: "Batal", create: "Buat", edit: "Ubah", delete: "Hapus", search: "Cari",
    all: "Semua", loadMore: "Muat lagi", noRecords: "Belum ada data.", columns: "Kolom",
    export: "Ekspor", exportCsv: "Ekspor CSV", exportXlsx: "Ekspor XLSX", close: "Tutup", back: "Kembali", yes: "Ya", no: "Tidak",
    saved: "Tersimpan", error: "Terjadi kesalahan", shown: "{{shown}} dari {{total}}", details: "Rincian",
    status: "Status", name: "Nama", description: "Deskripsi", actions: "Tindakan", copy: "Salin",
    copied: "Tersalin", filters: "Filter", required: "Wajib", new: "Baru",
  },
  home: {
    title: "Senang bertemu Anda, {{name}}", modulesOn: "Modul yang dipakai", people: "Orang",
    noModules: "Belum ada modul yang aktif. Admin dapat mengaktifkannya di Pengaturan → Modul.",
    openModules: "Pilih modul", headcount: "Jumlah karyawan per departemen", members: "Anggota",
    recentActivity: "Aktivitas terbaru", jobs: "Pekerjaan latar belakang",
  },
  settings: {
    logo: "Logo", chooseLogo: "Pilih PNG atau JPEG", removeLogo: "Hapus logo",
    logoHint: "PNG atau JPEG, maksimal 256 KB.", fiscalYear: "Tahun buku", fiscalYearStart: "Tahun buku dimulai pada bulan",
    companyProfile: "Profil perusahaan", companyName: "Nama", defaultLanguage: "Bahasa bawaan",
    baseCurrency: "Mata uang dasar", slug: "Alamat", moduleOn: "Aktif", moduleOff: "Nonaktif",
    dependsOn: "Memerlukan: {{list}}", neededBy: "Diperlukan oleh: {{list}}", coreModule: "Selalu aktif",
    enabledMsg: "{{name}} aktif", disabledMsg: "{{name}} nonaktif",
    invite: "Undang orang", invitationLink: "Tautan undangan (ditampilkan sekali)",
    invitationHelp: "Kirim tautan ini kepada orang tersebut; hanya berlaku sekali, selama 7 hari.",
    addUser: "Tambah orang", active: "Aktif", inactive: "Dinonaktifkan", deactivate: "Nonaktifkan",
    reactivate: "Aktifkan kembali", rolesOf: "Peran", assignRoles: "Ubah peran", joined: "Bergabung",
    newRole: "Peran baru", permissionMatrix: "Hak akses", builtin: "Bawaan", custom: "Khusus",
    members: "Anggota", newClient: "Klien API baru", clientId: "ID klien", clientSecret: "Rahasia klien",
    secretOnce: "Salin rahasia ini sekarang: tidak akan ditampilkan lagi.", scopes: "Cakupan", revoke: "Cabut",
    revoked: "Dicabut", created: "Dibuat", operation: "Operasi", actor: "Pelaku", when: "Waktu",
    since: "Sejak", until: "Sampai", target: "Data", changes: "Perubahan", ip: "Alamat",
    job: "Pekerjaan", progress: "Kemajuan", attempts: "Percobaan", message: "Pesan",
  },
  resource: {
    notFound: "Halaman ini tidak ada, atau Anda tidak boleh membukanya.", newRecord: "{{label}} baru",
    editRecord: "Ubah", created: "Dibuat", updated: "Tersimpan", fixErrors: "Mohon perbaiki kolom yang ditandai.",
  },
};

export default id;
