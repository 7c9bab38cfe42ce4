"""The knowledge base: articles agents write and link to tickets, and members search."""
