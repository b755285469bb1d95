"""SQLAlchemy 2.0 typed models and the engine / session factory.

Tables, by module:
- ``office``: office_profile — the office running this copy (name, level, region);
- ``user``: users, login_failures — logins with roles and scrypt hashes; failed attempts per name;
- ``audit``: audit_events — who changed what and when, hash-chained;
- ``roster``: units, members, family_members — the roster;
- ``plan``: plan_versions, coverage_periods — office changes to plans, and periods (期);
- ``enrollment``: enrollments, contributions, batches;
- ``claim``: claims, claim_steps, claim_counters;
- ``exchange``: batch_imports, exchange_links — batches taken in and what each line became;
  installation, partner_keys, partner_units — this copy's signing identity and its partners' keys;
- ``setting``: app_settings — the office's preferences (language, defaults, holidays, seal).
"""

from app.models.audit import AuditEvent
from app.models.base import Base
from app.models.claim import Claim, ClaimCounter, ClaimStep
from app.models.enrollment import Batch, Contribution, Enrollment
from app.models.exchange import BatchImport, ExchangeLink, Installation, PartnerKey, PartnerUnit
from app.models.office import OfficeProfile
from app.models.plan import CoveragePeriod, PlanVersion
from app.models.roster import FamilyMember, Member, Unit
from app.models.setting import AppSetting
from app.models.user import LoginFailure, User

__all__ = [
    "AppSetting",
    "AuditEvent",
    "Base",
    "Batch",
    "BatchImport",
    "Claim",
    "ClaimCounter",
    "ClaimStep",
    "Contribution",
    "CoveragePeriod",
    "Enrollment",
    "ExchangeLink",
    "FamilyMember",
    "LoginFailure",
    "Installation",
    "Member",
    "OfficeProfile",
    "PartnerKey",
    "PartnerUnit",
    "PlanVersion",
    "Unit",
    "User",
]
