"""eventmap: turn many news articles about a story into a cited, checkable event map."""

__version__ = "0.1.0"
