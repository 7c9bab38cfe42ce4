"""Identity: users, passwords, sessions, memberships, roles, permissions and OAuth clients."""
