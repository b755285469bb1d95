"""The 会员名册 tab: units, members, their dialogs and the table model."""
