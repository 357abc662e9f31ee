"""Kursk Annotator: tag claims, figures and places in news articles, review them, brief in Word."""

__version__ = "0.1.0"
APP_NAME = "Kursk Annotator"
