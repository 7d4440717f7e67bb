/* Integration test helpers. */
#include "gr-error.h"
#include "gr-names.h"
#include "gr-test-util.h"

const char *
gr_test_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    g_error ("%s is not set: run the tests through scripts/check, or "
             "eval \"$(scripts/sandbox env)\" first",
             name);
  return value;
}

GDBusConnection *
gr_test_bus (void)
{
  g_autoptr (GError) error = NULL;
  GDBusConnection *bus;

  gr_test_env ("DBUS_SYSTEM_BUS_ADDRESS");
  (void) GR_ERROR;
  bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_assert_no_error (error);
  return bus;
}

GrManager *
gr_test_manager (GDBusConnection *bus)
{
  g_autoptr (GError) error = NULL;
  GrManager *manager = gr_manager_proxy_new_sync (
      bus, G_DBUS_PROXY_FLAGS_NONE, GR_DBUS_NAME, GR_DBUS_PATH, NULL, &error);

  g_assert_no_error (error);
  /* Creating a session waits for ssh and gsyncd: longer than D-Bus's 25 s. */
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (manager), 300000);
  return manager;
}

GDBusObjectManager *
gr_test_objects (GDBusConnection *bus)
{
  g_autoptr (GError) error = NULL;
  GDBusObjectManager *objects = gr_object_manager_client_new_sync (
      bus, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_NONE, GR_DBUS_NAME, GR_DBUS_PATH,
      NULL, &error);

  g_assert_no_error (error);
  return objects;
}

char *
gr_test_run (int *status, const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  else if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
  return g_steal_pointer (&out);
}

int
gr_test_call_as (const char *user,
                 const char *path,
                 const char *interface,
                 const char *method,
                 const char *args,
                 char **output)
{
  g_autofree char *helper = g_build_filename (
      g_getenv ("G_TEST_BUILDDIR") ?: ".", "gr-call-as", NULL);
  const char *argv[] = { helper,    user,   "call", path,
                         interface, method, args,   NULL };
  int status;
  g_autofree char *out = gr_test_run (&status, argv);

  if (output)
    *output = g_strstrip (g_steal_pointer (&out));
  return status;
}

gboolean
gr_test_wait_for (gboolean (*check) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!check (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (50 * 1000);
    }
  return TRUE;
}

GVariant *
gr_test_call (GDBusConnection *bus,
              const char *path,
              const char *interface,
              const char *method,
              GVariant *args,
              GError **error)
{
  return g_dbus_connection_call_sync (
      bus, GR_DBUS_NAME, path, interface, method, args, NULL,
      G_DBUS_CALL_FLAGS_NONE, 300000, NULL, error);
}

void
gr_test_refresh (GDBusConnection *bus)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply =
      gr_test_call (bus, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "Refresh",
                    g_variant_new ("(a{sv})", NULL), &error);

  g_assert_no_error (error);
}

void
gr_test_dispatch_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct {
  GDBusObjectManager *objects;
  const char *path;
  gboolean present;
} ObjectWait;

static gboolean
object_presence (gpointer data)
{
  ObjectWait *wait = data;
  g_autoptr (GDBusObject) object =
      g_dbus_object_manager_get_object (wait->objects, wait->path);

  return (object != NULL) == wait->present;
}

void
gr_test_await_object (GDBusObjectManager *objects,
                      const char *path,
                      gboolean present,
                      guint timeout_ms)
{
  ObjectWait wait = { objects, path, present };

  if (!gr_test_wait_for (object_presence, &wait, timeout_ms))
    g_error ("%s did not %s", path, present ? "appear" : "vanish");
}

guint32
gr_test_service_pid (GDBusConnection *bus)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus", "GetConnectionUnixProcessID",
      g_variant_new ("(s)", GR_DBUS_NAME), G_VARIANT_TYPE ("(u)"),
      G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  guint32 pid;

  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &pid);
  return pid;
}
