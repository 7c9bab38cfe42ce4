"""Organisation: departments (a tree), positions, employees and their emergency contacts."""
