/* Integration tests of destinations on the sandbox: probing and adding
 * hosts against a real sshd, installing, testing and revoking root's key,
 * the links to sessions, persistence across restarts and crashes, and that
 * refused callers never make the service connect anywhere.
 *
 * Some tests run an sshd of their own, with the sandbox's settings: its log
 * holds only this test's connections (the sandbox's is shared with other
 * tests) and its host key can be replaced. It listens on 127.0.0.2, not
 * 127.0.0.1, because a destination is named user@host without the port:
 * a second one at 127.0.0.1 would clash with the sandbox's and be linked
 * to every session to 127.0.0.1. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "gr-error.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-gluster.h"
#include "gr-test-util.h"

#define SANDBOX_HOST "127.0.0.1"
#define OWN_HOST "127.0.0.2"
#define SSHD "/usr/sbin/sshd"
#define PRIMARY "grsb_dst_p"
#define SECONDARY "grsb_dst_s"
#define STATE_FILE "destinations.json"
#define KILL_ROUNDS 10

typedef struct {
  char *dir;
  guint16 port;
  GPid pid;
} OwnSshd;

typedef struct {
  GDBusConnection *bus;
  GDBusObjectManager *objects;
  GPtrArray *created; /* destination paths removed in teardown */
  OwnSshd sshd;
  gboolean made_session;
  gboolean touched_keys; /* root's key may be in the remote user's keys */
  GStrv state_before;    /* the state directory's entries at setup */
} Fixture;

/* --- small helpers --- */

static char *
sandbox_path (const char *name)
{
  return g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"), name, NULL);
}

static char *
state_path (const char *name)
{
  return g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"), "state", name,
                           NULL);
}

static guint16
sandbox_port (void)
{
  return (guint16) atoi (gr_test_env ("GEOREP_SSH_PORT"));
}

static const char *
remote_user (void)
{
  return gr_test_env ("GEOREP_SSH_USER");
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

/* What was appended to @path since it was @offset long. */
static char *
read_since (const char *path, goffset offset)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &text, &length, NULL))
    return g_strdup ("");
  return g_strdup (text + ((gsize) offset <= length ? (gsize) offset : 0));
}

static guint
count_lines_with (const char *text, const char *needle)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i]; i++)
    count += strstr (lines[i], needle) != NULL;
  return count;
}

/* The "SHA256:…" field of `ssh-keygen -l`, the format ProbeHost uses. */
static char *
key_fingerprint (const char *public_key)
{
  const char *argv[] = { "ssh-keygen", "-lf", public_key, NULL };
  g_autofree char *out = gr_test_run (NULL, argv);
  g_auto (GStrv) fields = g_strsplit (out, " ", -1);

  g_assert_cmpuint (g_strv_length (fields), >=, 2);
  g_assert_true (g_str_has_prefix (fields[1], "SHA256:"));
  return g_strdup (fields[1]);
}

static GVariant *
options_none (void)
{
  return g_variant_new ("a{sv}", NULL);
}

static GVariant *
options_flag (const char *name)
{
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", name, g_variant_new_boolean (TRUE));
  return g_variant_builder_end (&options);
}

/* --- D-Bus --- */

static GVariant *
call_manager (Fixture *f, const char *method, GVariant *args, GError **error)
{
  return gr_test_call (f->bus, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, method,
                       args, error);
}

static GVariant *
call_destination (Fixture *f,
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
get_property (Fixture *f,
              const char *path,
              const char *interface,
              const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  GVariant *value;

  reply = g_dbus_connection_call_sync (
      f->bus, GR_DBUS_NAME, path, "org.freedesktop.DBus.Properties", "Get",
      g_variant_new ("(ss)", interface, name), G_VARIANT_TYPE ("(v)"),
      G_DBUS_CALL_FLAGS_NONE, 30000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);
  return value;
}

static char *
destination_string (Fixture *f, const char *path, const char *name)
{
  g_autoptr (GVariant) value =
      get_property (f, path, GR_DBUS_INTERFACE_DESTINATION, name);

  return g_variant_dup_string (value, NULL);
}

static guint64
destination_time (Fixture *f, const char *path)
{
  g_autoptr (GVariant) value =
      get_property (f, path, GR_DBUS_INTERFACE_DESTINATION, "LastTestTime");

  return g_variant_get_uint64 (value);
}

static void
assert_passwordless (Fixture *f, const char *path, const char *expected)
{
  g_autofree char *value = destination_string (f, path, "Passwordless");

  g_assert_cmpstr (value, ==, expected);
}

static void
assert_gr_error (GVariant *reply, GError *error, int code)
{
  g_assert_null (reply);
  g_assert_error (error, GR_ERROR, code);
}

/* Asked of the service itself, not of the ObjectManager client, which
 * fetches the objects anew, and late, after a restart. */
static gboolean
destination_exists (Fixture *f, const char *path)
{
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      f->bus, GR_DBUS_NAME, path, "org.freedesktop.DBus.Properties", "Get",
      g_variant_new ("(ss)", GR_DBUS_INTERFACE_DESTINATION, "Host"),
      G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 30000, NULL, NULL);

  return reply != NULL;
}

