/* georepctl: its errors and exit codes. Every verb fails through
 * ctl_fail () and exits with ctl_exit_code (), so that a failure reads
 * and exits the same everywhere (georepctl(1), EXIT STATUS). */
#include "config.h"

#include "georepctl.h"
#include "gr-error.h"

GQuark
ctl_error_quark (void)
{
  return g_quark_from_static_string ("georepctl-error-quark");
}

/* Translated where shown (N_: marked only). */
const char ctl_help_epilogue[] =
    N_ ("Exit status:\n"
        "  0  success\n"
        "  1  failure\n"
        "  2  wrong usage\n"
        "  3  timed out\n"
        "  4  not authorized\n"
        "  5  the service (or the system bus) is not running\n"
        "  6  session, destination or option not found\n"
        "\n"
        "See georepctl(1) for details.");

/* The D-Bus name of an error, when it has one worth showing. */
static char *
error_name (const GError *error)
{
  char *name = g_dbus_error_get_remote_error (error);

  if (name != NULL)
    return name;
  if (error->domain == GR_ERROR && error->code >= 0 &&
      error->code < GR_ERROR_N_ERRORS)
    return g_strdup (gr_error_dbus_name (error->code));
  if (error->domain == G_DBUS_ERROR)
    return g_dbus_error_encode_gerror (error);
  return NULL;
}

int
ctl_fail (CtlContext *ctx, const char *what, const GError *error)
{
  g_autoptr (GError) copy = g_error_copy (error);
  g_autofree char *name = error_name (error);

  g_dbus_error_strip_remote_error (copy);
  if (name != NULL)
    g_printerr ("georepctl: %s: %s (%s)\n", what, copy->message, name);
  else
    g_printerr ("georepctl: %s: %s\n", what, copy->message);
  return ctl_exit_code (error);
}

static gboolean
is_dbus_error (const GError *error, const GDBusError *codes)
{
  if (error->domain != G_DBUS_ERROR)
    return FALSE;
  for (; *codes != G_DBUS_ERROR_FAILED; codes++)
    if (error->code == (int) *codes)
      return TRUE;
  return FALSE;
}

static gboolean
is_gr_error (const GError *error, GrError first, GrError last)
{
  return error->domain == GR_ERROR && error->code >= (int) first &&
         error->code <= (int) last;
}

/* For the errors GDBus has no code for. */
static gboolean
is_remote_error (const GError *error, const char *name)
{
  g_autofree char *remote = g_dbus_error_get_remote_error (error);

  return g_strcmp0 (remote, name) == 0;
}

int
ctl_exit_code (const GError *error)
{
  /* Each list ends with G_DBUS_ERROR_FAILED, which is never mapped. */
  static const GDBusError timed_out[] = { G_DBUS_ERROR_TIMEOUT,
                                          G_DBUS_ERROR_TIMED_OUT,
                                          G_DBUS_ERROR_FAILED };
  static const GDBusError denied[] = { G_DBUS_ERROR_ACCESS_DENIED,
                                       G_DBUS_ERROR_FAILED };
  static const GDBusError absent[] = {
    G_DBUS_ERROR_SERVICE_UNKNOWN,         G_DBUS_ERROR_NAME_HAS_NO_OWNER,
    G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND, G_DBUS_ERROR_SPAWN_CHILD_EXITED,
    G_DBUS_ERROR_SPAWN_EXEC_FAILED,       G_DBUS_ERROR_FAILED
  };

  if (g_error_matches (error, CTL_ERROR, CTL_ERROR_USAGE))
    return CTL_EXIT_USAGE;
  if (g_error_matches (error, CTL_ERROR, CTL_ERROR_NOT_RUNNING) ||
      is_dbus_error (error, absent))
    return CTL_EXIT_NOT_RUNNING;
  if (g_error_matches (error, GR_ERROR, GR_ERROR_TIMEDOUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      is_dbus_error (error, timed_out))
    return CTL_EXIT_TIMEDOUT;
  if (is_gr_error (error, GR_ERROR_NOT_AUTHORIZED,
                   GR_ERROR_NOT_AUTHORIZED_DISMISSED) ||
      is_dbus_error (error, denied) ||
      is_remote_error (
          error, "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired"))
    return CTL_EXIT_NOT_AUTHORIZED;
  if (g_error_matches (error, GR_ERROR, GR_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT))
    return CTL_EXIT_NOT_FOUND;
  return CTL_EXIT_FAILURE;
}
