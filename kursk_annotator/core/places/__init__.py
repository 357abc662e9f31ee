"""Places across the library: canonical places with their names, coordinates, mentions in
the texts (tagged or not) and review status; the dossier of one place."""
