"""The operations dashboard: the figures modules offer (``register_indicators``), live for the
day asked and, from a daily snapshot per company, as a trend.

``tables`` keeps the snapshots, ``services`` computes and stores figures, ``jobs`` is the
daily snapshot job (a core cron job) and ``graphql`` the ``dashboard`` query. It knows no
module by name.
"""
