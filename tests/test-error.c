/* Unit tests of the error domain: every error of docs/api.md crosses the
 * bus under its own name and comes back as itself. */
#include <gio/gio.h>

#include "gr-error.h"
#include "gr-names.h"

static const char *const design_errors[] = {
  "Failed",          "InvalidArgument",        "NotFound",
  "AlreadyExists",   "InvalidState",           "Busy",
  "Timedout",        "GlusterdUnavailable",    "GlusterFailed",
  "NotAuthorized",   "NotAuthorizedCanObtain", "NotAuthorizedDismissed",
  "HostKeyMismatch", "HostUnreachable",        "AuthenticationFailed",
};

static void
test_names (void)
{
  g_assert_cmpint (G_N_ELEMENTS (design_errors), ==, GR_ERROR_N_ERRORS);
  for (guint code = 0; code < GR_ERROR_N_ERRORS; code++)
    {
      g_autofree char *expected =
          g_strconcat (GR_DBUS_ERROR_PREFIX, design_errors[code], NULL);

      g_assert_cmpstr (gr_error_dbus_name (code), ==, expected);
    }
}

static void
test_round_trip (void)
{
  for (int code = 0; code < GR_ERROR_N_ERRORS; code++)
    {
      g_autoptr (GError) error =
          g_error_new (GR_ERROR, code, "message %u", code);
      g_autofree char *name = g_dbus_error_encode_gerror (error);
      g_autoptr (GError) back =
          g_dbus_error_new_for_dbus_error (name, "message");

      g_assert_cmpstr (name, ==, gr_error_dbus_name (code));
      g_assert_error (back, GR_ERROR, code);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/error/names", test_names);
  g_test_add_func ("/error/round-trip", test_round_trip);
  return g_test_run ();
}
