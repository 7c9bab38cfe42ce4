// English texts of the web app. Every key here has its Indonesian twin in id.ts (a test checks).
const en = {
  app: { name: "Backoffice", skip: "Skip to content", loading: "Loading…", retry: "Try again" },
  auth: {
    logIn: "Log in", logOut: "Log out", signUp: "Create your company", email: "Email", password: "Password",
    fullName: "Your full name", companyName: "Company name", companySlug: "Company (optional)",
    companySlugHint: "Only needed when you belong to several companies.",
    noAccount: "New to Backoffice?", haveAccount: "Already have an account?",
    forgot: "Forgot your password?",
    forgotHelp: "Ask an owner or admin of your company to set a new password for you, or to invite you again.",
    passwordHint: "At least 10 characters.", welcome: "Welcome to Backoffice",
    tagline: "HR, finance, IT, legal, logistics and general affairs in one place.",
    acceptInvitation: "Join the company", invitationHelp: "Choose your name and password to join.",
  },
  nav: {
    home: "Home", settings: "Settings", company: "Company", modules: "Modules", users: "People",
    roles: "Roles", apiClients: "API clients", audit: "Audit log", jobs: "Background jobs",
    menu: "Menu", switchCompany: "Switch company", language: "Language", account: "Account",
  },
  common: {
    save: "Save", cancel: "Cancel", create: "Create", edit: "Edit", delete: "Delete", search: "Search",
    all: "All", loadMore: "Load more", noRecords: "Nothing here yet.", columns: "Columns",
    export: "Export", exportCsv: "Export CSV", exportXlsx: "Export XLSX", close: "Close", back: "Back", yes: "Yes", no: "No",
    saved: "Saved", error: "Something went wrong", shown: "{{shown}} of {{total}}", details: "Details",
    status: "Status", name: "Name", description: "Description", actions: "Actions", copy: "Copy",
    copied: "Copied", filters: "Filters", required: "Required", new: "New",
  },
  home: {
    title: "Good to see you, {{name}}", modulesOn: "Modules in use", people: "People",
    noModules: "No modules are on yet. An admin can switch them on in Settings → Modules.",
    openModules: "Choose modules", headcount: "Headcount by department", members: "Members",
    recentActivity: "Recent activity", jobs: "Background jobs",
  },
  settings: {
    logo: "Logo", chooseLogo: "Choose a PNG or JPEG", removeLogo: "Remove logo",
    logoHint: "PNG or JPEG, at most 256 KB.", fiscalYear: "Fiscal year", fiscalYearStart: "The fiscal year starts in",
    companyProfile: "Company profile", companyName: "Name", defaultLanguage: "Default language",
    baseCurrency: "Base currency", slug: "Address", moduleOn: "On", moduleOff: "Off",
    dependsOn: "Needs: {{list}}", neededBy: "Needed by: {{list}}", coreModule: "Always on",
    enabledMsg: "{{name}} is on", disabledMsg: "{{name}} is off",
    invite: "Invite a person", invitationLink: "Invitation link (shown once)",
    invitationHelp: "Send this link to the person; it works once, for 7 days.",
    addUser: "Add a person", active: "Active", inactive: "Deactivated", deactivate: "Deactivate",
    reactivate: "Reactivate", rolesOf: "Roles", assignRoles: "Change roles", joined: "Joined",
    newRole: "New role", permissionMatrix: "Permissions", builtin: "Built-in", custom: "Custom",
    members: "Members", newClient: "New API client", clientId: "Client ID", clientSecret: "Client secret",
    secretOnce: "Copy the secret now: it is never shown again.", scopes: "Scopes", revoke: "Revoke",
    revoked: "Revoked", created: "Created", operation: "Operation", actor: "Actor", when: "When",
    since: "Since", until: "Until", target: "Records", changes: "Changes", ip: "Address",
    job: "Job", progress: "Progress", attempts: "Attempts", message: "Message",
  },
  resource: {
    notFound: "This page does not exist, or you may not open it.", newRecord: "New {{label}}",
    editRecord: "Edit", created: "Created", updated: "Saved", fixErrors: "Please correct the marked fields.",
  },
};

export default en;
export type Messages = typeof en;
