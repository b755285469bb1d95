"""The 理赔 tab: claims list, intake with a live decision, the audit workflow, payments."""
