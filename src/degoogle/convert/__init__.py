"""Conversions from what Google holds to what the target accepts (file names first: see ``names``)."""
