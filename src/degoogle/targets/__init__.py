"""Where data goes. Each target writes items idempotently and can list what it holds."""
