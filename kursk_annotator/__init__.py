"""Kursk Annotator: tag claims, figures and places in news articles, review them, brief in Word."""

__version__ = "0.1.0"
APP_NAME = "Kursk Annotator"
# Reverse-DNS name: the .desktop entry, the AppStream component, the icon name desktops
# look up, and Qt's desktop file name (Wayland task bars).
APP_ID = "org.kurskannotator.KurskAnnotator"
