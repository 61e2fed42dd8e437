"""Widgets of the reader: article pane, outline/entity/section panes, title bar, legend."""
