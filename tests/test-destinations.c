/* Integration tests of the Destination D-Bus API on the sandbox: probing
 * and adding hosts against a real sshd, installing, testing and revoking
 * root's key, the links to sessions, and that refused callers never make
 * the service connect anywhere. Some tests run an sshd of their own (see
 * gr-test-destinations.h). Persistence across restarts and crashes is in
 * test-destinations-persistence.c. */
#include <pwd.h>
#include <string.h>

#include "gr-error.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-destinations.h"
#include "gr-test-files.h"
#include "gr-test-gluster.h"
#include "gr-test-root-key.h"
#include "gr-test-util.h"

/* --- small helpers --- */

static guint
count_lines_with (const char *text, const char *needle)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i]; i++)
    count += strstr (lines[i], needle) != NULL;
  return count;
}

static guint64
destination_time (GrTestDestFixture *f, const char *path)
{
  g_autoptr (GVariant) value = gr_test_dest_get_property (
      f, path, GR_DBUS_INTERFACE_DESTINATION, "LastTestTime");

  return g_variant_get_uint64 (value);
}

static void
assert_passwordless (GrTestDestFixture *f,
                     const char *path,
                     const char *expected)
{
  g_autofree char *value = gr_test_dest_string (f, path, "Passwordless");

  g_assert_cmpstr (value, ==, expected);
}

/* Plain OpenSSH as root, the way gluster's own ssh logs in. */
static gboolean
key_login_works (void)
{
  return gr_test_key_login_status (GR_TEST_SANDBOX_HOST,
                                   gr_test_sandbox_port (),
                                   gr_test_remote_user (), NULL) == 0;
}

/* --- ProbeHost and AddDestination --- */

static GVariant *
probe_host (GrTestDestFixture *f,
            const char *host,
            guint16 port,
            GError **error)
{
  return gr_test_call (
      f->bus, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "ProbeHost",
      g_variant_new ("(sq@a{sv})", host, port, gr_test_options_none ()), error);
}

static void
test_probe (GrTestDestFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = gr_test_sandbox_fingerprint ();
  g_autoptr (GVariant) reply =
      probe_host (f, GR_TEST_SANDBOX_HOST, gr_test_sandbox_port (), &error);
  const char *fingerprint;
  const char *key_type;

  g_assert_no_error (error);
  g_variant_get (reply, "(&s&s)", &fingerprint, &key_type);
  g_assert_cmpstr (fingerprint, ==, expected);
  g_assert_cmpstr (key_type, ==, "ssh-ed25519");
}

static void
assert_added_properties (GrTestDestFixture *f,
                         const char *path,
                         const char *fingerprint)
{
  g_autoptr (GVariant) port = gr_test_dest_get_property (
      f, path, GR_DBUS_INTERFACE_DESTINATION, "Port");
  const struct {
    const char *name, *value;
  } expected[] = {
    { "Host", GR_TEST_SANDBOX_HOST },      { "User", gr_test_remote_user () },
    { "HostKeyFingerprint", fingerprint }, { "HostKeyType", "ssh-ed25519" },
    { "Passwordless", "unknown" },
  };

  g_assert_cmpuint (g_variant_get_uint16 (port), ==, gr_test_sandbox_port ());
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *value = gr_test_dest_string (f, path, expected[i].name);

      g_assert_cmpstr (value, ==, expected[i].value);
    }
}

static void
test_add (GrTestDestFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *path =
      gr_test_dest_fresh (f, gr_test_remote_user (), GR_TEST_SANDBOX_HOST);
  g_autofree char *right = gr_test_sandbox_fingerprint ();
  g_autofree char *added = NULL;
  g_autofree char *again = NULL;

  gr_test_dest_own_sshd_start (f);
  {
    /* A real fingerprint, of another host's key. */
    g_autofree char *wrong = gr_test_dest_own_sshd_fingerprint (f);

    added = gr_test_dest_add (f, GR_TEST_SANDBOX_HOST, gr_test_sandbox_port (),
                              gr_test_remote_user (), wrong, &error);
    gr_test_dest_assert_error (NULL, error, GR_ERROR_HOST_KEY_MISMATCH);
    g_assert_null (added);
    g_clear_error (&error);
  }
  added = gr_test_dest_add (f, GR_TEST_SANDBOX_HOST, gr_test_sandbox_port (),
                            gr_test_remote_user (), right, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added, ==, path);
  gr_test_dest_await (f, path, TRUE);
  assert_added_properties (f, path, right);
  again = gr_test_dest_add (f, GR_TEST_SANDBOX_HOST, gr_test_sandbox_port (),
                            gr_test_remote_user (), right, &error);
  gr_test_dest_assert_error (NULL, error, GR_ERROR_ALREADY_EXISTS);
}

