"""Company policies with versions, and employees' acknowledgements of the current version."""
