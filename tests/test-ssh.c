/* Tests of the SSH module: key line validation and root's key pair, then
 * every operation against a real OpenSSH server that the test starts
 * itself (127.0.0.1, a free port, its own host key, PAM password login)
 * with a temporary local user.
 *
 * Needs root (useradd, sshd) and fails, never skips, when the server
 * cannot be started. Cleanup of the user, sshd and the temporary
 * directory is done by a guardian shell that waits for this process to
 * end however it ends (also on a failed assertion, which aborts), so
 * nothing is left behind. A lock keeps two runs from sharing the user. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "gr-error.h"
#include "gr-ssh.h"

#define TEST_USER "georep-sshtest"
#define SSHD "/usr/sbin/sshd"
#define LOCK_FILE "/run/lock/georepd-test-ssh.lock"
#define TIMEOUT 5
#define OTHER_FINGERPRINT "SHA256:NJlmvnW+SMCrhra48c0DUy+2y6nHusAalxqZWhvfX/o"

/* Waits for EOF on stdin (this process has ended), then removes what the
 * test created. Ignores the signals a test runner sends to the group. The
 * pid file is trusted only if that process is the sshd of this run (its
 * command line names the temporary directory). */
#define GUARDIAN_SCRIPT                                                        \
  "trap '' INT TERM HUP; cat >/dev/null; "                                     \
  "p=$(cat \"$0/sshd.pid\" 2>/dev/null); "                                     \
  "if [ -n \"$p\" ] && tr '\\0' ' ' < /proc/$p/cmdline 2>/dev/null | "         \
  "grep -qF -- \"$0/\"; then kill \"$p\"; fi; "                                \
  "userdel -r -f " TEST_USER " >/dev/null 2>&1; rm -rf -- \"$0\""

static struct {
  gboolean ready;
  char *tmp;
  char *password;
  char *home;
  char *fingerprint;  /* of tmp/hostkey, from ssh-keygen -l */
  char *fingerprint2; /* of tmp/hostkey2 */
  char *identity;
  char *key_line;
  char *fake_gluster;
  char *stalled_gluster;
  guint16 port;
  GSubprocess *guardian;
} world;

typedef struct {
  GSubprocess *sshd;
  GrSshTarget *target;
} Fixture;

/* Helpers: files and commands. */

static char *
tmp_path (const char *name)
{
  return g_build_filename (world.tmp, name, NULL);
}

static char *
read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *path, const char *text, int mode)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, mode,
                            &error);
  g_assert_no_error (error);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
          !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Runs @argv with @input on stdin; returns stdout, sets *@status. */
static char *
run (const char *const *argv, const char *input, int *status)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  char *out = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "SSH_AUTH_SOCK");
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
  return out;
}

static char *
run_ok (const char *const *argv, const char *input)
{
  int status;
  char *out = run (argv, input, &status);

  if (status != 0)
    g_error ("%s exited with status %d", argv[0], status);
  return out;
}

/* The fingerprint as ssh-keygen -l prints it:
 * "256 SHA256:… comment (ED25519)". */
static char *
keygen_fingerprint (const char *pub_path)
{
  const char *argv[] = { "ssh-keygen", "-lf", pub_path, NULL };
  g_autofree char *out = run_ok (argv, NULL);
  g_auto (GStrv) fields = g_strsplit (out, " ", 3);

  g_assert_nonnull (fields[1]);
  return g_strdup (fields[1]);
}

static void
keygen (const char *type, const char *path)
{
  const char *argv[] = { "ssh-keygen", "-q",           "-t", type, "-N", "",
                         "-C",         "test@georepd", "-f", path, NULL };

  g_unlink (path);
  g_free (run_ok (argv, NULL));
}

/* World: the user, the keys and the guardian, set up once. */

