"""Benchmarks of Backoffice, each against a baseline measured in the same run.

``python -m bench all|read|tenants|rls|write|jobs|start [--size small|full]``; see
docs/performance.md for what each measures and the latest results.
"""
