/* The fixture of the destination tests, and the calls they make. */
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "gr-error.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-destinations.h"
#include "gr-test-files.h"
#include "gr-test-gluster.h"
#include "gr-test-root-key.h"
#include "gr-test-util.h"

/* The sandbox. */

char *
gr_test_sandbox_path (const char *name)
{
  return g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"), name, NULL);
}

char *
gr_test_dest_state_path (const char *name)
{
  return g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"), "state", name,
                           NULL);
}

guint16
gr_test_sandbox_port (void)
{
  return (guint16) atoi (gr_test_env ("GEOREP_SSH_PORT"));
}

const char *
gr_test_remote_user (void)
{
  return gr_test_env ("GEOREP_SSH_USER");
}

char *
gr_test_sandbox_fingerprint (void)
{
  return gr_test_key_fingerprint (gr_test_env ("GEOREP_SSH_HOST_KEY"));
}

GStrv
gr_test_dest_state_entries (void)
{
  g_autofree char *dir_path = gr_test_dest_state_path (NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    g_strv_builder_add (names, name);
  return g_strv_builder_end (names);
}

gboolean
gr_test_dest_is_temporary (const char *name)
{
  return (g_str_has_prefix (name, GR_TEST_DEST_STATE_FILE ".") ||
          g_str_has_prefix (name, "known_hosts.")) &&
         strstr (name, "corrupt") == NULL;
}

/* D-Bus. */

GVariant *
gr_test_options_none (void)
{
  return g_variant_new ("a{sv}", NULL);
}

GVariant *
gr_test_options_flag (const char *name)
{
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", name, g_variant_new_boolean (TRUE));
  return g_variant_builder_end (&options);
}

GVariant *
gr_test_dest_call (GrTestDestFixture *f,
                   const char *path,
                   const char *method,
                   GVariant *args,
                   GError **error)
{
  return gr_test_call (f->bus, path, GR_DBUS_INTERFACE_DESTINATION, method,
                       args, error);
}

/* Read straight from the service rather than from a proxy's cache: the
 * reply of a method can overtake its PropertiesChanged. */
static GVariant *
properties_get (GrTestDestFixture *f,
                const char *path,
                const char *interface,
                const char *name,
                GError **error)
{
  return g_dbus_connection_call_sync (
      f->bus, GR_DBUS_NAME, path, "org.freedesktop.DBus.Properties", "Get",
      g_variant_new ("(ss)", interface, name), G_VARIANT_TYPE ("(v)"),
      G_DBUS_CALL_FLAGS_NONE, 30000, NULL, error);
}

GVariant *
gr_test_dest_get_property (GrTestDestFixture *f,
                           const char *path,
                           const char *interface,
                           const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply =
      properties_get (f, path, interface, name, &error);
  GVariant *value;

  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);
  return value;
}

char *
gr_test_dest_string (GrTestDestFixture *f, const char *path, const char *name)
{
  g_autoptr (GVariant) value =
      gr_test_dest_get_property (f, path, GR_DBUS_INTERFACE_DESTINATION, name);

  return g_variant_dup_string (value, NULL);
}

void
gr_test_dest_assert_error (GVariant *reply, GError *error, int code)
{
  g_assert_null (reply);
  g_assert_error (error, GR_ERROR, code);
}

/* Asked of the service itself, not of the ObjectManager client, which
 * fetches the objects anew, and late, after a restart. */
gboolean
gr_test_dest_exists (GrTestDestFixture *f, const char *path)
{
  g_autoptr (GVariant) reply =
      properties_get (f, path, GR_DBUS_INTERFACE_DESTINATION, "Host", NULL);

  return reply != NULL;
}

/* Waits for the ObjectManager's signals, what a client sees. */
void
gr_test_dest_await (GrTestDestFixture *f, const char *path, gboolean present)
{
  gr_test_await_object (f->objects, path, present, 20000);
}

/* Destinations. */

const char *
gr_test_dest_track (GrTestDestFixture *f, const char *user, const char *host)
{
  char *path = gr_destination_path (user, host);

  g_ptr_array_add (f->created, path);
  return path;
}