static char *
random_password (void)
{
  const char chars[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
                       "23456789@%+=._-";
  GString *password = g_string_new (NULL);

  for (int i = 0; i < 24; i++)
    g_string_append_c (password,
                       chars[g_random_int_range (0, sizeof chars - 1)]);
  return g_string_free (password, FALSE);
}

static guint16
free_port (void)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetAddress) loopback =
      g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Out of the test runner's process group, which it may kill on timeout. */
static void
new_session (gpointer data)
{
  setsid ();
}

/* The lock is handed to the guardian as fd 3, so it is held until the
 * cleanup is complete, even when this process dies first. */
static void
start_guardian (int lock_fd)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_take_fd (launcher, lock_fd, 3);
  g_subprocess_launcher_set_child_setup (launcher, new_session, NULL, NULL);
  world.guardian = g_subprocess_launcher_spawn (
      launcher, &error, "/bin/sh", "-c", GUARDIAN_SCRIPT, world.tmp, NULL);
  g_assert_no_error (error);
}

static void
create_user (void)
{
  const char *del[] = { "userdel", "-r", "-f", TEST_USER, NULL };
  const char *add[] = { "useradd", "-m", "-s", "/bin/sh", TEST_USER, NULL };
  const char *chpasswd[] = { "chpasswd", NULL };
  g_autofree char *input = NULL;
  int status;
  struct passwd *pw;

  /* Left over by a run that was killed with SIGKILL along with its
   * guardian: this run owns the name now (it holds the lock). */
  if (getpwnam (TEST_USER) != NULL)
    g_free (run (del, NULL, &status));
  g_free (run_ok (add, NULL));
  input = g_strdup_printf ("%s:%s\n", TEST_USER, world.password);
  g_free (run_ok (chpasswd, input));
  pw = getpwnam (TEST_USER);
  g_assert_nonnull (pw);
  world.home = g_strdup (pw->pw_dir);
}

