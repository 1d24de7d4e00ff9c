"""newsprism: one story, refracted by each outlet."""

__version__ = "0.1.0"
