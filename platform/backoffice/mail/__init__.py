"""Outgoing mail: the ``outgoing_mails`` table is the record of every message (queued, sent or
failed, with attempts and the last error), the sender delivers it over SMTP in the background
with retries, and tenant admins see their company's mail through the ``emails`` query.

Templates of the core's own messages (email verification, invitations, password reset,
notifications) live in :mod:`backoffice.mail.templates`."""
