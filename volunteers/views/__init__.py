"""The volunteers app's pages, one module per area."""
