"""The Qt window: tabs, dialogs, table models and background tasks. Business rules live below."""
