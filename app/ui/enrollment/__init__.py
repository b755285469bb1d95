"""The 参保缴费 tab: periods, eligibility, enrollment, contributions, printing and batches."""