/* Waits for the ObjectManager's signals, what a client sees. */
static void
await_object (Fixture *f, const char *path, gboolean present)
{
  gr_test_await_object (f->objects, path, present, 20000);
}

/* Remembers @path for teardown, which removes it whatever happened. */
static const char *
track (Fixture *f, const char *user, const char *host)
{
  char *path = gr_destination_path (user, host);

  g_ptr_array_add (f->created, path);
  return path;
}

static void
remove_quietly (Fixture *f, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = call_destination (
      f, path, "Remove", g_variant_new ("(@a{sv})", options_flag ("force")),
      &error);

  if (error)
    g_test_message ("removing %s: %s", path, error->message);
}

/* A destination of this test, removed first if an aborted run left it. */
static const char *
fresh_destination (Fixture *f, const char *user, const char *host)
{
  const char *path = track (f, user, host);

  remove_quietly (f, path);
  return path;
}

static char *
add_destination (Fixture *f,
                 const char *host,
                 guint16 port,
                 const char *user,
                 const char *fingerprint,
                 GError **error)
{
  g_autoptr (GVariant) reply =
      call_manager (f, "AddDestination",
                    g_variant_new ("(sqss@a{sv})", host, port, user,
                                   fingerprint, options_none ()),
                    error);
  char *path = NULL;

  if (reply)
    g_variant_get (reply, "(o)", &path);
  return path;
}

/* A fresh destination for the sandbox's sshd, checked like a client would
 * check it: by the fingerprint of the key file. */
static const char *
add_sandbox_destination (Fixture *f, const char *user)
{
  g_autoptr (GError) error = NULL;
  const char *path = fresh_destination (f, user, SANDBOX_HOST);
  g_autofree char *fingerprint =
      key_fingerprint (gr_test_env ("GEOREP_SSH_HOST_KEY"));
  g_autofree char *added = add_destination (f, SANDBOX_HOST, sandbox_port (),
                                            user, fingerprint, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (added, ==, path);
  return path;
}

static GVariant *
setup_passwordless (Fixture *f,
                    const char *path,
                    const char *password,
                    GError **error)
{
  f->touched_keys = TRUE;
  return call_destination (
      f, path, "SetupPasswordless",
      g_variant_new ("(s@a{sv})", password, options_none ()), error);
}

static void
setup_passwordless_ok (Fixture *f, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply =
      setup_passwordless (f, path, gr_test_env ("GEOREP_SSH_PASSWORD"), &error);

  g_assert_no_error (error);
}

static GVariant *
test_destination (Fixture *f, const char *path, GError **error)
{
  return call_destination (f, path, "Test",
                           g_variant_new ("(@a{sv})", options_none ()), error);
}

/* --- the remote user's authorized_keys --- */

static char *
authorized_keys_path (void)
{
  struct passwd *pw = getpwnam (remote_user ());

  g_assert_nonnull (pw);
  return g_build_filename (pw->pw_dir, ".ssh", "authorized_keys", NULL);
}

/* The key blob of root's key pair, the one the service picks. */
static char *
root_key_blob (void)
{
  const char *const names[] = { "/root/.ssh/id_ed25519", "/root/.ssh/id_rsa",
                                NULL };

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *public_key = g_strconcat (names[i], ".pub", NULL);
      g_autofree char *text = NULL;
      g_auto (GStrv) fields = NULL;

      if (!g_file_test (names[i], G_FILE_TEST_EXISTS) ||
          !g_file_get_contents (public_key, &text, NULL, NULL))
        continue;
      fields = g_strsplit_set (g_strstrip (text), " \t", -1);
      g_assert_cmpuint (g_strv_length (fields), >=, 2);
      return g_strdup (fields[1]);
    }
  g_error ("root has no key pair: the sandbox makes one");
}

static gboolean
is_root_key_line (const char *line, const char *blob)
{
  g_auto (GStrv) fields = g_strsplit_set (line, " \t", -1);

  return g_strv_length (fields) >= 2 && g_str_equal (fields[1], blob);
}