static void
write_fake_gluster (void)
{
  g_autofree char *secret = tmp_path ("xxe-secret");
  g_autofree char *script = NULL;

  /* The entity must never be expanded into a volume name. */
  write_text (secret, "leakedvolume", 0644);
  script = g_strdup_printf (
      "#!/bin/sh\n"
      "case \"$*\" in\n"
      "*--version*) echo 'glusterfs 10.99'; echo 'Repository revision: x';;\n"
      "*'volume list'*) cat <<'EOF'\n"
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<!DOCTYPE cliOutput [<!ENTITY x SYSTEM \"file://%s\">]>\n"
      "<cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/>\n"
      "<volList><count>4</count><volume>gvol0</volume>\n"
      "<volume>backup_1</volume><volume>-bad;name</volume>\n"
      "<volume>&x;</volume></volList></cliOutput>\n"
      "EOF\n"
      ";;\n"
      "*) exit 2;;\n"
      "esac\n",
      secret);
  world.fake_gluster = tmp_path ("fake-gluster");
  write_text (world.fake_gluster, script, 0755);
  /* Never finishes, but dies once nobody reads its output any more. */
  world.stalled_gluster = tmp_path ("stalled-gluster");
  write_text (world.stalled_gluster,
              "#!/bin/sh\nwhile echo . >&2; do sleep 0.2; done\n", 0755);
}

static void
create_keys (void)
{
  g_autofree char *host_key = tmp_path ("hostkey");
  g_autofree char *host_key2 = tmp_path ("hostkey2");
  g_autofree char *pub = tmp_path ("hostkey.pub");
  g_autofree char *pub2 = tmp_path ("hostkey2.pub");
  g_autofree char *ssh_dir = tmp_path ("root-ssh");
  g_autoptr (GError) error = NULL;

  keygen ("ed25519", host_key);
  keygen ("ed25519", host_key2);
  world.fingerprint = keygen_fingerprint (pub);
  world.fingerprint2 = keygen_fingerprint (pub2);
  gr_ssh_root_key (ssh_dir, &world.key_line, &world.identity, &error);
  g_assert_no_error (error);
}

static int
take_lock (void)
{
  int fd = open (LOCK_FILE, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  /* Blocks while another run of this test (another build tree) is busy. */
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  return fd;
}

static void
world_setup (void)
{
  g_autoptr (GError) error = NULL;
  int lock_fd;

  if (world.ready)
    return;
  if (geteuid () != 0)
    g_error ("test-ssh must run as root: it creates a user and runs sshd");
  if (!g_file_test (SSHD, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s is missing: install openssh-server", SSHD);
  /* Locked first: a run killed while it waits leaves nothing behind. */
  lock_fd = take_lock ();
  world.tmp = g_dir_make_tmp ("georepd-ssh-XXXXXX", &error);
  g_assert_no_error (error);
  start_guardian (lock_fd);
  g_mkdir_with_parents ("/run/sshd", 0755);
  world.password = random_password ();
  world.port = free_port ();
  create_user ();
  create_keys ();
  write_fake_gluster ();
  world.ready = TRUE;
}

static void
world_teardown (void)
{
  g_autoptr (GError) error = NULL;

  if (world.guardian == NULL)
    return;
  g_output_stream_close (g_subprocess_get_stdin_pipe (world.guardian), NULL,
                         &error);
  g_subprocess_wait (world.guardian, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (getpwnam (TEST_USER));
  g_assert_false (g_file_test (world.tmp, G_FILE_TEST_EXISTS));
}

/* sshd */

typedef enum {
  GLUSTER_REAL,
  GLUSTER_HIDDEN, /* /dev/null bound over it: not executable */
  GLUSTER_FAKE,
  GLUSTER_STALLED,
} GlusterMode;

static char *
write_sshd_config (const char *host_key_name, gboolean password_auth)
{
  g_autofree char *host_key = tmp_path (host_key_name);
  g_autofree char *config = NULL;
  char *path = tmp_path ("sshd_config");

  config = g_strdup_printf (
      "Port %u\nListenAddress 127.0.0.1\nHostKey %s\nPidFile %s/sshd.pid\n"
      "AuthorizedKeysFile .ssh/authorized_keys\n"
      "PasswordAuthentication %s\nKbdInteractiveAuthentication yes\n"
      "UsePAM yes\nPermitRootLogin prohibit-password\n"
      "AllowUsers " TEST_USER "\nLogLevel DEBUG1\n",
      world.port, host_key, world.tmp, password_auth ? "yes" : "no");
  write_text (path, config, 0600);
  return path;
}

static const char *
gluster_replacement (GlusterMode gluster)
{
  switch (gluster)
    {
      case GLUSTER_HIDDEN:
        return "/dev/null";
      case GLUSTER_FAKE:
        return world.fake_gluster;
      case GLUSTER_STALLED:
        return world.stalled_gluster;
      case GLUSTER_REAL:
      default:
        return NULL;
    }
}

static GSubprocess *
spawn_sshd (const char *config, const char *log, GlusterMode gluster)
{
  g_autoptr (GError) error = NULL;
  GSubprocess *sshd;

  /* A private mount namespace changes /usr/sbin/gluster for this sshd
   * (and the sessions it starts) only. */
  if (gluster == GLUSTER_REAL)
    sshd = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, SSHD, "-D", "-f",
                             config, "-E", log, NULL);
  else
    sshd =
        g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "unshare", "--mount",
                          "--propagation", "private", "/bin/sh", "-c",
                          "mount --bind \"$0\" /usr/sbin/gluster && "
                          "exec " SSHD " -D -f \"$1\" -E \"$2\"",
                          gluster_replacement (gluster), config, log, NULL);
  g_assert_no_error (error);
  return sshd;
}

static gboolean
sshd_answers (void)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  char banner[4] = { 0 };
  gsize n = 0;

  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, 2);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", world.port,
                                                NULL, NULL);
  if (connection == NULL)
    return FALSE;
  g_input_stream_read_all (
      g_io_stream_get_input_stream (G_IO_STREAM (connection)), banner,
      sizeof banner, &n, NULL, NULL);
  return n == sizeof banner && memcmp (banner, "SSH-", 4) == 0;
}

