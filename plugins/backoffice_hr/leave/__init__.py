"""Leave: types with yearly entitlements, balances per employee and year, requests with
approval by the manager or HR."""
