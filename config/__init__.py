"""Project configuration: settings, root URLs and API wiring. No domain code lives here."""
