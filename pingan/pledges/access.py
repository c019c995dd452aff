"""Who works on pledges. Leaders, administrators and window clerks publish them for their
jurisdiction; grid members also enter paper sheets collected on their rounds."""

from pingan.org.roles import Role

MANAGE_ROLES = frozenset({Role.LEADER, Role.ADMIN, Role.CLERK})
PAPER_ROLES = MANAGE_ROLES | {Role.GRID}
VIEW_ROLES = PAPER_ROLES
PHONE_PURPOSE = "pledge_sign"
