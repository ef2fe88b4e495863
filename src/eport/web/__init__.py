"""HTTP adapter: the REST API under /api/v1, health and metrics, and the portal."""
