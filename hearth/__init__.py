"""Hearth: case management and intelligence for children and families services."""
