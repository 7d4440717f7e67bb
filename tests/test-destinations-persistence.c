/* Integration tests of the persistence of destinations on the sandbox:
 * what a client sees survives a restart of the service, and killing the
 * service at any moment of a write leaves a sound state file and no
 * corrupt one. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "gr-names.h"
#include "gr-test-destinations.h"
#include "gr-test-files.h"
#include "gr-test-root-key.h"
#include "gr-test-util.h"

#define KILL_ROUNDS 10

/* --- the state directory --- */

static gboolean
has_new_entry (const char *const *before, gboolean (*kind) (const char *))
{
  g_auto (GStrv) now = gr_test_dest_state_entries ();

  for (guint i = 0; now[i]; i++)
    if (kind (now[i]) && !g_strv_contains (before, now[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_corrupt (const char *name)
{
  return strstr (name, "corrupt") != NULL;
}

static void
assert_state_file_sound (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = gr_test_dest_state_path (GR_TEST_DEST_STATE_FILE);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  gr_test_assert_mode (path, 0600, 0);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_true (
      json_object_has_member (json_node_get_object (root), "destinations"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (
      json_object_get_member (json_node_get_object (root), "destinations")));
}

/* --- the service process --- */

static gboolean
name_has_owner (GDBusConnection *bus)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus", "NameHasOwner",
      g_variant_new ("(s)", GR_DBUS_NAME), G_VARIANT_TYPE ("(b)"),
      G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  gboolean owned;

  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &owned);
  return owned;
}

static gboolean
service_gone (gpointer data)
{
  return !name_has_owner (data);
}

static void
restart_service (void)
{
  g_autofree char *script = g_build_filename (gr_test_env ("GEOREP_REPO"),
                                              "scripts", "sandbox", NULL);
  const char *argv[] = { script, "restart-service", NULL };

  g_free (gr_test_run (NULL, argv));
}

/* The pid the sandbox recorded, if it still runs the recorded program. */
static GPid
service_pid (void)
{
  g_autofree char *pid_file = gr_test_sandbox_path ("georepd.pid");
  g_autofree char *exe_file = gr_test_sandbox_path ("georepd.exe");
  g_autofree char *pid_text = NULL;
  g_autofree char *exe = NULL;
  g_autofree char *proc_exe = NULL;
  g_autofree char *running = NULL;

  g_assert_true (g_file_get_contents (pid_file, &pid_text, NULL, NULL));
  g_assert_true (g_file_get_contents (exe_file, &exe, NULL, NULL));
  proc_exe = g_strdup_printf ("/proc/%s/exe", g_strstrip (pid_text));
  running = g_file_read_link (proc_exe, NULL);
  g_assert_nonnull (running);
  g_assert_true (g_str_has_prefix (running, g_strstrip (exe)));
  return atoi (pid_text);
}

/* --- persistence --- */

static const char *const persisted[] = { "Host",
                                         "Port",
                                         "User",
                                         "HostKeyFingerprint",
                                         "HostKeyType",
                                         "Passwordless",
                                         "LastTestTime",
                                         "LastTestMessage",
                                         "RemoteGlusterVersion",
                                         "RemoteVolumes",
                                         NULL };

static GVariant *
persisted_properties (GrTestDestFixture *f, const char *path)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; persisted[i]; i++)
    {
      g_autoptr (GVariant) value = gr_test_dest_get_property (
          f, path, GR_DBUS_INTERFACE_DESTINATION, persisted[i]);

      g_variant_builder_add (&builder, "{sv}", persisted[i], value);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static void
test_persistence (GrTestDestFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) before = NULL;
  g_autoptr (GVariant) after = NULL;
  const char *path = gr_test_dest_add_with_key (f);

  reply = gr_test_dest_test (f, path, &error);
  g_assert_no_error (error);
  before = persisted_properties (f, path);

  restart_service ();
  gr_test_dest_await (f, path, TRUE);
  after = persisted_properties (f, path);
  g_assert_true (g_variant_equal (before, after));
  assert_state_file_sound ();

  /* The installed key line came back too: revoking still works. */
  gr_test_dest_remove_revoking (f, path);
}

typedef struct {
  gboolean done;
  const char *method;
} PendingCall;

static void
on_reply (GObject *source, GAsyncResult *result, gpointer data)
{
  PendingCall *pending = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (
      G_DBUS_CONNECTION (source), result, &error);

  g_test_message ("%s: %s", pending->method, error ? error->message : "done");
  pending->done = TRUE;
}

/* A call that writes the state file: AddDestination when the destination
 * is missing, else Test or Remove in turn. */
static void
start_write (GrTestDestFixture *f,
             const char *path,
             guint round,
             PendingCall *pending)
{
  g_autofree char *fingerprint = gr_test_sandbox_fingerprint ();
  const char *target = path;
  const char *interface = GR_DBUS_INTERFACE_DESTINATION;
  GVariant *args;

  if (gr_test_dest_exists (f, path))
    {
      pending->method = round % 2 ? "Remove" : "Test";
      args = g_variant_new ("(@a{sv})", gr_test_options_none ());
    }
  else
    {
      pending->method = "AddDestination";
      target = GR_DBUS_PATH;
      interface = GR_DBUS_INTERFACE_MANAGER;
      args = g_variant_new ("(sqss@a{sv})", GR_TEST_SANDBOX_HOST,
                            gr_test_sandbox_port (), gr_test_remote_user (),
                            fingerprint, gr_test_options_none ());
    }
  g_dbus_connection_call (f->bus, GR_DBUS_NAME, target, interface,
                          pending->method, args, NULL, G_DBUS_CALL_FLAGS_NONE,
                          60000, NULL, on_reply, pending);
}

typedef enum {
  KILL_WHILE_WRITING, /* as soon as the temporary file appears */
  KILL_AFTER_DELAY,   /* anywhere in the call: the delay grows each round */
  KILL_AFTER_REPLY,   /* the write is complete: later rounds find it */
} KillMoment;

static gboolean
kill_moment_reached (KillMoment moment,
                     guint round,
                     gint64 start,
                     const char *const *before,
                     PendingCall *pending)
{
  switch (moment)
    {
      case KILL_WHILE_WRITING:
        return pending->done ||
               has_new_entry (before, gr_test_dest_is_temporary);
      case KILL_AFTER_DELAY:
        return pending->done ||
               g_get_monotonic_time () - start >= (gint64) round * 30000;
      default:
        return pending->done;
    }
}

/* Polls every half millisecond: a durable write lasts a few. */
static void
kill_service_during_write (GrTestDestFixture *f,
                           guint round,
                           PendingCall *pending)
{
  g_auto (GStrv) before = gr_test_dest_state_entries ();
  KillMoment moment = round % 3;
  GPid pid = service_pid ();
  gint64 start = g_get_monotonic_time ();

  while (!kill_moment_reached (moment, round, start,
                               (const char *const *) before, pending) &&
         g_get_monotonic_time () - start < 30 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  g_test_message (
      "round %u: %s, killing georepd %d after %" G_GINT64_FORMAT " ms%s%s",
      round, pending->method, pid, (g_get_monotonic_time () - start) / 1000,
      has_new_entry ((const char *const *) before, gr_test_dest_is_temporary)
          ? ", it was writing"
          : "",
      pending->done ? ", it had replied" : "");
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_true (gr_test_wait_for (service_gone, f->bus, 10000));
}

static gboolean
is_done (gpointer data)
{
  return ((PendingCall *) data)->done;
}

static void
test_kill_during_writes (GrTestDestFixture *f, gconstpointer data)
{
  const char *path =
      gr_test_dest_fresh (f, gr_test_remote_user (), GR_TEST_SANDBOX_HOST);

  for (guint round = 0; round < KILL_ROUNDS; round++)
    {
      PendingCall pending = { FALSE, NULL };

      start_write (f, path, round, &pending);
      kill_service_during_write (f, round, &pending);
      g_assert_true (gr_test_wait_for (is_done, &pending, 30000));
      restart_service ();
      assert_state_file_sound ();
      g_assert_false (
          has_new_entry ((const char *const *) f->state_before, is_corrupt));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  GR_TEST_DEST_ADD ("/destinations/persistence/restart", test_persistence);
  GR_TEST_DEST_ADD ("/destinations/persistence/kill-during-writes",
                    test_kill_during_writes);
  return g_test_run ();
}
