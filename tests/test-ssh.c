/* Tests of the SSH module against a real OpenSSH server that the test
 * starts itself (127.0.0.1, a free port, its own host key, PAM password
 * login) with a temporary local user: every operation, its failures, and
 * what reaches the server's log. Also the network failures that need no
 * server. Needs root, and fails, never skips, without an sshd: the server
 * side is gr-test-ssh-world.c. The tests that need no network are in
 * test-ssh-keys.c. */
#include <pwd.h>
#include <string.h>

#include <glib/gstdio.h>

#include "gr-error.h"
#include "gr-ssh-admin.h"
#include "gr-ssh-secondary.h"
#include "gr-ssh.h"
#include "gr-text.h"
#include "gr-test-files.h"
#include "gr-test-ssh-world.h"
#include "gr-test-util.h"

#define TIMEOUT 5
#define OTHER_FINGERPRINT "SHA256:NJlmvnW+SMCrhra48c0DUy+2y6nHusAalxqZWhvfX/o"

static GrTestSshWorld world;

typedef struct {
  GrSshTarget *target;
} Fixture;

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  g_autofree char *state = NULL;
  g_autofree char *known_hosts = NULL;
  g_autofree char *user_ssh = NULL;

  gr_test_ssh_world_setup (&world);
  state = gr_test_ssh_world_path (&world, "state");
  known_hosts = g_build_filename (state, "known_hosts", NULL);
  user_ssh = g_build_filename (world.home, ".ssh", NULL);
  /* Every test starts from a user and a service that never met. */
  gr_test_remove_tree (state);
  gr_test_remove_tree (user_ssh);
  fx->target = gr_ssh_target_new ("127.0.0.1", world.sshd.port,
                                  GR_TEST_SSH_USER, world.fingerprint,
                                  known_hosts, world.identity, TIMEOUT);
  gr_test_ssh_world_start_sshd (&world, "hostkey", TRUE, GR_TEST_GLUSTER_REAL);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  gr_test_ssh_world_stop_sshd (&world);
  g_clear_pointer (&fx->target, gr_ssh_target_free);
}

/* Assertions on the remote side and the logs. */

static char *
authorized_keys_path (void)
{
  return g_build_filename (world.home, ".ssh", "authorized_keys", NULL);
}

static char *
sshd_log (void)
{
  return gr_test_sshd_log_since (&world.sshd, 0);
}

/* Key login with OpenSSH's own client, as gsyncd will do it. */
static int
openssh_login_status (void)
{
  return gr_test_key_login_status ("127.0.0.1", world.sshd.port,
                                   GR_TEST_SSH_USER, world.identity);
}

static void
assert_wiped (const char *buffer, gsize len)
{
  for (gsize i = 0; i < len; i++)
    g_assert_cmpint (buffer[i], ==, 0);
}

static gboolean
setup_passwordless (const GrSshTarget *target,
                    const char *password,
                    GError **error)
{
  g_autofree char *copy = g_strdup (password);
  gsize len = strlen (copy);
  gboolean ok = gr_ssh_setup_passwordless (target, copy, world.key_line, error);

  assert_wiped (copy, len);
  if (error && *error)
    g_assert_null (strstr ((*error)->message, password));
  return ok;
}

static void
setup_ok (Fixture *fx)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = setup_passwordless (fx->target, world.password, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static guint
count_lines (const char *text, const char *line)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i]; i++)
    n += g_str_equal (lines[i], line);
  return n;
}

/* Network failures that need no sshd. */

static void
test_closed_port (void)
{
  g_autoptr (GrSshTarget) target =
      gr_ssh_target_new ("127.0.0.1", gr_test_free_port ("127.0.0.1"), NULL,
                         NULL, NULL, NULL, TIMEOUT);
  g_autofree char *fingerprint = NULL, *key_type = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (gr_ssh_probe (target, &fingerprint, &key_type, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_HOST_UNREACHABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_test_message ("closed port: %s", error->message);
}

/* A server that accepts the connection but never says a word. */
static void
test_silent_server (void)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GrSshTarget) target = NULL;
  g_autofree char *fingerprint = NULL, *key_type = NULL;
  g_autoptr (GError) error = NULL;
  guint16 port;
  gint64 elapsed;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  target = gr_ssh_target_new ("127.0.0.1", port, NULL, NULL, NULL, NULL, 1);
  elapsed = g_get_monotonic_time ();
  g_assert_false (gr_ssh_probe (target, &fingerprint, &key_type, &error));
  elapsed = g_get_monotonic_time () - elapsed;
  g_assert_error (error, GR_ERROR, GR_ERROR_TIMEDOUT);
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC * 9 / 10);
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
  g_test_message ("silent server: %s", error->message);
}

