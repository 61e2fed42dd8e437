"""Modal screens: search, help, export."""
