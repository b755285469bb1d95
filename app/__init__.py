"""职工互助保障经办台 — a desktop desk for workers' mutual-aid insurance."""

__version__ = "0.1.0"
