"""Logins, the idle lock, passwords and user management in the window."""
