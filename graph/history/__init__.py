"""The map over time: change events recorded with every write, and reads of them."""
