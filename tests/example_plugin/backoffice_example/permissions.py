"""The example module's permissions and its role template."""

from backoffice.sdk import Permission, RoleTemplate, Text

READ = "example.note.read"
WRITE = "example.note.write"

PERMISSIONS = [
    Permission(READ, Text("See notes", "Melihat catatan")),
    Permission(WRITE, Text("Write notes and export them", "Menulis dan mengekspor catatan")),
]

ROLE_TEMPLATES = [
    RoleTemplate(
        key="editor",
        name=Text("Notes editor", "Penyunting catatan"),
        permissions=(READ, WRITE),
        description=Text("Reads and writes the team's notes.",
                         "Membaca dan menulis catatan tim."),
    ),
]
