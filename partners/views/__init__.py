"""The partner pages: reading (directory.py) and editing (edit.py)."""
