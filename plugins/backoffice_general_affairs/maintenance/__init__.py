"""Maintenance requests: anyone files one for a building, floor, room or inventory item; GA
staff assign and move them from open through in progress to done (or cancel them)."""
