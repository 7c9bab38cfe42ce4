"""Notifications: what modules tell people (``sdk.notify``), each person's inbox in the web app,
their choice per kind of whether it also comes by email, and the GraphQL to read them.

Only a person's own notifications are ever read or marked; a disabled module's kinds and
notifications are hidden until it is enabled again."""
