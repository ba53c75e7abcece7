"""Domain rules beyond one model: a job title's status level, ideal-customer fit."""
