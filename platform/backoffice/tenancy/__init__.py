"""Tenants: sign-up, slugs, status, enabled modules, and deletion of everything a tenant owns."""
