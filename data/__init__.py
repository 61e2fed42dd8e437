"""The bundled sample article, shipped as the package ``tui.data`` (see pyproject.toml)."""
