"""The planning pages: the timeline, tasks, exports and the strategic targets."""
