"""Bulk export: a GraphQL query over one connection, run as a background job that writes
every node as a line of JSON and hands back a short-lived signed download link."""
