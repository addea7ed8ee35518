"""WeedGo AI Engine: a fast, grounded AI budtender for licensed cannabis stores."""

__version__ = "0.1.0"
