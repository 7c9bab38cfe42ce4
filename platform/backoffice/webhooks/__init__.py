"""Webhooks: a company's HTTPS endpoints subscribed to its domain events, and the signed
deliveries (Standard Webhooks) sent to them by the job system, with retries for about a day
and a half, a log of every attempt, redelivery by hand and automatic disabling.

``tables`` holds endpoints and deliveries, ``services`` what admins do with endpoints,
``delivery`` the fan-out from the event dispatcher and the job that posts, ``graphql`` the
API. See ``docs/api/webhooks.md``.
"""