static void
remove_quietly (GrTestDestFixture *f, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = gr_test_dest_call (
      f, path, "Remove",
      g_variant_new ("(@a{sv})", gr_test_options_flag ("force")), &error);

  if (error)
    g_test_message ("removing %s: %s", path, error->message);
}

const char *
gr_test_dest_fresh (GrTestDestFixture *f, const char *user, const char *host)
{
  const char *path = gr_test_dest_track (f, user, host);

  remove_quietly (f, path);
  return path;
}

char *
gr_test_dest_add (GrTestDestFixture *f,
                  const char *host,
                  guint16 port,
                  const char *user,
                  const char *fingerprint,
                  GError **error)
{
  g_autoptr (GVariant) reply = gr_test_call (
      f->bus, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "AddDestination",
      g_variant_new ("(sqss@a{sv})", host, port, user, fingerprint,
                     gr_test_options_none ()),
      error);
  char *path = NULL;

  if (reply)
    g_variant_get (reply, "(o)", &path);
  return path;
}

static const char *
add_checked (GrTestDestFixture *f,
             const char *user,
             const char *host,
             guint16 port,
             const char *fingerprint)
{
  g_autoptr (GError) error = NULL;
  const char *path = gr_test_dest_fresh (f, user, host);
  g_autofree char *added =
      gr_test_dest_add (f, host, port, user, fingerprint, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (added, ==, path);
  return path;
}

const char *
gr_test_dest_add_sandbox (GrTestDestFixture *f, const char *user)
{
  g_autofree char *fingerprint = gr_test_sandbox_fingerprint ();

  return add_checked (f, user, GR_TEST_SANDBOX_HOST, gr_test_sandbox_port (),
                      fingerprint);
}

GVariant *
gr_test_dest_setup_passwordless (GrTestDestFixture *f,
                                 const char *path,
                                 const char *password,
                                 GError **error)
{
  f->touched_keys = TRUE;
  return gr_test_dest_call (
      f, path, "SetupPasswordless",
      g_variant_new ("(s@a{sv})", password, gr_test_options_none ()), error);
}

void
gr_test_dest_setup_passwordless_ok (GrTestDestFixture *f, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = gr_test_dest_setup_passwordless (
      f, path, gr_test_env ("GEOREP_SSH_PASSWORD"), &error);

  g_assert_no_error (error);
}

const char *
gr_test_dest_add_with_key (GrTestDestFixture *f)
{
  const char *path;

  f->touched_keys = TRUE;
  gr_test_root_key_strip ();
  path = gr_test_dest_add_sandbox (f, gr_test_remote_user ());
  gr_test_dest_setup_passwordless_ok (f, path);
  return path;
}

void
gr_test_dest_remove_revoking (GrTestDestFixture *f, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = gr_test_dest_call (
      f, path, "Remove",
      g_variant_new ("(@a{sv})", gr_test_options_flag ("revoke-key")), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (gr_test_root_key_count (), ==, 0);
}

GVariant *
gr_test_dest_test (GrTestDestFixture *f, const char *path, GError **error)
{
  return gr_test_dest_call (f, path, "Test",
                            g_variant_new ("(@a{sv})", gr_test_options_none ()),
                            error);
}

/* The own sshd. */

static char *
own_key (GrTestDestFixture *f)
{
  return gr_test_sshd_path (&f->sshd, "host_key");
}

/* The sandbox's sshd_config with another address, port and host key. */
static void
write_own_config (GrTestDestFixture *f)
{
  g_autofree char *sandbox_config = gr_test_sandbox_path ("sshd_config");
  g_autofree char *config = gr_test_sshd_path (&f->sshd, "sshd_config");
  g_autofree char *key = own_key (f);
  g_autofree char *text = gr_test_read_text (sandbox_config);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GString) out =
      g_string_new ("# test-destinations: the sandbox's sshd, moved\n");

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "Port "))
      g_string_append_printf (out, "Port %u\n", f->sshd.port);
    else if (g_str_has_prefix (lines[i], "ListenAddress "))
      g_string_append (out, "ListenAddress " GR_TEST_OWN_HOST "\n");
    else if (g_str_has_prefix (lines[i], "HostKey "))
      g_string_append_printf (out, "HostKey %s\n", key);
    else
      g_string_append_printf (out, "%s\n", lines[i]);
  gr_test_write_text (config, out->str, 0600);
}

