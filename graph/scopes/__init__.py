"""Scopes of the map (a deal, an account, a workspace): read from the store, analysed, cached."""
