"""Services: every change the GUI or the CLI can make goes through one of these."""