static void
start_sshd (Fixture *fx,
            const char *host_key_name,
            gboolean password_auth,
            GlusterMode gluster)
{
  g_autofree char *config = write_sshd_config (host_key_name, password_auth);
  g_autofree char *log = tmp_path ("sshd.log");
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_unlink (log);
  fx->sshd = spawn_sshd (config, log, gluster);
  /* Poll until it answers with its banner, failing early if it exited. */
  while (!sshd_answers ())
    {
      if (g_subprocess_get_identifier (fx->sshd) == NULL ||
          g_get_monotonic_time () > deadline)
        {
          g_autofree char *text = NULL;

          g_file_get_contents (log, &text, NULL, NULL);
          g_error ("sshd did not start; its log:\n%s", text ? text : "");
        }
      g_usleep (20 * 1000);
    }
}

static void
stop_sshd (Fixture *fx)
{
  g_autofree char *pid_file = tmp_path ("sshd.pid");

  if (fx->sshd == NULL)
    return;
  g_subprocess_send_signal (fx->sshd, SIGTERM);
  g_subprocess_wait (fx->sshd, NULL, NULL);
  g_clear_object (&fx->sshd);
  g_unlink (pid_file);
}

static void
restart_sshd (Fixture *fx,
              const char *host_key_name,
              gboolean password_auth,
              GlusterMode gluster)
{
  stop_sshd (fx);
  start_sshd (fx, host_key_name, password_auth, gluster);
}

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  g_autofree char *state = NULL;
  g_autofree char *known_hosts = NULL;
  g_autofree char *user_ssh = NULL;

  world_setup ();
  state = tmp_path ("state");
  known_hosts = g_build_filename (state, "known_hosts", NULL);
  user_ssh = g_build_filename (world.home, ".ssh", NULL);
  /* Every test starts from a user and a service that never met. */
  remove_tree (state);
  remove_tree (user_ssh);
  fx->target =
      gr_ssh_target_new ("127.0.0.1", world.port, TEST_USER, world.fingerprint,
                         known_hosts, world.identity, TIMEOUT);
  start_sshd (fx, "hostkey", TRUE, GLUSTER_REAL);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  stop_sshd (fx);
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
  g_autofree char *path = tmp_path ("sshd.log");

  return read_text (path);
}

/* Key login with OpenSSH's own client, as gsyncd will do it. */
static int
openssh_login_status (void)
{
  g_autofree char *port = g_strdup_printf ("%u", world.port);
  const char *argv[] = {
    "ssh",
    "-F",
    "/dev/null",
    "-o",
    "BatchMode=yes",
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "IdentitiesOnly=yes",
    "-o",
    "LogLevel=QUIET",
    "-i",
    world.identity,
    "-p",
    port,
    TEST_USER "@127.0.0.1",
    "true",
    NULL,
  };
  int status;

  g_free (run (argv, NULL, &status));
  return status;
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

/* Unit tests: key lines and root's key. */

static void
test_key_line_valid (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("georepd-keys-XXXXXX", NULL);
  const char *const types[] = { "ed25519", "rsa", "ecdsa" };

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *path = g_build_filename (tmp, types[i], NULL);
      g_autofree char *pub = g_strconcat (path, ".pub", NULL);
      g_autofree char *line = NULL;
      g_autoptr (GError) error = NULL;
      char *space;

      keygen (types[i], path);
      line = g_strstrip (read_text (pub));
      g_assert_true (gr_ssh_validate_key_line (line, &error));
      g_assert_no_error (error);
      /* Without the comment, too. */
      space = strrchr (line, ' ');
      *space = '\0';
      g_assert_true (gr_ssh_validate_key_line (line, &error));
      g_assert_no_error (error);
    }
  remove_tree (tmp);
}

