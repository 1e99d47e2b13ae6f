"""The visits pages: the entry page and its form posts, the sync API, corrections, figures."""
