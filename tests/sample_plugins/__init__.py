"""Small plugins, each broken in one way, for the plugin manager's start-up checks."""