typedef struct {
  GrTestSshd *sshd;
  goffset offset;
} LogWait;

static gboolean
connection_ended (gpointer data)
{
  LogWait *wait = data;
  g_autofree char *text = gr_test_sshd_log_since (wait->sshd, wait->offset);

  return strstr (text, "Connection closed by") ||
         strstr (text, "Disconnected from") ||
         strstr (text, "Connection reset by");
}

/* sshd names the user in its log only once a client asked to log in. */
static void
assert_no_login_attempt (GrTestSshd *sshd, goffset offset, const char *user)
{
  LogWait wait = { sshd, offset };
  gboolean ended = gr_test_wait_for (connection_ended, &wait, 10000);
  g_autofree char *text = gr_test_sshd_log_since (sshd, offset);

  g_test_message ("sshd logged:\n%s", text);
  g_assert_cmpuint (count_lines_with (text, "Connection from"), ==, 1);
  g_assert_cmpuint (count_lines_with (text, user), ==, 0);
  g_assert_cmpuint (count_lines_with (text, "Failed"), ==, 0);
  g_assert_cmpuint (count_lines_with (text, "Accepted"), ==, 0);
  g_assert_cmpuint (count_lines_with (text, "Invalid user"), ==, 0);
  /* Checked last, so that a lingering connection does not hide a login
   * attempt: a service that is done with a host hangs up, or each call
   * would hold one of the server's MaxStartups slots. */
  if (!ended)
    g_error ("the service kept its connection to %s:%u open after the call",
             GR_TEST_OWN_HOST, sshd->port);
}

static void
test_wrong_key_no_login (GrTestDestFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *wrong = gr_test_sandbox_fingerprint ();
  g_autofree char *added = NULL;
  goffset offset;

  gr_test_dest_own_sshd_start (f);
  gr_test_dest_track (f, gr_test_remote_user (), GR_TEST_OWN_HOST);
  offset = gr_test_sshd_log_size (&f->sshd);
  added = gr_test_dest_add (f, GR_TEST_OWN_HOST, f->sshd.port,
                            gr_test_remote_user (), wrong, &error);
  gr_test_dest_assert_error (NULL, error, GR_ERROR_HOST_KEY_MISMATCH);
  assert_no_login_attempt (&f->sshd, offset, gr_test_remote_user ());
}

static void
assert_add_refused (GrTestDestFixture *f,
                    const char *host,
                    const char *user,
                    const char *fingerprint)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *added = gr_test_dest_add (f, host, gr_test_sandbox_port (),
                                             user, fingerprint, &error);

  g_test_message ("AddDestination ('%s', '%s', '%s')", host, user, fingerprint);
  gr_test_dest_assert_error (NULL, error, GR_ERROR_INVALID_ARGUMENT);
}

