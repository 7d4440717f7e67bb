/* georepd: the error domain, registered with GDBus so that a GError with
 * GR_ERROR crosses the bus as its own name and comes back as GR_ERROR. */
#include "gr-error.h"
#include "gr-names.h"

static const GDBusErrorEntry gr_error_entries[] = {
  { GR_ERROR_FAILED, GR_DBUS_ERROR_PREFIX "Failed" },
  { GR_ERROR_INVALID_ARGUMENT, GR_DBUS_ERROR_PREFIX "InvalidArgument" },
  { GR_ERROR_NOT_FOUND, GR_DBUS_ERROR_PREFIX "NotFound" },
  { GR_ERROR_ALREADY_EXISTS, GR_DBUS_ERROR_PREFIX "AlreadyExists" },
  { GR_ERROR_INVALID_STATE, GR_DBUS_ERROR_PREFIX "InvalidState" },
  { GR_ERROR_BUSY, GR_DBUS_ERROR_PREFIX "Busy" },
  { GR_ERROR_TIMEDOUT, GR_DBUS_ERROR_PREFIX "Timedout" },
  { GR_ERROR_GLUSTERD_UNAVAILABLE, GR_DBUS_ERROR_PREFIX "GlusterdUnavailable" },
  { GR_ERROR_GLUSTER_FAILED, GR_DBUS_ERROR_PREFIX "GlusterFailed" },
  { GR_ERROR_NOT_AUTHORIZED, GR_DBUS_ERROR_PREFIX "NotAuthorized" },
  { GR_ERROR_NOT_AUTHORIZED_CAN_OBTAIN,
    GR_DBUS_ERROR_PREFIX "NotAuthorizedCanObtain" },
  { GR_ERROR_NOT_AUTHORIZED_DISMISSED,
    GR_DBUS_ERROR_PREFIX "NotAuthorizedDismissed" },
  { GR_ERROR_HOST_KEY_MISMATCH, GR_DBUS_ERROR_PREFIX "HostKeyMismatch" },
  { GR_ERROR_HOST_UNREACHABLE, GR_DBUS_ERROR_PREFIX "HostUnreachable" },
  { GR_ERROR_AUTHENTICATION_FAILED,
    GR_DBUS_ERROR_PREFIX "AuthenticationFailed" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (gr_error_entries) == GR_ERROR_N_ERRORS);

GQuark
gr_error_quark (void)
{
  static gsize quark = 0;

  g_dbus_error_register_error_domain ("gr-error-quark", &quark,
                                      gr_error_entries,
                                      G_N_ELEMENTS (gr_error_entries));
  return (GQuark) quark;
}

const char *
gr_error_dbus_name (GrError code)
{
  g_return_val_if_fail (code < GR_ERROR_N_ERRORS, NULL);
  /* The table is in enum order; the static assert keeps its length. */
  g_assert (gr_error_entries[code].error_code == (gint) code);
  return gr_error_entries[code].dbus_error_name;
}
