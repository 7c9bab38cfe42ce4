"""Background jobs: a tenant-aware wrapper over arq, with an in-process runner when there is
no Redis. The jobs table is the record of every job (status, progress, attempts, last error)."""
