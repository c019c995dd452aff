"""Who works on surveys: town and city staff build and publish them for their jurisdiction,
enter paper sheets and read the 三率."""

from pingan.org.roles import Role

STAFF_ROLES = (Role.LEADER, Role.ADMIN, Role.INSPECTOR, Role.GRID)
# Building and publishing a survey speaks for a region: its leaders, administrators, officers.
BUILD_ROLES = (Role.LEADER, Role.ADMIN, Role.INSPECTOR)
