"""Ritsen: prepare, assess and steer a collaboration along the nine links of the zipper."""

__version__ = "0.1.0"
