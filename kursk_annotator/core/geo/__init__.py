"""Qt-free map geometry: the theatre base map, projection and view, and the map scene
that both the app's map panel (QPainter) and the briefing's map page (Pillow) draw."""