static guint
count_root_keys (void)
{
  g_autofree char *path = authorized_keys_path ();
  g_autofree char *blob = root_key_blob ();
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  guint count = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    count += is_root_key_line (lines[i], blob);
  return count;
}

/* Rewritten in place, so that the file keeps its owner and mode. */
static void
strip_root_keys (void)
{
  g_autofree char *path = authorized_keys_path ();
  g_autofree char *blob = root_key_blob ();
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) kept = g_string_new (NULL);
  FILE *file;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (*lines[i] && !is_root_key_line (lines[i], blob))
      g_string_append_printf (kept, "%s\n", lines[i]);
  file = fopen (path, "w");
  g_assert_nonnull (file);
  fputs (kept->str, file);
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
assert_mode (const char *path, guint mode, uid_t owner)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, mode);
  g_assert_cmpuint (st.st_uid, ==, owner);
}

/* Plain OpenSSH as root, the way gluster's own ssh logs in. */
static gboolean
key_login_works (void)
{
  g_autofree char *port = g_strdup_printf ("%u", sandbox_port ());
  g_autofree char *login = g_strdup_printf ("%s@" SANDBOX_HOST, remote_user ());
  const char *argv[] = { "ssh",
                         "-o",
                         "BatchMode=yes",
                         "-o",
                         "StrictHostKeyChecking=no",
                         "-o",
                         "UserKnownHostsFile=/dev/null",
                         "-o",
                         "LogLevel=ERROR",
                         "-p",
                         port,
                         login,
                         "true",
                         NULL };
  int status;

  g_free (gr_test_run (&status, argv));
  return status == 0;
}

/* --- an sshd of the test's own --- */

/* The sshd must not outlive a test that aborts on a failed assertion. */
static void
die_with_test (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static guint16
free_port (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) socket =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                    G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr (GInetAddress) host = g_inet_address_new_from_string (OWN_HOST);
  g_autoptr (GSocketAddress) wanted = g_inet_socket_address_new (host, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_no_error (error);
  g_socket_bind (socket, wanted, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
own_path (OwnSshd *sshd, const char *name)
{
  return g_build_filename (sshd->dir, name, NULL);
}

static void
own_sshd_new_key (OwnSshd *sshd)
{
  g_autofree char *key = own_path (sshd, "host_key");
  g_autofree char *public_key = own_path (sshd, "host_key.pub");
  const char *argv[] = { "ssh-keygen", "-q", "-t", "ed25519",
                         "-N",         "",   "-C", "test-destinations",
                         "-f",         key,  NULL };

  g_unlink (key);
  g_unlink (public_key);
  g_free (gr_test_run (NULL, argv));
}

/* The sandbox's sshd_config with another address, port and host key. */
static void
own_sshd_write_config (OwnSshd *sshd)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sandbox_config = sandbox_path ("sshd_config");
  g_autofree char *config = own_path (sshd, "sshd_config");
  g_autofree char *key = own_path (sshd, "host_key");
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) out =
      g_string_new ("# test-destinations: the sandbox's sshd, moved\n");

  g_file_get_contents (sandbox_config, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "Port "))
      g_string_append_printf (out, "Port %u\n", sshd->port);
    else if (g_str_has_prefix (lines[i], "ListenAddress "))
      g_string_append (out, "ListenAddress " OWN_HOST "\n");
    else if (g_str_has_prefix (lines[i], "HostKey "))
      g_string_append_printf (out, "HostKey %s\n", key);
    else
      g_string_append_printf (out, "%s\n", lines[i]);
  g_file_set_contents (config, out->str, -1, &error);
  g_assert_no_error (error);
}

static char *
own_sshd_log_path (OwnSshd *sshd)
{
  return own_path (sshd, "sshd.log");
}

static goffset
own_sshd_log_size (OwnSshd *sshd)
{
  g_autofree char *log = own_sshd_log_path (sshd);

  return file_size (log);
}

static char *
own_sshd_log_since (OwnSshd *sshd, goffset offset)
{
  g_autofree char *log = own_sshd_log_path (sshd);

  return read_since (log, offset);
}

typedef struct {
  OwnSshd *sshd;
  goffset offset;
} LogWait;

static gboolean
own_sshd_listening (gpointer data)
{
  LogWait *wait = data;
  g_autofree char *text = own_sshd_log_since (wait->sshd, wait->offset);
  g_autofree char *line = g_strdup_printf (
      "Server listening on " OWN_HOST " port %u", wait->sshd->port);

  if (waitpid (wait->sshd->pid, NULL, WNOHANG) == wait->sshd->pid)
    g_error ("sshd exited at start:\n%s", text);
  return strstr (text, line) != NULL;
}