void
gr_test_dest_own_sshd_start (GrTestDestFixture *f)
{
  g_autofree char *dir = gr_test_sandbox_path ("test-destinations-XXXXXX");
  g_autofree char *key = NULL;

  g_assert_nonnull (g_mkdtemp_full (dir, 0700));
  gr_test_sshd_init (&f->sshd, dir, GR_TEST_OWN_HOST);
  key = own_key (f);
  gr_test_keygen ("ed25519", key);
  write_own_config (f);
  gr_test_sshd_start (&f->sshd, NULL);
}

void
gr_test_dest_own_sshd_restart_with_new_key (GrTestDestFixture *f)
{
  g_autofree char *key = own_key (f);

  gr_test_sshd_stop (&f->sshd);
  gr_test_keygen ("ed25519", key);
  gr_test_sshd_start (&f->sshd, NULL);
}

char *
gr_test_dest_own_sshd_fingerprint (GrTestDestFixture *f)
{
  g_autofree char *public_key = gr_test_sshd_path (&f->sshd, "host_key.pub");

  return gr_test_key_fingerprint (public_key);
}

const char *
gr_test_dest_add_own (GrTestDestFixture *f)
{
  g_autofree char *fingerprint = gr_test_dest_own_sshd_fingerprint (f);

  return add_checked (f, "root", GR_TEST_OWN_HOST, f->sshd.port, fingerprint);
}

static void
own_sshd_cleanup (GrTestDestFixture *f)
{
  if (f->sshd.dir == NULL)
    return;
  gr_test_sshd_stop (&f->sshd);
  gr_test_remove_tree (f->sshd.dir);
  gr_test_sshd_clear (&f->sshd);
}

/* The fixture. */

/* A failed assertion aborts before teardown: the sshd died with the test,
 * its directory is removed here. */
static void
remove_stale_sshd_dirs (void)
{
  g_autofree char *sandbox = gr_test_sandbox_path (NULL);
  g_autoptr (GDir) dir = g_dir_open (sandbox, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "test-destinations-"))
      {
        g_autofree char *path = gr_test_sandbox_path (name);

        gr_test_remove_tree (path);
      }
}

/* Temporary files a killed write left behind are this test's doing. */
static void
remove_new_temporaries (GrTestDestFixture *f)
{
  g_auto (GStrv) now = gr_test_dest_state_entries ();

  for (guint i = 0; now[i]; i++)
    if (gr_test_dest_is_temporary (now[i]) &&
        !g_strv_contains ((const char *const *) f->state_before, now[i]))
      {
        g_autofree char *path = gr_test_dest_state_path (now[i]);

        g_test_message ("a killed write left %s behind", now[i]);
        g_unlink (path);
      }
}

void
gr_test_dest_fixture_setup (GrTestDestFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  remove_stale_sshd_dirs ();

  f->bus = gr_test_bus ();
  f->objects = gr_object_manager_client_new_sync (
      f->bus, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_NONE, GR_DBUS_NAME,
      GR_DBUS_PATH, NULL, &error);
  g_assert_no_error (error);
  f->created = g_ptr_array_new_with_free_func (g_free);
  f->state_before = gr_test_dest_state_entries ();
}

static void
destroy_session (void)
{
  gr_test_session_destroy (GR_TEST_DEST_PRIMARY, GR_TEST_SANDBOX_HOST,
                           GR_TEST_DEST_SECONDARY);
  gr_test_volume_destroy (GR_TEST_DEST_PRIMARY);
  gr_test_volume_destroy (GR_TEST_DEST_SECONDARY);
}

void
gr_test_dest_fixture_teardown (GrTestDestFixture *f, gconstpointer data)
{
  for (guint i = 0; i < f->created->len; i++)
    remove_quietly (f, f->created->pdata[i]);
  own_sshd_cleanup (f);
  if (f->touched_keys)
    gr_test_root_key_strip ();
  if (f->made_session)
    destroy_session ();
  remove_new_temporaries (f);
  g_strfreev (f->state_before);
  g_ptr_array_unref (f->created);
  g_clear_object (&f->objects);
  g_clear_object (&f->bus);
}
