"""Where data comes from. Each source lists entries and streams their bytes; none writes anywhere."""