/* Waits for sshd's own word that it listens: connecting to find out
 * would put a connection of the test's into its log. */
static void
own_sshd_launch (OwnSshd *sshd)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config = own_path (sshd, "sshd_config");
  g_autofree char *log = own_sshd_log_path (sshd);
  const char *argv[] = { SSHD, "-D", "-f", config, "-E", log, NULL };
  LogWait wait = { sshd, own_sshd_log_size (sshd) };

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                 die_with_test, NULL, &sshd->pid, &error);
  g_assert_no_error (error);
  g_assert_true (gr_test_wait_for (own_sshd_listening, &wait, 10000));
}

static void
own_sshd_stop (OwnSshd *sshd)
{
  if (sshd->pid == 0)
    return;
  kill (sshd->pid, SIGTERM);
  waitpid (sshd->pid, NULL, 0);
  g_spawn_close_pid (sshd->pid);
  sshd->pid = 0;
}

static void
own_sshd_start (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *template = sandbox_path ("test-destinations-XXXXXX");
  OwnSshd *sshd = &f->sshd;

  sshd->dir = g_mkdtemp_full (g_steal_pointer (&template), 0700);
  g_assert_nonnull (sshd->dir);
  sshd->port = free_port ();
  own_sshd_new_key (sshd);
  own_sshd_write_config (sshd);
  own_sshd_launch (sshd);
}

static void
own_sshd_restart_with_new_key (OwnSshd *sshd)
{
  own_sshd_stop (sshd);
  own_sshd_new_key (sshd);
  own_sshd_launch (sshd);
}

static char *
own_sshd_fingerprint (OwnSshd *sshd)
{
  g_autofree char *public_key = own_path (sshd, "host_key.pub");

  return key_fingerprint (public_key);
}

static void
own_sshd_cleanup (OwnSshd *sshd)
{
  own_sshd_stop (sshd);
  if (sshd->dir)
    {
      const char *argv[] = { "rm", "-rf", sshd->dir, NULL };

      g_free (gr_test_run (NULL, argv));
      g_clear_pointer (&sshd->dir, g_free);
    }
}

/* A destination for the own sshd as root, whose key the sandbox has
 * authorized for root: key login works without SetupPasswordless. */
