"""File formats: Excel (openpyxl / calamine), PDF forms (reportlab), batch packages."""