#define VALID_KEY                                                              \
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM4C73f0upf9cwwCEtksdi1Qpy1KqpNobRxg8"  \
  "42dZtDD"

static void
test_key_line_invalid (void)
{
  const char *const bad_lines[] = {
    "",
    "ssh-ed25519",
    "ssh-ed25519 ",
    "-ssh-ed25519 AAAA",
    "--help",
    "ssh-dss AAAAB3NzaC1kc3MAAACBAP",
    "ssh-ed25519 AAAA!!!!",
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM4C73f0up",
    /* An ed25519 blob announced as RSA. */
    "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIM4C73f0upf9cwwCEtksdi1Qpy1KqpNobRxg842dZ"
    "tDD",
    "ssh-ed25519-cert-v01@openssh.com AAAA",
    "ecdsa-sha2-foo AAAA",
    "ssh-ed25519  AAAAC3NzaC1lZDI1NTE5AAAAIM4C73f0upf9cwwCEtksdi1Qpy1KqpNo"
    "bRxg842dZtDD",
    NULL,
  };

  g_assert_true (gr_ssh_validate_key_line (VALID_KEY " root@node1", NULL));
  g_assert_false (gr_ssh_validate_key_line (NULL, NULL));
  for (guint i = 0; bad_lines[i]; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (gr_ssh_validate_key_line (bad_lines[i], &error));
      g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
    }
}

/* What would let a line smuggle a second line or options into
 * authorized_keys, or reach a shell. */
static void
test_key_line_options_newlines (void)
{
  const char *const bad_suffixes[] = {
    "\n",           "\r",
    "\t",           " root@node1\nssh-ed25519 AAAA",
    " a;rm -rf /",  " \"quoted\"",
    " caf\xc3\xa9", " $(id)",
    "\n ",          NULL,
  };
  const char *const options[] = {
    "command=\"/bin/sh\" ",
    "no-pty ",
    "from=\"*\",no-agent-forwarding ",
    "restrict ",
    " ",
    NULL,
  };

  for (guint i = 0; bad_suffixes[i]; i++)
    {
      g_autofree char *line = g_strconcat (VALID_KEY, bad_suffixes[i], NULL);

      g_assert_false (gr_ssh_validate_key_line (line, NULL));
    }
  for (guint i = 0; options[i]; i++)
    {
      g_autofree char *line = g_strconcat (options[i], VALID_KEY, NULL);

      g_assert_false (gr_ssh_validate_key_line (line, NULL));
    }
}

static void
assert_openssh_derives (const char *identity, const char *line)
{
  const char *argv[] = { "ssh-keygen", "-y", "-f", identity, NULL };
  g_autofree char *out = run_ok (argv, NULL);
  g_auto (GStrv) derived = g_strsplit (g_strstrip (out), " ", 3);
  g_auto (GStrv) fields = g_strsplit (line, " ", 3);

  /* OpenSSH reads the private key and finds the same public key. */
  g_assert_cmpstr (derived[0], ==, fields[0]);
  g_assert_cmpstr (derived[1], ==, fields[1]);
}