static const char *
add_own_destination (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  const char *path = fresh_destination (f, "root", OWN_HOST);
  g_autofree char *fingerprint = own_sshd_fingerprint (&f->sshd);
  g_autofree char *added =
      add_destination (f, OWN_HOST, f->sshd.port, "root", fingerprint, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (added, ==, path);
  return path;
}

/* --- the state directory --- */

static GStrv
state_entries (void)
{
  g_autofree char *dir_path = state_path (NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    g_strv_builder_add (names, name);
  return g_strv_builder_end (names);
}

/* g_file_set_contents writes "NAME.XXXXXX", then renames it to NAME. */
static gboolean
is_temporary (const char *name)
{
  return (g_str_has_prefix (name, STATE_FILE ".") ||
          g_str_has_prefix (name, "known_hosts.")) &&
         strstr (name, "corrupt") == NULL;
}

static gboolean
has_new_entry (const char *const *before, gboolean (*kind) (const char *))
{
  g_auto (GStrv) now = state_entries ();

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
  g_autofree char *path = state_path (STATE_FILE);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  assert_mode (path, 0600, 0);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_true (
      json_object_has_member (json_node_get_object (root), "destinations"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (
      json_object_get_member (json_node_get_object (root), "destinations")));
}

/* Temporary files a killed write left behind are this test's doing. */
static void
remove_new_temporaries (Fixture *f)
{
  g_auto (GStrv) now = state_entries ();

  for (guint i = 0; now[i]; i++)
    if (is_temporary (now[i]) &&
        !g_strv_contains ((const char *const *) f->state_before, now[i]))
      {
        g_autofree char *path = state_path (now[i]);

        g_test_message ("a killed write left %s behind", now[i]);
        g_unlink (path);
      }
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
  g_autofree char *pid_file = sandbox_path ("georepd.pid");
  g_autofree char *exe_file = sandbox_path ("georepd.exe");
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

/* --- fixture --- */

/* A failed assertion aborts before teardown: the sshd died with the test
 * (PR_SET_PDEATHSIG), its directory is removed here. */
static void
remove_stale_sshd_dirs (void)
{
  g_autofree char *sandbox = sandbox_path (NULL);
  g_autoptr (GDir) dir = g_dir_open (sandbox, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "test-destinations-"))
      {
        g_autofree char *path = sandbox_path (name);
        const char *argv[] = { "rm", "-rf", path, NULL };

        g_free (gr_test_run (NULL, argv));
      }
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  remove_stale_sshd_dirs ();

  f->bus = gr_test_bus ();
  f->objects = gr_object_manager_client_new_sync (
      f->bus, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_NONE, GR_DBUS_NAME,
      GR_DBUS_PATH, NULL, &error);
  g_assert_no_error (error);
  f->created = g_ptr_array_new_with_free_func (g_free);
  f->state_before = state_entries ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < f->created->len; i++)
    remove_quietly (f, f->created->pdata[i]);
  own_sshd_cleanup (&f->sshd);
  if (f->touched_keys)
    strip_root_keys ();
  if (f->made_session)
    {
      gr_test_session_destroy (PRIMARY, SANDBOX_HOST, SECONDARY);
      gr_test_volume_destroy (PRIMARY);
      gr_test_volume_destroy (SECONDARY);
    }
  remove_new_temporaries (f);
  g_strfreev (f->state_before);
  g_ptr_array_unref (f->created);
  g_clear_object (&f->objects);
  g_clear_object (&f->bus);
}

/* --- ProbeHost and AddDestination --- */

static void
test_probe (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *expected =
      key_fingerprint (gr_test_env ("GEOREP_SSH_HOST_KEY"));
  g_autoptr (GVariant) reply =
      call_manager (f, "ProbeHost",
                    g_variant_new ("(sq@a{sv})", SANDBOX_HOST, sandbox_port (),
                                   options_none ()),
                    &error);
  const char *fingerprint;
  const char *key_type;

  g_assert_no_error (error);
  g_variant_get (reply, "(&s&s)", &fingerprint, &key_type);
  g_assert_cmpstr (fingerprint, ==, expected);
  g_assert_cmpstr (key_type, ==, "ssh-ed25519");
}

static void
assert_added_properties (Fixture *f, const char *path, const char *fingerprint)
{
  g_autoptr (GVariant) port =
      get_property (f, path, GR_DBUS_INTERFACE_DESTINATION, "Port");
  const struct {
    const char *name, *value;
  } expected[] = {
    { "Host", SANDBOX_HOST },
    { "User", remote_user () },
    { "HostKeyFingerprint", fingerprint },
    { "HostKeyType", "ssh-ed25519" },
    { "Passwordless", "unknown" },
  };

  g_assert_cmpuint (g_variant_get_uint16 (port), ==, sandbox_port ());
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *value = destination_string (f, path, expected[i].name);

      g_assert_cmpstr (value, ==, expected[i].value);
    }
}

static void
test_add (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *path = fresh_destination (f, remote_user (), SANDBOX_HOST);
  g_autofree char *right =
      key_fingerprint (gr_test_env ("GEOREP_SSH_HOST_KEY"));
  g_autofree char *added = NULL;
  g_autofree char *again = NULL;

  own_sshd_start (f);
  {
    /* A real fingerprint, of another host's key. */
    g_autofree char *wrong = own_sshd_fingerprint (&f->sshd);

    added = add_destination (f, SANDBOX_HOST, sandbox_port (), remote_user (),
                             wrong, &error);
    assert_gr_error (NULL, error, GR_ERROR_HOST_KEY_MISMATCH);
    g_assert_null (added);
    g_clear_error (&error);
  }
  added = add_destination (f, SANDBOX_HOST, sandbox_port (), remote_user (),
                           right, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added, ==, path);
  await_object (f, path, TRUE);
  assert_added_properties (f, path, right);
  again = add_destination (f, SANDBOX_HOST, sandbox_port (), remote_user (),
                           right, &error);
  assert_gr_error (NULL, error, GR_ERROR_ALREADY_EXISTS);
}

static gboolean
connection_ended (gpointer data)
{
  LogWait *wait = data;
  g_autofree char *text = own_sshd_log_since (wait->sshd, wait->offset);

  return strstr (text, "Connection closed by") ||
         strstr (text, "Disconnected from") ||
         strstr (text, "Connection reset by");
}

/* sshd names the user in its log only once a client asked to log in. */
static void
assert_no_login_attempt (OwnSshd *sshd, goffset offset, const char *user)
{
  LogWait wait = { sshd, offset };
  gboolean ended = gr_test_wait_for (connection_ended, &wait, 10000);
  g_autofree char *text = own_sshd_log_since (sshd, offset);

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
             OWN_HOST, sshd->port);
}

