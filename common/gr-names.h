/* georepd: the public names of the D-Bus API, in one place.
 * They are a contract with external clients: add, never rename. */
#pragma once

#define GR_DBUS_NAME "org.gluster.GeoReplication1"
#define GR_DBUS_PATH "/org/gluster/GeoReplication1"
#define GR_DBUS_PATH_DESTINATIONS GR_DBUS_PATH "/destinations"
#define GR_DBUS_PATH_SESSIONS GR_DBUS_PATH "/sessions"

#define GR_DBUS_INTERFACE_MANAGER GR_DBUS_NAME ".Manager"
#define GR_DBUS_INTERFACE_DESTINATION GR_DBUS_NAME ".Destination"
#define GR_DBUS_INTERFACE_SESSION GR_DBUS_NAME ".Session"

#define GR_DBUS_ERROR_PREFIX GR_DBUS_NAME ".Error."

#define GR_ACTION_PREFIX "org.gluster.georeplication1."
#define GR_ACTION_MANAGE_DESTINATIONS GR_ACTION_PREFIX "manage-destinations"
#define GR_ACTION_MANAGE_SESSIONS GR_ACTION_PREFIX "manage-sessions"
#define GR_ACTION_CONTROL_SESSIONS GR_ACTION_PREFIX "control-sessions"
#define GR_ACTION_CONFIGURE_SESSIONS GR_ACTION_PREFIX "configure-sessions"
#define GR_ACTION_CONFIGURE_COMMANDS GR_ACTION_PREFIX "configure-commands"
#define GR_ACTION_VERIFY_SESSIONS GR_ACTION_PREFIX "verify-sessions"
#define GR_ACTION_MANAGE_EVENTS GR_ACTION_PREFIX "manage-events"

/* The option every method understands (udisks' name). */
#define GR_OPTION_NO_USER_INTERACTION "auth.no_user_interaction"

/* Long operations (docs/disaster-recovery.md). */
#define GR_DBUS_PATH_JOBS GR_DBUS_PATH "/jobs"
#define GR_DBUS_INTERFACE_JOB GR_DBUS_NAME ".Job"
#define GR_ACTION_SCHEDULE_SESSIONS GR_ACTION_PREFIX "schedule-sessions"
#define GR_ACTION_DISASTER_RECOVERY GR_ACTION_PREFIX "disaster-recovery"
