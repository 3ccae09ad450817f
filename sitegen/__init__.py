"""sitegen: turn a folder of news articles into a cross-linked static briefing site."""

__version__ = "0.1.0"
