"""Planning and oversight: aging of receivables and payables, budgets against actuals, the
13-week cash forecast, and risk indicators with thresholds the company sets."""
