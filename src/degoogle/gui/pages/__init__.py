"""One module per wizard page, in the order a person meets them."""
