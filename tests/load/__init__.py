"""A bounded load test on loopback (``make load``); not collected by pytest."""
