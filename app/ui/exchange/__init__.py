"""The USB exchange in the window: keys, and checking stamped paper against imported batches."""