static void
test_invalid_target (void)
{
  g_autoptr (GrSshTarget) target =
      gr_ssh_target_new ("-oProxyCommand=x", 22, "root", NULL, NULL, NULL, 1);
  g_autofree char *fingerprint = NULL, *key_type = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *password = g_strdup ("secret");

  g_assert_false (gr_ssh_probe (target, &fingerprint, &key_type, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* Refused before any connection, and the password is still wiped. */
  g_assert_false (
      gr_ssh_setup_passwordless (target, password, "ssh-ed25519 AAAA", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  assert_wiped (password, strlen ("secret"));
}

/* Against the test's sshd. */

static void
test_probe (Fixture *fx, gconstpointer data)
{
  g_autoptr (GrSshTarget) bare = gr_ssh_target_new (
      "127.0.0.1", world.sshd.port, NULL, NULL, NULL, NULL, TIMEOUT);
  g_autofree char *fingerprint = NULL, *key_type = NULL;
  g_autofree char *known = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (gr_ssh_probe (bare, &fingerprint, &key_type, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fingerprint, ==, world.fingerprint);
  g_assert_cmpstr (key_type, ==, "ssh-ed25519");
  g_clear_pointer (&fingerprint, g_free);
  g_clear_pointer (&key_type, g_free);

  /* With an expected fingerprint, the verified key is recorded. */
  g_assert_false (g_file_test (fx->target->known_hosts, G_FILE_TEST_EXISTS));
  g_assert_true (gr_ssh_probe (fx->target, &fingerprint, &key_type, &error));
  g_assert_no_error (error);
  known = gr_test_read_text (fx->target->known_hosts);
  g_assert_true (g_str_has_prefix (known, "[127.0.0.1]:"));
  g_assert_nonnull (strstr (known, " ssh-ed25519 AAAA"));
  g_assert_cmpuint (gr_test_file_mode (fx->target->known_hosts), ==, 0600);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_async (Fixture *fx, gconstpointer data)
{
  g_autoptr (GAsyncResult) probed = NULL, set_up = NULL, tested = NULL;
  g_autofree char *fingerprint = NULL, *key_type = NULL, *version = NULL;
  g_autofree char *message = NULL, *rsync = NULL;
  g_auto (GStrv) volumes = NULL;
  g_autoptr (GError) error = NULL;

  gr_ssh_probe_async (fx->target, NULL, on_done, &probed);
  g_assert_true (gr_ssh_probe_finish (wait_result (&probed), &fingerprint,
                                      &key_type, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fingerprint, ==, world.fingerprint);

  gr_ssh_setup_passwordless_async (fx->target, world.password, world.key_line,
                                   NULL, on_done, &set_up);
  g_assert_true (
      gr_ssh_setup_passwordless_finish (wait_result (&set_up), &error));
  g_assert_no_error (error);

  gr_ssh_test_async (fx->target, NULL, on_done, &tested);
  g_assert_true (gr_ssh_test_finish (wait_result (&tested), &version, &rsync,
                                     &volumes, &message, &error));
  g_assert_no_error (error);
  g_assert_nonnull (version);
  /* The sandbox's host has rsync: Test tells its version. */
  g_assert_nonnull (rsync);
  g_assert_true (g_ascii_isdigit (rsync[0]));
}

/* A server that answers with a hostile banner: bytes that are not UTF-8,
 * a terminal escape, a forged log line. libssh puts the banner into its
 * error text, which must come out of the SSH layer clean (gr-text.h). */
#define HOSTILE_BANNER                                                         \
  "SSH-1.5-\xff\xfe\x1b[2J\xc2\x85"                                            \
  "CRITICAL forged\xe2\x80\xa8\xe2\x80\xae"                                    \
  "desrever\r\n"

static gboolean
on_hostile_incoming (GSocketService *service,
                     GSocketConnection *connection,
                     GObject *source,
                     gpointer data)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, HOSTILE_BANNER, strlen (HOSTILE_BANNER), NULL,
                             NULL, NULL);
  /* Kept open until the test ends: closing at once could reset the
   * connection before libssh has read the banner. */
  g_ptr_array_add (data, g_object_ref (connection));
  return TRUE;
}

/* Valid UTF-8, bounded, no C0 or C1 control, no U+2028, no bidi
 * override: what gr_text_clean() leaves. */
static void
assert_clean_message (const char *message)
{
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpuint (strlen (message), <=, GR_TEXT_MESSAGE_MAX);
  for (const char *p = message; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (g_unichar_iscntrl (c));
      g_assert_cmpuint (c, !=, 0x2028);
      g_assert_false (c >= 0x202a && c <= 0x202e);
    }
}

typedef struct {
  GSocketService *service;
  GPtrArray *connections;
  GrSshTarget *target;
} GrHostileServer;

static void
hostile_server_start (GrHostileServer *server)
{
  g_autoptr (GError) error = NULL;
  guint16 port;

  server->service = g_socket_service_new ();
  server->connections = g_ptr_array_new_with_free_func (g_object_unref);
  port = g_socket_listener_add_any_inet_port (
      G_SOCKET_LISTENER (server->service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (server->service, "incoming",
                    G_CALLBACK (on_hostile_incoming), server->connections);
  server->target = gr_ssh_target_new (
      "127.0.0.1", port, "root",
      "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "/nonexistent/known_hosts", "/nonexistent/id_ed25519", 2);
}

/* The banner did reach @error's message, cleaned. */
static void
hostile_server_check (GrHostileServer *server, const GError *error)
{
  g_assert_nonnull (error);
  g_test_message ("hostile banner: %s", error->message);
  g_assert_nonnull (strstr (error->message, "SSH-1.5-"));
  assert_clean_message (error->message);
  g_socket_service_stop (server->service);
  g_clear_object (&server->service);
  g_clear_pointer (&server->connections, g_ptr_array_unref);
  g_clear_pointer (&server->target, gr_ssh_target_free);
}

static void
test_hostile_banner (void)
{
  GrHostileServer server;
  g_autoptr (GAsyncResult) probed = NULL;
  g_autofree char *fingerprint = NULL, *key_type = NULL;
  g_autoptr (GError) error = NULL;

  hostile_server_start (&server);
  gr_ssh_probe_async (server.target, NULL, on_done, &probed);
  g_assert_false (gr_ssh_probe_finish (wait_result (&probed), &fingerprint,
                                       &key_type, &error));
  hostile_server_check (&server, error);
}

/* The same through root's work on a secondary host (gr-ssh-admin.h). */
static void
test_hostile_banner_admin (void)
{
  GrHostileServer server;
  g_autoptr (GAsyncResult) done = NULL;
  g_autoptr (GError) error = NULL;
  const char *words[] = { "vol", "geoaccount", "", GR_MOUNTBROKER_ROOT_DEFAULT,
                          NULL };

  hostile_server_start (&server);
  gr_ssh_admin_async (server.target, GR_SSH_ADMIN_MOUNTBROKER, words, NULL,
                      on_done, &done);
  g_assert_false (gr_ssh_admin_finish (wait_result (&done), &error));
  hostile_server_check (&server, error);
}

/* And through CheckSecondary's look at a secondary (gr-ssh-secondary.h). */
static void
test_hostile_banner_secondary (void)
{
  GrHostileServer server;
  g_autoptr (GAsyncResult) done = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GrSecondaryFacts) facts = NULL;

  hostile_server_start (&server);
  gr_ssh_probe_secondary_async (server.target, "vol", NULL, on_done, &done);
  facts = gr_ssh_probe_secondary_finish (wait_result (&done), &error);
  g_assert_null (facts);
  hostile_server_check (&server, error);
}

static void
test_async_cancelled (Fixture *fx, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;

  g_cancellable_cancel (cancellable);
  gr_ssh_setup_passwordless_async (fx->target, world.password, world.key_line,
                                   cancellable, on_done, &result);
  g_assert_false (
      gr_ssh_setup_passwordless_finish (wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  log = sshd_log ();
  g_assert_null (strstr (log, GR_TEST_SSH_USER));
}

/* The password must not be offered to a server whose key is not the
 * expected one: sshd logs every authentication request with the user
 * name (LogLevel DEBUG1), and there must be none. */
static void
test_wrong_fingerprint (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *keys = authorized_keys_path ();

  g_free (fx->target->expected_fingerprint);
  fx->target->expected_fingerprint = g_strdup (OTHER_FINGERPRINT);
  g_assert_false (setup_passwordless (fx->target, world.password, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_HOST_KEY_MISMATCH);
  g_test_message ("wrong fingerprint: %s", error->message);
  g_assert_false (g_file_test (keys, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fx->target->known_hosts, G_FILE_TEST_EXISTS));
  log = sshd_log ();
  g_assert_nonnull (strstr (log, "Connection from 127.0.0.1"));
  g_assert_null (strstr (log, GR_TEST_SSH_USER));
  g_clear_pointer (&log, g_free);
  g_clear_error (&error);

  /* The same check sees a login when there is one. */
  g_free (fx->target->expected_fingerprint);
  fx->target->expected_fingerprint = g_strdup (world.fingerprint);
  setup_ok (fx);
  log = sshd_log ();
  g_assert_nonnull (strstr (log, "Accepted password for " GR_TEST_SSH_USER));
}

static void
assert_key_installed_once (void)
{
  g_autofree char *keys = authorized_keys_path ();
  g_autofree char *ssh_dir = g_path_get_dirname (keys);
  g_autofree char *text = gr_test_read_text (keys);
  struct passwd *pw = getpwnam (GR_TEST_SSH_USER);
  GStatBuf st;

  g_assert_cmpuint (count_lines (text, world.key_line), ==, 1);
  g_assert_cmpuint (gr_test_file_mode (ssh_dir), ==, 0700);
  g_assert_cmpuint (gr_test_file_mode (keys), ==, 0600);
  g_assert_cmpint (g_stat (keys, &st), ==, 0);
  g_assert_cmpuint (st.st_uid, ==, pw->pw_uid);
}

static void
test_setup_passwordless (Fixture *fx, gconstpointer data)
{
  g_autofree char *keys = authorized_keys_path ();
  g_autofree char *text = NULL;

  g_assert_cmpint (openssh_login_status (), !=, 0);
  setup_ok (fx);
  assert_key_installed_once ();
  text = gr_test_read_text (keys);
  g_assert_true (g_str_has_suffix (text, "\n"));
  text[strlen (text) - 1] = '\0';
  g_assert_cmpstr (text, ==, world.key_line);
  g_assert_cmpint (openssh_login_status (), ==, 0);

  /* Idempotent. */
  setup_ok (fx);
  assert_key_installed_once ();
  g_assert_cmpint (openssh_login_status (), ==, 0);
}

/* Existing keys stay, also when the file lacks its final newline. */
static void
test_setup_keeps_other_keys (Fixture *fx, gconstpointer data)
{
  g_autofree char *keys = authorized_keys_path ();
  g_autofree char *ssh_dir = g_path_get_dirname (keys);
  const char *other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM4C73f0upf9cwwCE"
                      "tksdi1Qpy1KqpNobRxg842dZtDD other@host";
  const char *chown_argv[] = { "chown", "-R", GR_TEST_SSH_USER ":", ssh_dir,
                               NULL };
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir (ssh_dir, 0755), ==, 0);
  gr_test_write_text (keys, other, 0644);
  g_free (gr_test_run (NULL, chown_argv));
  setup_ok (fx);
  text = gr_test_read_text (keys);
  g_assert_cmpuint (count_lines (text, other), ==, 1);
  assert_key_installed_once ();
}

static void
test_wrong_password (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *keys = authorized_keys_path ();
  g_autofree char *wrong = g_strconcat (world.password, "x", NULL);

  g_assert_false (setup_passwordless (fx->target, wrong, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED);
  g_test_message ("wrong password: %s", error->message);
  g_assert_false (g_file_test (keys, G_FILE_TEST_EXISTS));
}

static void
test_keyboard_interactive (Fixture *fx, gconstpointer data)
{
  g_autofree char *log = NULL;

  gr_test_ssh_world_start_sshd (&world, "hostkey", FALSE, GR_TEST_GLUSTER_REAL);
  setup_ok (fx);
  assert_key_installed_once ();
  log = sshd_log ();
  g_assert_nonnull (
      strstr (log, "Accepted keyboard-interactive/pam for " GR_TEST_SSH_USER));
  g_assert_cmpint (openssh_login_status (), ==, 0);
}

static char *
local_gluster_version (void)
{
  const char *argv[] = { "/usr/sbin/gluster", "--version", NULL };
  g_autofree char *out = gr_test_run (NULL, argv);
  g_auto (GStrv) lines = g_strsplit (out, "\n", 2);

  g_assert_true (g_str_has_prefix (lines[0], "glusterfs "));
  return g_strdup (lines[0] + strlen ("glusterfs "));
}

static void
run_test (Fixture *fx, char **version, char ***volumes, char **message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *rsync = NULL;

  g_assert_true (
      gr_ssh_test (fx->target, version, &rsync, volumes, message, &error));
  g_assert_no_error (error);
  g_assert_nonnull (*volumes);
  g_test_message ("test: %s", *message);
}

/* The real gluster: its version is read; listing volumes needs glusterd
 * to accept the unprivileged user, which it does not by default, and the
 * message has to say so. */
static void
test_test_real_gluster (Fixture *fx, gconstpointer data)
{
  g_autofree char *version = NULL, *message = NULL, *expected = NULL;
  g_auto (GStrv) volumes = NULL;

  setup_ok (fx);
  run_test (fx, &version, &volumes, &message);
  expected = local_gluster_version ();
  g_assert_cmpstr (version, ==, expected);
  g_assert_true (g_str_has_prefix (message, "Key login as " GR_TEST_SSH_USER
                                            " works, gluster "));
  if (g_strv_length (volumes) == 0)
    g_assert_nonnull (strstr (message, "cannot be listed"));
}

static void
test_test_fake_gluster (Fixture *fx, gconstpointer data)
{
  g_autofree char *version = NULL, *message = NULL;
  g_auto (GStrv) volumes = NULL;
  const char *const expected[] = { "gvol0", "backup_1", NULL };

  gr_test_ssh_world_start_sshd (&world, "hostkey", TRUE, GR_TEST_GLUSTER_FAKE);
  setup_ok (fx);
  /* "-bad;name" and "bad&name" */
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*unusable name*");
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*unusable name*");
  run_test (fx, &version, &volumes, &message);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (version, ==, "10.99");
  g_assert_cmpstrv (volumes, expected);
  g_assert_cmpstr (message, ==,
                   "Key login as " GR_TEST_SSH_USER " works, gluster "
                   "10.99 on 127.0.0.1, 2 volume(s)");
}

static void
test_test_no_gluster (Fixture *fx, gconstpointer data)
{
  g_autofree char *version = NULL, *message = NULL;
  g_auto (GStrv) volumes = NULL;

  gr_test_ssh_world_start_sshd (&world, "hostkey", TRUE,
                                GR_TEST_GLUSTER_HIDDEN);
  setup_ok (fx);
  run_test (fx, &version, &volumes, &message);
  g_assert_null (version);
  g_assert_cmpuint (g_strv_length (volumes), ==, 0);
  g_assert_nonnull (strstr (message, "gluster is not installed on "
                                     "127.0.0.1"));
}

/* A remote command that never ends is cut off by the operation's
 * deadline: GR_SSH_DEADLINE_FACTOR times the timeout. */
/* Runs Test, which must fail with @code; returns its error. */
static GError *
failed_test (Fixture *fx, int code)
{
  g_autofree char *version = NULL, *message = NULL, *rsync = NULL;
  g_auto (GStrv) volumes = NULL;
  GError *error = NULL;

  g_assert_false (
      gr_ssh_test (fx->target, &version, &rsync, &volumes, &message, &error));
  g_assert_error (error, GR_ERROR, code);
  g_test_message ("%s", error->message);
  return error;
}

static void
test_deadline (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 elapsed;

  gr_test_ssh_world_start_sshd (&world, "hostkey", TRUE,
                                GR_TEST_GLUSTER_STALLED);
  setup_ok (fx);
  fx->target->timeout = 1;
  elapsed = g_get_monotonic_time ();
  error = failed_test (fx, GR_ERROR_TIMEDOUT);
  elapsed = g_get_monotonic_time () - elapsed;
  g_assert_cmpint (elapsed, <=, (GR_SSH_DEADLINE_FACTOR + 1) * G_USEC_PER_SEC);
}

static void
test_test_key_refused (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = failed_test (fx, GR_ERROR_AUTHENTICATION_FAILED);

  g_assert_nonnull (strstr (error->message, "refused key login"));
}

static void
test_host_key_changed (Fixture *fx, gconstpointer data)
{
  g_autofree char *version = NULL, *message = NULL, *rsync = NULL;
  g_auto (GStrv) volumes = NULL;
  g_autoptr (GError) error = NULL;

  setup_ok (fx);
  gr_test_ssh_world_start_sshd (&world, "hostkey2", TRUE, GR_TEST_GLUSTER_REAL);
  /* The stored fingerprint no longer matches. */
  g_error_free (failed_test (fx, GR_ERROR_HOST_KEY_MISMATCH));
  /* Nor does known_hosts, even when the new fingerprint is expected. */
  g_free (fx->target->expected_fingerprint);
  fx->target->expected_fingerprint = g_strdup (world.fingerprint2);
  g_error_free (failed_test (fx, GR_ERROR_HOST_KEY_MISMATCH));
  /* Until the old key is forgotten, as when re-adding the destination. */
  g_assert_true (gr_ssh_forget_host (fx->target, &error));
  g_assert_no_error (error);
  g_assert_true (
      gr_ssh_test (fx->target, &version, &rsync, &volumes, &message, &error));
  g_assert_no_error (error);
}

static void
test_revoke (Fixture *fx, gconstpointer data)
{
  g_autofree char *keys = authorized_keys_path ();
  const char *other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM4C73f0upf9cwwCE"
                      "tksdi1Qpy1KqpNobRxg842dZtDD other@host";
  g_autofree char *text = NULL;
  g_autofree char *appended = NULL;
  g_autoptr (GError) error = NULL;

  setup_ok (fx);
  text = gr_test_read_text (keys);
  appended = g_strconcat (other, "\n", text, other, "\n", NULL);
  g_file_set_contents (keys, appended, -1, NULL);
  g_assert_true (gr_ssh_revoke_key (fx->target, world.key_line, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = gr_test_read_text (keys);
  g_assert_cmpuint (count_lines (text, world.key_line), ==, 0);
  g_assert_cmpuint (count_lines (text, other), ==, 2);
  g_assert_cmpuint (gr_test_file_mode (keys), ==, 0600);
  g_assert_cmpint (openssh_login_status (), !=, 0);

  /* The key is gone, so it cannot be used to revoke it again. */
  g_assert_false (gr_ssh_revoke_key (fx->target, world.key_line, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED);
}

#define ADD_SSHD(name, func)                                                   \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ssh/net/closed-port", test_closed_port);
  g_test_add_func ("/ssh/net/silent-server", test_silent_server);
  g_test_add_func ("/ssh/net/invalid-target", test_invalid_target);
  g_test_add_func ("/ssh/net/hostile-banner", test_hostile_banner);
  g_test_add_func ("/ssh/net/hostile-banner-admin", test_hostile_banner_admin);
  g_test_add_func ("/ssh/net/hostile-banner-secondary",
                   test_hostile_banner_secondary);
  ADD_SSHD ("/ssh/sshd/probe", test_probe);
  ADD_SSHD ("/ssh/sshd/async", test_async);
  ADD_SSHD ("/ssh/sshd/async-cancelled", test_async_cancelled);
  ADD_SSHD ("/ssh/sshd/wrong-fingerprint", test_wrong_fingerprint);
  ADD_SSHD ("/ssh/sshd/setup-passwordless", test_setup_passwordless);
  ADD_SSHD ("/ssh/sshd/setup-keeps-other-keys", test_setup_keeps_other_keys);
  ADD_SSHD ("/ssh/sshd/wrong-password", test_wrong_password);
  ADD_SSHD ("/ssh/sshd/keyboard-interactive", test_keyboard_interactive);
  ADD_SSHD ("/ssh/sshd/test-real-gluster", test_test_real_gluster);
  ADD_SSHD ("/ssh/sshd/test-fake-gluster", test_test_fake_gluster);
  ADD_SSHD ("/ssh/sshd/test-no-gluster", test_test_no_gluster);
  ADD_SSHD ("/ssh/sshd/test-key-refused", test_test_key_refused);
  ADD_SSHD ("/ssh/sshd/deadline", test_deadline);
  ADD_SSHD ("/ssh/sshd/host-key-changed", test_host_key_changed);
  ADD_SSHD ("/ssh/sshd/revoke", test_revoke);

  status = g_test_run ();
  gr_test_ssh_world_teardown (&world);
  return status;
}
