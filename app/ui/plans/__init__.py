"""The 保障计划 tab: plans, their benefits and figures; administrators change 待确认 figures."""
