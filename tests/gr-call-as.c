/* Test helper: makes one D-Bus call on the sandbox's system bus as
 * another (unprivileged) user, and prints the reply or the error name.
 *
 *   gr-call-as USER call PATH INTERFACE METHOD ARGS-GVARIANT-TEXT
 *   gr-call-as USER own NAME
 *
 * Exit status: 0 on a reply, 1 on a D-Bus error (its name on stdout),
 * 2 on a usage or setup failure. */
#include <gio/gio.h>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include "gr-error.h"
#include "gr-names.h"

static void
become (const char *user)
{
  struct passwd *pw = getpwnam (user);

  if (pw == NULL || initgroups (user, pw->pw_gid) != 0 ||
      setgid (pw->pw_gid) != 0 || setuid (pw->pw_uid) != 0)
    {
      g_printerr ("cannot become %s\n", user);
      exit (2);
    }
}

static int
report_error (GError *error)
{
  g_autofree char *name = g_dbus_error_get_remote_error (error);

  g_print ("%s\n", name ? name : error->message);
  return 1;
}

static int
call (GDBusConnection *bus, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) args =
      g_variant_parse (NULL, argv[4], NULL, NULL, &error);
  g_autoptr (GVariant) reply = NULL;

  if (args == NULL)
    return report_error (error);
  reply = g_dbus_connection_call_sync (
      bus, GR_DBUS_NAME, argv[1], argv[2], argv[3], args, NULL,
      G_DBUS_CALL_FLAGS_NONE, 60000, NULL, &error);
  if (reply == NULL)
    return report_error (error);
  {
    g_autofree char *text = g_variant_print (reply, TRUE);
    g_print ("%s\n", text);
  }
  return 0;
}

static int
own (GDBusConnection *bus, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus", "RequestName", g_variant_new ("(su)", name, 4),
      NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);

  if (reply == NULL)
    return report_error (error);
  g_print ("owned\n");
  return 0;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) bus = NULL;

  if (argc < 3 || !((g_str_equal (argv[2], "call") && argc == 7) ||
                    (g_str_equal (argv[2], "own") && argc == 4)))
    {
      g_printerr (
          "usage: gr-call-as USER call PATH IFACE METHOD ARGS | own NAME\n");
      return 2;
    }
  become (argv[1]);
  (void) GR_ERROR;
  bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (bus == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (g_str_equal (argv[2], "own"))
    return own (bus, argv[3]);
  return call (bus, argv + 2);
}
