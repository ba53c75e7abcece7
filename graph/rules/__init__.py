"""Domain rules beyond one model: a job title's status level, ideal-customer fit, and the
integrity rules every write path applies (who may hold a role, reporting cycles, ties, emails).
"""
