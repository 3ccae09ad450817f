"""`sitegen new` and `sitegen init`: start entries and briefing folders from templates."""

from __future__ import annotations

import click


@click.group()
def new() -> None:
    """Create a new entry from a filled-in template (being built)."""


@click.command()
def init() -> None:
    """Start a new briefing folder (being built)."""
    raise click.UsageError("sitegen init is not available yet")
