"""The 统计 tab: charts of benefits, enrollments, claims and participation; payments due."""
