"""`sitegen serve`: build, serve site/ locally, rebuild and reload on change."""

from __future__ import annotations

import click


@click.command()
def serve() -> None:
    """Serve the site locally with live reload (being built)."""
    raise click.UsageError("sitegen serve is not available yet")