static void
test_wrong_key_no_login (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *wrong =
      key_fingerprint (gr_test_env ("GEOREP_SSH_HOST_KEY"));
  g_autofree char *added = NULL;
  goffset offset;

  own_sshd_start (f);
  track (f, remote_user (), OWN_HOST);
  offset = own_sshd_log_size (&f->sshd);
  added = add_destination (f, OWN_HOST, f->sshd.port, remote_user (), wrong,
                           &error);
  assert_gr_error (NULL, error, GR_ERROR_HOST_KEY_MISMATCH);
  assert_no_login_attempt (&f->sshd, offset, remote_user ());
}

static void
assert_add_refused (Fixture *f,
                    const char *host,
                    const char *user,
                    const char *fingerprint)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *added =
      add_destination (f, host, sandbox_port (), user, fingerprint, &error);

  g_test_message ("AddDestination ('%s', '%s', '%s')", host, user, fingerprint);
  assert_gr_error (NULL, error, GR_ERROR_INVALID_ARGUMENT);
}

static void
test_invalid_arguments (Fixture *f, gconstpointer data)
{
  g_autofree char *right =
      key_fingerprint (gr_test_env ("GEOREP_SSH_HOST_KEY"));
  const char *const bad_hosts[] = { "-oProxyCommand=x", "a;b", "", "a b",
                                    "host\n",           NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  for (guint i = 0; bad_hosts[i]; i++)
    assert_add_refused (f, bad_hosts[i], remote_user (), right);
  assert_add_refused (f, SANDBOX_HOST, "-x", right);
  assert_add_refused (f, SANDBOX_HOST, "a;b", right);
  assert_add_refused (f, SANDBOX_HOST, remote_user (),
                      "MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48");
  assert_add_refused (f, SANDBOX_HOST, remote_user (), "SHA256:short");
  reply = call_manager (f, "ProbeHost",
                        g_variant_new ("(sq@a{sv})", "-oProxyCommand=x",
                                       sandbox_port (), options_none ()),
                        &error);
  assert_gr_error (reply, error, GR_ERROR_INVALID_ARGUMENT);
}

/* --- SetupPasswordless, Test, Remove --- */

static void
assert_key_files (void)
{
  struct passwd *pw = getpwnam (remote_user ());
  g_autofree char *keys = authorized_keys_path ();
  g_autofree char *dir = g_path_get_dirname (keys);

  g_assert_nonnull (pw);
  assert_mode (dir, 0700, pw->pw_uid);
  assert_mode (keys, 0600, pw->pw_uid);
}

static void
test_setup_passwordless (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *path;

  f->touched_keys = TRUE;
  strip_root_keys ();
  g_assert_false (key_login_works ());
  path = add_sandbox_destination (f, remote_user ());
  setup_passwordless_ok (f, path);
  assert_passwordless (f, path, "ok");
  g_assert_true (key_login_works ());
  setup_passwordless_ok (f, path);
  g_assert_cmpuint (count_root_keys (), ==, 1);
  assert_key_files ();

  reply = setup_passwordless (f, path, "not the password", &error);
  assert_gr_error (reply, error, GR_ERROR_AUTHENTICATION_FAILED);
  assert_passwordless (f, path, "failed");
}

static void
test_password_not_logged (Fixture *f, gconstpointer data)
{
  const char *log = gr_test_env ("GEOREP_SERVICE_LOG");
  goffset offset = file_size (log);
  g_autofree char *wrong =
      g_strdup_printf ("wrong-%08x%08x", g_random_int (), g_random_int ());
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *text = NULL;
  const char *path = add_sandbox_destination (f, remote_user ());

  setup_passwordless_ok (f, path);
  reply = setup_passwordless (f, path, wrong, &error);
  assert_gr_error (reply, error, GR_ERROR_AUTHENTICATION_FAILED);
  g_assert_null (strstr (error->message, wrong));
  text = read_since (log, offset);
  /* The service did log these calls: the log is the right one. */
  g_assert_nonnull (strstr (text, remote_user ()));
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
test_test (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *version = local_gluster_version ();
  g_autofree char *remote_version = NULL;
  g_autofree char *last_message = NULL;
  const char *path = add_sandbox_destination (f, remote_user ());
  guint64 before;
  gboolean ok;
  const char *message;

  setup_passwordless_ok (f, path);
  before = destination_time (f, path);
  reply = test_destination (f, path, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b&s)", &ok, &message);
  g_assert_true (ok);
  g_assert_cmpstr (message, !=, "");
  remote_version = destination_string (f, path, "RemoteGlusterVersion");
  g_assert_cmpstr (remote_version, ==, version);
  last_message = destination_string (f, path, "LastTestMessage");
  g_assert_cmpstr (last_message, ==, message);
  g_assert_cmpuint (destination_time (f, path), >, before);
  assert_passwordless (f, path, "ok");
}

static void
test_host_key_change (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *path;
  goffset offset;

  own_sshd_start (f);
  path = add_own_destination (f);
  reply = test_destination (f, path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, g_variant_unref);

  own_sshd_restart_with_new_key (&f->sshd);
  offset = own_sshd_log_size (&f->sshd);
  reply = test_destination (f, path, &error);
  assert_gr_error (reply, error, GR_ERROR_HOST_KEY_MISMATCH);
  assert_no_login_attempt (&f->sshd, offset, "root");
}

static void
test_unreachable (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *path;
  gint64 start;

  own_sshd_start (f);
  path = add_own_destination (f);
  own_sshd_stop (&f->sshd);
  start = g_get_monotonic_time ();
  reply = test_destination (f, path, &error);
  assert_gr_error (reply, error, GR_ERROR_HOST_UNREACHABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_remove_revoke (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *path;

  f->touched_keys = TRUE;
  strip_root_keys ();
  path = add_sandbox_destination (f, remote_user ());
  setup_passwordless_ok (f, path);
  g_assert_cmpuint (count_root_keys (), ==, 1);
  reply = call_destination (
      f, path, "Remove",
      g_variant_new ("(@a{sv})", options_flag ("revoke-key")), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_root_keys (), ==, 0);
  g_assert_false (key_login_works ());
  assert_key_files ();
  await_object (f, path, FALSE);
}

/* --- sessions --- */

static void
create_cli_session (Fixture *f)
{
  g_autofree char *url = g_strdup_printf (SANDBOX_HOST "::%s", SECONDARY);
  g_autofree char *port = g_strdup_printf ("%u", sandbox_port ());

  f->made_session = TRUE;
  gr_test_session_destroy (PRIMARY, SANDBOX_HOST, SECONDARY);
  gr_test_volume_create (PRIMARY);
  gr_test_volume_create (SECONDARY);
  g_assert_cmpint (gr_test_gluster ("system::", "execute", "gsec_create", NULL),
                   ==, 0);
  g_assert_cmpint (gr_test_gluster ("volume", "geo-replication", PRIMARY, url,
                                    "create", "ssh-port", port, "push-pem",
                                    NULL),
                   ==, 0);
  gr_test_wait_for_hooks ();
}

static void
assert_session_link (Fixture *f, const char *session, const char *destination)
{
  g_autoptr (GVariant) link =
      get_property (f, session, GR_DBUS_INTERFACE_SESSION, "Destination");

  g_assert_cmpstr (g_variant_get_string (link, NULL), ==, destination);
}

static void
test_sessions (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) sessions = NULL;
  g_autofree char *session = gr_session_path (PRIMARY, SANDBOX_HOST, SECONDARY);
  g_autofree const char **linked = NULL;
  const char *path;

  create_cli_session (f);
  /* root@127.0.0.1, the user gluster's push-pem logs in as; never
   * revoked: the sandbox's sessions depend on that key. */
  path = add_sandbox_destination (f, "root");
  reply = call_manager (f, "Refresh",
                        g_variant_new ("(@a{sv})", options_none ()), &error);
  g_assert_no_error (error);
  await_object (f, session, TRUE);
  assert_session_link (f, session, path);
  sessions = get_property (f, path, GR_DBUS_INTERFACE_DESTINATION, "Sessions");
  linked = g_variant_get_objv (sessions, NULL);
  g_assert_true (g_strv_contains (linked, session));

  g_clear_pointer (&reply, g_variant_unref);
  reply = call_destination (
      f, path, "Remove", g_variant_new ("(@a{sv})", options_none ()), &error);
  assert_gr_error (reply, error, GR_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_true (destination_exists (f, path));
  reply = call_destination (f, path, "Remove",
                            g_variant_new ("(@a{sv})", options_flag ("force")),
                            &error);
  g_assert_no_error (error);
  await_object (f, path, FALSE);
  assert_session_link (f, session, "/");
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
persisted_properties (Fixture *f, const char *path)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; persisted[i]; i++)
    {
      g_autoptr (GVariant) value =
          get_property (f, path, GR_DBUS_INTERFACE_DESTINATION, persisted[i]);

      g_variant_builder_add (&builder, "{sv}", persisted[i], value);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static void
test_persistence (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) before = NULL;
  g_autoptr (GVariant) after = NULL;
  const char *path;

  f->touched_keys = TRUE;
  strip_root_keys ();
  path = add_sandbox_destination (f, remote_user ());
  setup_passwordless_ok (f, path);
  reply = test_destination (f, path, &error);
  g_assert_no_error (error);
  before = persisted_properties (f, path);

  restart_service ();
  await_object (f, path, TRUE);
  after = persisted_properties (f, path);
  g_assert_true (g_variant_equal (before, after));
  assert_state_file_sound ();

  /* The installed key line came back too: revoking still works. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = call_destination (
      f, path, "Remove",
      g_variant_new ("(@a{sv})", options_flag ("revoke-key")), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_root_keys (), ==, 0);
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
start_write (Fixture *f, const char *path, guint round, PendingCall *pending)
{
  g_autofree char *fingerprint =
      key_fingerprint (gr_test_env ("GEOREP_SSH_HOST_KEY"));
  const char *target = path;
  const char *interface = GR_DBUS_INTERFACE_DESTINATION;
  GVariant *args;

  if (destination_exists (f, path))
    {
      pending->method = round % 2 ? "Remove" : "Test";
      args = g_variant_new ("(@a{sv})", options_none ());
    }
  else
    {
      pending->method = "AddDestination";
      target = GR_DBUS_PATH;
      interface = GR_DBUS_INTERFACE_MANAGER;
      args = g_variant_new ("(sqss@a{sv})", SANDBOX_HOST, sandbox_port (),
                            remote_user (), fingerprint, options_none ());
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
        return pending->done || has_new_entry (before, is_temporary);
      case KILL_AFTER_DELAY:
        return pending->done ||
               g_get_monotonic_time () - start >= (gint64) round * 30000;
      default:
        return pending->done;
    }
}

/* Polls every half millisecond: a durable write lasts a few. */
static void
kill_service_during_write (Fixture *f, guint round, PendingCall *pending)
{
  g_auto (GStrv) before = state_entries ();
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
      has_new_entry ((const char *const *) before, is_temporary)
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
test_kill_during_writes (Fixture *f, gconstpointer data)
{
  const char *path = fresh_destination (f, remote_user (), SANDBOX_HOST);

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
test_plain_user_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *probe = NULL;
  g_autofree char *add = NULL;
  g_autofree char *text = NULL;
  const char *path;
  goffset offset;

  own_sshd_start (f);
  path = add_own_destination (f);
  track (f, remote_user (), OWN_HOST);
  fingerprint = own_sshd_fingerprint (&f->sshd);
  probe =
      g_strdup_printf ("('" OWN_HOST "', uint16 %u, @a{sv} {})", f->sshd.port);
  add = g_strdup_printf ("('" OWN_HOST "', uint16 %u, '%s', '%s', @a{sv} {})",
                         f->sshd.port, remote_user (), fingerprint);
  offset = own_sshd_log_size (&f->sshd);

  assert_refused (GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "ProbeHost", probe);
  assert_refused (GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "AddDestination",
                  add);
  assert_refused (path, GR_DBUS_INTERFACE_DESTINATION, "SetupPasswordless",
                  "('not-a-password', @a{sv} {})");
  assert_refused (path, GR_DBUS_INTERFACE_DESTINATION, "Test", "(@a{sv} {},)");
  assert_refused (path, GR_DBUS_INTERFACE_DESTINATION, "Remove",
                  "(@a{sv} {'force': <true>},)");

  text = own_sshd_log_since (&f->sshd, offset);
  g_assert_cmpuint (count_lines_with (text, "Connection from"), ==, 0);
  g_assert_true (destination_exists (f, path));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/destinations/probe", test_probe);
  ADD ("/destinations/add", test_add);
  ADD ("/destinations/add/wrong-key-no-login", test_wrong_key_no_login);
  ADD ("/destinations/add/invalid-arguments", test_invalid_arguments);
  ADD ("/destinations/setup-passwordless", test_setup_passwordless);
  ADD ("/destinations/setup-passwordless/password-not-logged",
       test_password_not_logged);
  ADD ("/destinations/test", test_test);
  ADD ("/destinations/test/host-key-change", test_host_key_change);
  ADD ("/destinations/test/unreachable", test_unreachable);
  ADD ("/destinations/remove/revoke-key", test_remove_revoke);
  ADD ("/destinations/remove/sessions", test_sessions);
  ADD ("/destinations/persistence/restart", test_persistence);
  ADD ("/destinations/persistence/kill-during-writes", test_kill_during_writes);
  ADD ("/destinations/polkit/plain-user-refused", test_plain_user_refused);
  return g_test_run ();
}
