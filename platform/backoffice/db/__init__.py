"""Database access: engines, the tenant scope, tenant-owned tables and the migration runner."""