static void
test_invalid_arguments (GrTestDestFixture *f, gconstpointer data)
{
  g_autofree char *right = gr_test_sandbox_fingerprint ();
  const char *const bad_hosts[] = { "-oProxyCommand=x", "a;b", "", "a b",
                                    "host\n",           NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  for (guint i = 0; bad_hosts[i]; i++)
    assert_add_refused (f, bad_hosts[i], gr_test_remote_user (), right);
  assert_add_refused (f, GR_TEST_SANDBOX_HOST, "-x", right);
  assert_add_refused (f, GR_TEST_SANDBOX_HOST, "a;b", right);
  assert_add_refused (f, GR_TEST_SANDBOX_HOST, gr_test_remote_user (),
                      "MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48");
  assert_add_refused (f, GR_TEST_SANDBOX_HOST, gr_test_remote_user (),
                      "SHA256:short");
  reply = probe_host (f, "-oProxyCommand=x", gr_test_sandbox_port (), &error);
  gr_test_dest_assert_error (reply, error, GR_ERROR_INVALID_ARGUMENT);
}

/* --- SetupPasswordless, Test, Remove --- */

static void
assert_key_files (void)
{
  struct passwd *pw = getpwnam (gr_test_remote_user ());
  g_autofree char *keys = gr_test_remote_keys_path ();
  g_autofree char *dir = g_path_get_dirname (keys);

  g_assert_nonnull (pw);
  gr_test_assert_mode (dir, 0700, pw->pw_uid);
  gr_test_assert_mode (keys, 0600, pw->pw_uid);
}

static void
test_setup_passwordless (GrTestDestFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *path;

  f->touched_keys = TRUE;
  gr_test_root_key_strip ();
  g_assert_false (key_login_works ());
  path = gr_test_dest_add_sandbox (f, gr_test_remote_user ());
  gr_test_dest_setup_passwordless_ok (f, path);
  assert_passwordless (f, path, "ok");
  g_assert_true (key_login_works ());
  gr_test_dest_setup_passwordless_ok (f, path);
  g_assert_cmpuint (gr_test_root_key_count (), ==, 1);
  assert_key_files ();

  reply = gr_test_dest_setup_passwordless (f, path, "not the password", &error);
  gr_test_dest_assert_error (reply, error, GR_ERROR_AUTHENTICATION_FAILED);
  assert_passwordless (f, path, "failed");
}

static void
test_password_not_logged (GrTestDestFixture *f, gconstpointer data)
{
  const char *log = gr_test_env ("GEOREP_SERVICE_LOG");
  goffset offset = gr_test_file_size (log);
  g_autofree char *wrong =
      g_strdup_printf ("wrong-%08x%08x", g_random_int (), g_random_int ());
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *text = NULL;
  const char *path = gr_test_dest_add_sandbox (f, gr_test_remote_user ());

  gr_test_dest_setup_passwordless_ok (f, path);
  reply = gr_test_dest_setup_passwordless (f, path, wrong, &error);
  gr_test_dest_assert_error (reply, error, GR_ERROR_AUTHENTICATION_FAILED);
  g_assert_null (strstr (error->message, wrong));
  text = gr_test_read_since (log, offset);
  /* The service did log these calls: the log is the right one. */
  g_assert_nonnull (strstr (text, gr_test_remote_user ()));
  g_assert_null (strstr (text, gr_test_env ("GEOREP_SSH_PASSWORD")));
  g_assert_null (strstr (text, wrong));
}

/* The local gluster is the remote one: the sandbox ssh's to itself. */
static char *
local_gluster_version (void)
{
  const char *argv[] = { gr_test_env ("GEOREP_GLUSTER"), "--version", NULL };
  g_autofree char *out = gr_test_run (NULL, argv);
  g_auto (GStrv) lines = g_strsplit (out, "\n", 2);

  g_assert_true (g_str_has_prefix (lines[0], "glusterfs "));
  return g_strdup (lines[0] + strlen ("glusterfs "));
}

static void
test_test (GrTestDestFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *version = local_gluster_version ();
  g_autofree char *remote_version = NULL;
  g_autofree char *last_message = NULL;
  const char *path = gr_test_dest_add_sandbox (f, gr_test_remote_user ());
  guint64 before;
  gboolean ok;
  const char *message;

  gr_test_dest_setup_passwordless_ok (f, path);
  before = destination_time (f, path);
  reply = gr_test_dest_test (f, path, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b&s)", &ok, &message);
  g_assert_true (ok);
  g_assert_cmpstr (message, !=, "");
  remote_version = gr_test_dest_string (f, path, "RemoteGlusterVersion");
  g_assert_cmpstr (remote_version, ==, version);
  last_message = gr_test_dest_string (f, path, "LastTestMessage");
  g_assert_cmpstr (last_message, ==, message);
  g_assert_cmpuint (destination_time (f, path), >, before);
  assert_passwordless (f, path, "ok");
}

static void
test_host_key_change (GrTestDestFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *path;
  goffset offset;

  gr_test_dest_own_sshd_start (f);
  path = gr_test_dest_add_own (f);
  reply = gr_test_dest_test (f, path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, g_variant_unref);

  gr_test_dest_own_sshd_restart_with_new_key (f);
  offset = gr_test_sshd_log_size (&f->sshd);
  reply = gr_test_dest_test (f, path, &error);
  gr_test_dest_assert_error (reply, error, GR_ERROR_HOST_KEY_MISMATCH);
  assert_no_login_attempt (&f->sshd, offset, "root");
}

static void
test_unreachable (GrTestDestFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *path;
  gint64 start;

  gr_test_dest_own_sshd_start (f);
  path = gr_test_dest_add_own (f);
  gr_test_sshd_stop (&f->sshd);
  start = g_get_monotonic_time ();
  reply = gr_test_dest_test (f, path, &error);
  gr_test_dest_assert_error (reply, error, GR_ERROR_HOST_UNREACHABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_remove_revoke (GrTestDestFixture *f, gconstpointer data)
{
  const char *path = gr_test_dest_add_with_key (f);

  g_assert_cmpuint (gr_test_root_key_count (), ==, 1);
  gr_test_dest_remove_revoking (f, path);
  g_assert_false (key_login_works ());
  assert_key_files ();
  gr_test_dest_await (f, path, FALSE);
}

/* --- sessions --- */

static void
create_cli_session (GrTestDestFixture *f)
{
  g_autofree char *url =
      g_strdup_printf (GR_TEST_SANDBOX_HOST "::%s", GR_TEST_DEST_SECONDARY);
  g_autofree char *port = g_strdup_printf ("%u", gr_test_sandbox_port ());

  f->made_session = TRUE;
  gr_test_session_destroy (GR_TEST_DEST_PRIMARY, GR_TEST_SANDBOX_HOST,
                           GR_TEST_DEST_SECONDARY);
  gr_test_volume_create (GR_TEST_DEST_PRIMARY);
  gr_test_volume_create (GR_TEST_DEST_SECONDARY);
  /* no-verify: the session is never started, it only has to exist and
   * name its host and port; push-pem's post hook would run gluster
   * commands over ssh for nothing. */
  g_assert_cmpint (gr_test_gluster ("volume", "geo-replication",
                                    GR_TEST_DEST_PRIMARY, url, "create",
                                    "ssh-port", port, "no-verify", NULL),
                   ==, 0);
}

static void
assert_session_link (GrTestDestFixture *f,
                     const char *session,
                     const char *destination)
{
  g_autoptr (GVariant) link = gr_test_dest_get_property (
      f, session, GR_DBUS_INTERFACE_SESSION, "Destination");

  g_assert_cmpstr (g_variant_get_string (link, NULL), ==, destination);
}

static void
test_sessions (GrTestDestFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) sessions = NULL;
  g_autofree char *session = gr_session_path (
      GR_TEST_DEST_PRIMARY, GR_TEST_SANDBOX_HOST, GR_TEST_DEST_SECONDARY);
  g_autofree const char **linked = NULL;
  const char *path;

  create_cli_session (f);
  /* root@127.0.0.1, the session's user; never revoked: the sandbox's
   * sessions depend on that key. */
  path = gr_test_dest_add_sandbox (f, "root");
  reply = gr_test_call (
      f->bus, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "Refresh",
      g_variant_new ("(@a{sv})", gr_test_options_none ()), &error);
  g_assert_no_error (error);
  gr_test_dest_await (f, session, TRUE);
  assert_session_link (f, session, path);
  sessions = gr_test_dest_get_property (f, path, GR_DBUS_INTERFACE_DESTINATION,
                                        "Sessions");
  linked = g_variant_get_objv (sessions, NULL);
  g_assert_true (g_strv_contains (linked, session));

  g_clear_pointer (&reply, g_variant_unref);
  reply = gr_test_dest_call (
      f, path, "Remove", g_variant_new ("(@a{sv})", gr_test_options_none ()),
      &error);
  gr_test_dest_assert_error (reply, error, GR_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_true (gr_test_dest_exists (f, path));
  reply = gr_test_dest_call (
      f, path, "Remove",
      g_variant_new ("(@a{sv})", gr_test_options_flag ("force")), &error);
  g_assert_no_error (error);
  gr_test_dest_await (f, path, FALSE);
  assert_session_link (f, session, "/");
}

/* --- authorization --- */

static void
assert_refused (const char *path,
                const char *interface,
                const char *method,
                const char *args)
{
  g_autofree char *out = NULL;
  int status = gr_test_call_as (gr_test_env ("GEOREP_PLAIN_USER"), path,
                                interface, method, args, &out);

  g_test_message ("%s as %s: %s", method, gr_test_env ("GEOREP_PLAIN_USER"),
                  out);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (out, GR_DBUS_ERROR_PREFIX "NotAuthorized"));
}

static void
test_plain_user_refused (GrTestDestFixture *f, gconstpointer data)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *probe = NULL;
  g_autofree char *add = NULL;
  g_autofree char *text = NULL;
  const char *path;
  goffset offset;

  gr_test_dest_own_sshd_start (f);
  path = gr_test_dest_add_own (f);
  gr_test_dest_track (f, gr_test_remote_user (), GR_TEST_OWN_HOST);
  fingerprint = gr_test_dest_own_sshd_fingerprint (f);
  probe = g_strdup_printf ("('" GR_TEST_OWN_HOST "', uint16 %u, @a{sv} {})",
                           f->sshd.port);
  add = g_strdup_printf ("('" GR_TEST_OWN_HOST
                         "', uint16 %u, '%s', '%s', @a{sv} {})",
                         f->sshd.port, gr_test_remote_user (), fingerprint);
  offset = gr_test_sshd_log_size (&f->sshd);

  assert_refused (GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "ProbeHost", probe);
  assert_refused (GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "AddDestination",
                  add);
  assert_refused (path, GR_DBUS_INTERFACE_DESTINATION, "SetupPasswordless",
                  "('not-a-password', @a{sv} {})");
  assert_refused (path, GR_DBUS_INTERFACE_DESTINATION, "Test", "(@a{sv} {},)");
  assert_refused (path, GR_DBUS_INTERFACE_DESTINATION, "Remove",
                  "(@a{sv} {'force': <true>},)");

  text = gr_test_sshd_log_since (&f->sshd, offset);
  g_assert_cmpuint (count_lines_with (text, "Connection from"), ==, 0);
  g_assert_true (gr_test_dest_exists (f, path));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  GR_TEST_DEST_ADD ("/destinations/probe", test_probe);
  GR_TEST_DEST_ADD ("/destinations/add", test_add);
  GR_TEST_DEST_ADD ("/destinations/add/wrong-key-no-login",
                    test_wrong_key_no_login);
  GR_TEST_DEST_ADD ("/destinations/add/invalid-arguments",
                    test_invalid_arguments);
  GR_TEST_DEST_ADD ("/destinations/setup-passwordless",
                    test_setup_passwordless);
  GR_TEST_DEST_ADD ("/destinations/setup-passwordless/password-not-logged",
                    test_password_not_logged);
  GR_TEST_DEST_ADD ("/destinations/test", test_test);
  GR_TEST_DEST_ADD ("/destinations/test/host-key-change", test_host_key_change);
  GR_TEST_DEST_ADD ("/destinations/test/unreachable", test_unreachable);
  GR_TEST_DEST_ADD ("/destinations/remove/revoke-key", test_remove_revoke);
  GR_TEST_DEST_ADD ("/destinations/remove/sessions", test_sessions);
  GR_TEST_DEST_ADD ("/destinations/polkit/plain-user-refused",
                    test_plain_user_refused);
  return g_test_run ();
}