static void
test_root_key_create_reuse (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("georepd-rootkey-XXXXXX", NULL);
  g_autofree char *ssh_dir = g_build_filename (tmp, "dot-ssh", NULL);
  g_autofree char *line = NULL, *identity = NULL, *pub_text = NULL;
  g_autofree char *line2 = NULL, *identity2 = NULL, *pub = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (gr_ssh_root_key (ssh_dir, &line, &identity, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "ssh-ed25519 "));
  g_assert_true (gr_ssh_validate_key_line (line, NULL));
  pub = g_strconcat (identity, ".pub", NULL);
  g_assert_cmpuint (file_mode (ssh_dir), ==, 0700);
  g_assert_cmpuint (file_mode (identity), ==, 0600);
  g_assert_cmpuint (file_mode (pub), ==, 0644);
  pub_text = read_text (pub);
  g_assert_cmpstr (g_strstrip (pub_text), ==, line);
  assert_openssh_derives (identity, line);

  g_assert_true (gr_ssh_root_key (ssh_dir, &line2, &identity2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (line2, ==, line);
  g_assert_cmpstr (identity2, ==, identity);
  remove_tree (tmp);
}

/* An existing RSA key is used, its comment kept; a missing .pub file is no
 * obstacle because the public key comes from the private one. */
static void
test_root_key_existing_rsa (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("georepd-rootkey-XXXXXX", NULL);
  g_autofree char *rsa = g_build_filename (tmp, "id_rsa", NULL);
  g_autofree char *ed25519 = g_build_filename (tmp, "id_ed25519", NULL);
  g_autofree char *pub = g_strconcat (rsa, ".pub", NULL);
  g_autofree char *pub_text = NULL, *line = NULL, *identity = NULL;
  g_autofree char *line2 = NULL, *identity2 = NULL;
  g_autoptr (GError) error = NULL;

  keygen ("rsa", rsa);
  pub_text = g_strstrip (read_text (pub));
  g_assert_true (gr_ssh_root_key (tmp, &line, &identity, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, pub_text);
  g_assert_cmpstr (identity, ==, rsa);

  g_unlink (pub);
  g_assert_true (gr_ssh_root_key (tmp, &line2, &identity2, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line2, "ssh-rsa "));
  assert_openssh_derives (identity2, line2);
  g_assert_false (g_file_test (ed25519, G_FILE_TEST_EXISTS));
  remove_tree (tmp);
}

static void
test_root_key_encrypted (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("georepd-rootkey-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "id_ed25519", NULL);
  const char *argv[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N",
                         "secret",     "-f", path, NULL };
  g_autofree char *line = NULL, *identity = NULL;
  g_autoptr (GError) error = NULL;

  g_free (run_ok (argv, NULL));
  g_assert_false (gr_ssh_root_key (tmp, &line, &identity, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "passphrase"));
  remove_tree (tmp);
}

static void
test_forget_host (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("georepd-kh-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "known_hosts", NULL);
  g_autoptr (GrSshTarget) target =
      gr_ssh_target_new ("Node1.Example", 2222, NULL, NULL, path, NULL, 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  write_text (path,
              "[node1.example]:2222 ssh-ed25519 AAAA1\n"
              "node1.example ssh-ed25519 AAAA2\n"
              "other,[node1.example]:2222 ssh-rsa AAAA3\n"
              "[node1.example]:22222 ssh-ed25519 AAAA4\n",
              0600);
  g_assert_true (gr_ssh_forget_host (target, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==,
                   "node1.example ssh-ed25519 AAAA2\n"
                   "[node1.example]:22222 ssh-ed25519 AAAA4\n");
  g_assert_cmpuint (file_mode (path), ==, 0600);
  remove_tree (tmp);
}

/* Network failures that need no sshd. */

static void
test_closed_port (void)
{
  g_autoptr (GrSshTarget) target = gr_ssh_target_new (
      "127.0.0.1", free_port (), NULL, NULL, NULL, NULL, TIMEOUT);
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
      "127.0.0.1", world.port, NULL, NULL, NULL, NULL, TIMEOUT);
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
  known = read_text (fx->target->known_hosts);
  g_assert_true (g_str_has_prefix (known, "[127.0.0.1]:"));
  g_assert_nonnull (strstr (known, " ssh-ed25519 AAAA"));
  g_assert_cmpuint (file_mode (fx->target->known_hosts), ==, 0600);
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
  g_autofree char *message = NULL;
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
  g_assert_true (gr_ssh_test_finish (wait_result (&tested), &version, &volumes,
                                     &message, &error));
  g_assert_no_error (error);
  g_assert_nonnull (version);
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
  g_assert_null (strstr (log, TEST_USER));
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
  g_assert_null (strstr (log, TEST_USER));
  g_clear_pointer (&log, g_free);
  g_clear_error (&error);

  /* The same check sees a login when there is one. */
  g_free (fx->target->expected_fingerprint);
  fx->target->expected_fingerprint = g_strdup (world.fingerprint);
  setup_ok (fx);
  log = sshd_log ();
  g_assert_nonnull (strstr (log, "Accepted password for " TEST_USER));
}

static void
assert_key_installed_once (void)
{
  g_autofree char *keys = authorized_keys_path ();
  g_autofree char *ssh_dir = g_path_get_dirname (keys);
  g_autofree char *text = read_text (keys);
  struct passwd *pw = getpwnam (TEST_USER);
  GStatBuf st;

  g_assert_cmpuint (count_lines (text, world.key_line), ==, 1);
  g_assert_cmpuint (file_mode (ssh_dir), ==, 0700);
  g_assert_cmpuint (file_mode (keys), ==, 0600);
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
  text = read_text (keys);
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
  const char *chown_argv[] = { "chown", "-R", TEST_USER ":", ssh_dir, NULL };
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir (ssh_dir, 0755), ==, 0);
  write_text (keys, other, 0644);
  g_free (run_ok (chown_argv, NULL));
  setup_ok (fx);
  text = read_text (keys);
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

  restart_sshd (fx, "hostkey", FALSE, GLUSTER_REAL);
  setup_ok (fx);
  assert_key_installed_once ();
  log = sshd_log ();
  g_assert_nonnull (
      strstr (log, "Accepted keyboard-interactive/pam for " TEST_USER));
  g_assert_cmpint (openssh_login_status (), ==, 0);
}

static char *
local_gluster_version (void)
{
  const char *argv[] = { "/usr/sbin/gluster", "--version", NULL };
  g_autofree char *out = run_ok (argv, NULL);
  g_auto (GStrv) lines = g_strsplit (out, "\n", 2);

  g_assert_true (g_str_has_prefix (lines[0], "glusterfs "));
  return g_strdup (lines[0] + strlen ("glusterfs "));
}

static void
run_test (Fixture *fx, char **version, char ***volumes, char **message)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (gr_ssh_test (fx->target, version, volumes, message, &error));
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
  g_assert_true (
      g_str_has_prefix (message, "Key login as " TEST_USER " works, gluster "));
  if (g_strv_length (volumes) == 0)
    g_assert_nonnull (strstr (message, "cannot be listed"));
}

static void
test_test_fake_gluster (Fixture *fx, gconstpointer data)
{
  g_autofree char *version = NULL, *message = NULL;
  g_auto (GStrv) volumes = NULL;
  const char *const expected[] = { "gvol0", "backup_1", NULL };

  restart_sshd (fx, "hostkey", TRUE, GLUSTER_FAKE);
  setup_ok (fx);
  run_test (fx, &version, &volumes, &message);
  g_assert_cmpstr (version, ==, "10.99");
  g_assert_cmpstrv (volumes, expected);
  g_assert_cmpstr (message, ==,
                   "Key login as " TEST_USER " works, gluster "
                   "10.99 on 127.0.0.1, 2 volume(s)");
}

static void
test_test_no_gluster (Fixture *fx, gconstpointer data)
{
  g_autofree char *version = NULL, *message = NULL;
  g_auto (GStrv) volumes = NULL;

  restart_sshd (fx, "hostkey", TRUE, GLUSTER_HIDDEN);
  setup_ok (fx);
  run_test (fx, &version, &volumes, &message);
  g_assert_null (version);
  g_assert_cmpuint (g_strv_length (volumes), ==, 0);
  g_assert_nonnull (strstr (message, "gluster is not installed on "
                                     "127.0.0.1"));
}

/* A remote command that never ends is cut off by the operation's
 * deadline: GR_SSH_DEADLINE_FACTOR times the timeout. */
static void
test_deadline (Fixture *fx, gconstpointer data)
{
  g_autofree char *version = NULL, *message = NULL;
  g_auto (GStrv) volumes = NULL;
  g_autoptr (GError) error = NULL;
  gint64 elapsed;

  restart_sshd (fx, "hostkey", TRUE, GLUSTER_STALLED);
  setup_ok (fx);
  fx->target->timeout = 1;
  elapsed = g_get_monotonic_time ();
  g_assert_false (
      gr_ssh_test (fx->target, &version, &volumes, &message, &error));
  elapsed = g_get_monotonic_time () - elapsed;
  g_assert_error (error, GR_ERROR, GR_ERROR_TIMEDOUT);
  g_assert_cmpint (elapsed, <=, (GR_SSH_DEADLINE_FACTOR + 1) * G_USEC_PER_SEC);
  g_test_message ("stalled command: %s", error->message);
}

static void
test_test_key_refused (Fixture *fx, gconstpointer data)
{
  g_autofree char *version = NULL, *message = NULL;
  g_auto (GStrv) volumes = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (
      gr_ssh_test (fx->target, &version, &volumes, &message, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED);
  g_assert_nonnull (strstr (error->message, "refused key login"));
  g_test_message ("key refused: %s", error->message);
}

static void
assert_test_fails (Fixture *fx, int code)
{
  g_autofree char *version = NULL, *message = NULL;
  g_auto (GStrv) volumes = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (
      gr_ssh_test (fx->target, &version, &volumes, &message, &error));
  g_assert_error (error, GR_ERROR, code);
  g_test_message ("%s", error->message);
}

static void
test_host_key_changed (Fixture *fx, gconstpointer data)
{
  g_autofree char *version = NULL, *message = NULL;
  g_auto (GStrv) volumes = NULL;
  g_autoptr (GError) error = NULL;

  setup_ok (fx);
  restart_sshd (fx, "hostkey2", TRUE, GLUSTER_REAL);
  /* The stored fingerprint no longer matches. */
  assert_test_fails (fx, GR_ERROR_HOST_KEY_MISMATCH);
  /* Nor does known_hosts, even when the new fingerprint is expected. */
  g_free (fx->target->expected_fingerprint);
  fx->target->expected_fingerprint = g_strdup (world.fingerprint2);
  assert_test_fails (fx, GR_ERROR_HOST_KEY_MISMATCH);
  /* Until the old key is forgotten, as when re-adding the destination. */
  g_assert_true (gr_ssh_forget_host (fx->target, &error));
  g_assert_no_error (error);
  g_assert_true (
      gr_ssh_test (fx->target, &version, &volumes, &message, &error));
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
  text = read_text (keys);
  appended = g_strconcat (other, "\n", text, other, "\n", NULL);
  g_file_set_contents (keys, appended, -1, NULL);
  g_assert_true (gr_ssh_revoke_key (fx->target, world.key_line, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = read_text (keys);
  g_assert_cmpuint (count_lines (text, world.key_line), ==, 0);
  g_assert_cmpuint (count_lines (text, other), ==, 2);
  g_assert_cmpuint (file_mode (keys), ==, 0600);
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

  g_test_add_func ("/ssh/key-line/valid", test_key_line_valid);
  g_test_add_func ("/ssh/key-line/invalid", test_key_line_invalid);
  g_test_add_func ("/ssh/key-line/options-newlines",
                   test_key_line_options_newlines);
  g_test_add_func ("/ssh/root-key/create-reuse", test_root_key_create_reuse);
  g_test_add_func ("/ssh/root-key/existing-rsa", test_root_key_existing_rsa);
  g_test_add_func ("/ssh/root-key/encrypted", test_root_key_encrypted);
  g_test_add_func ("/ssh/known-hosts/forget", test_forget_host);
  g_test_add_func ("/ssh/net/closed-port", test_closed_port);
  g_test_add_func ("/ssh/net/silent-server", test_silent_server);
  g_test_add_func ("/ssh/net/invalid-target", test_invalid_target);
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
  world_teardown ();
  return status;
}
