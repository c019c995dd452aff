"""Who does what in the Safety Day app and in surveys' staff pages."""

from pingan.org.roles import Role

# Town and city staff who organise the campaign's work, see it and report it.
REPORT_ROLES = (Role.LEADER, Role.ADMIN, Role.INSPECTOR, Role.GRID)
VIEW_ROLES = REPORT_ROLES
# Opening a campaign by hand and closing it: the city's leaders and administrators.
CITY_ROLES = (Role.LEADER, Role.ADMIN)
