/* The server side of test-ssh: the user, the keys, the guardian and the
 * sshd. */
#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "gr-ssh.h"
#include "gr-test-files.h"
#include "gr-test-ssh-world.h"
#include "gr-test-util.h"

#define LOCK_FILE "/run/lock/georepd-test-ssh.lock"

/* Waits for EOF on stdin (the test has ended), then removes what the
 * test created. Ignores the signals a test runner sends to the group. The
 * pid file is trusted only if that process is the sshd of this run (its
 * command line names the temporary directory). */
#define GUARDIAN_SCRIPT                                                        \
  "trap '' INT TERM HUP; cat >/dev/null; "                                     \
  "p=$(cat \"$0/sshd.pid\" 2>/dev/null); "                                     \
  "if [ -n \"$p\" ] && tr '\\0' ' ' < /proc/$p/cmdline 2>/dev/null | "         \
  "grep -qF -- \"$0/\"; then kill \"$p\"; fi; "                                \
  "userdel -r -f " GR_TEST_SSH_USER " >/dev/null 2>&1; rm -rf -- \"$0\""

char *
gr_test_ssh_world_path (const GrTestSshWorld *world, const char *name)
{
  return g_build_filename (world->tmp, name, NULL);
}

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

static int
take_lock (void)
{
  int fd = open (LOCK_FILE, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  /* Blocks while another run of this test (another build tree) is busy. */
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  return fd;
}

/* Out of the test runner's process group, which it may kill on timeout. */
static void
new_session (gpointer data)
{
  setsid ();
}

/* The lock is handed to the guardian as fd 3, so it is held until the
 * cleanup is complete, even when the test dies first. */
static void
start_guardian (GrTestSshWorld *world, int lock_fd)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_take_fd (launcher, lock_fd, 3);
  g_subprocess_launcher_set_child_setup (launcher, new_session, NULL, NULL);
  world->guardian = g_subprocess_launcher_spawn (
      launcher, &error, "/bin/sh", "-c", GUARDIAN_SCRIPT, world->tmp, NULL);
  g_assert_no_error (error);
}

/* On chpasswd's standard input, never on a command line. */
static void
set_password (const char *password)
{
  g_autofree char *input =
      g_strdup_printf ("%s:%s\n", GR_TEST_SSH_USER, password);
  g_autoptr (GSubprocess) chpasswd = NULL;
  g_autoptr (GError) error = NULL;

  chpasswd = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                               "chpasswd", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (chpasswd, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (chpasswd));
}

static void
create_user (GrTestSshWorld *world)
{
  const char *del[] = { "userdel", "-r", "-f", GR_TEST_SSH_USER, NULL };
  const char *add[] = {
    "useradd", "-m", "-s", "/bin/sh", GR_TEST_SSH_USER, NULL
  };
  struct passwd *pw;
  int status;

  /* Left over by a run that was killed with SIGKILL along with its
   * guardian: this run owns the name now (it holds the lock). */
  if (getpwnam (GR_TEST_SSH_USER) != NULL)
    g_free (gr_test_run (&status, del));
  g_free (gr_test_run (NULL, add));
  set_password (world->password);
  pw = getpwnam (GR_TEST_SSH_USER);
  g_assert_nonnull (pw);
  world->home = g_strdup (pw->pw_dir);
}

static void
create_keys (GrTestSshWorld *world)
{
  g_autofree char *host_key = gr_test_ssh_world_path (world, "hostkey");
  g_autofree char *host_key2 = gr_test_ssh_world_path (world, "hostkey2");
  g_autofree char *pub = gr_test_ssh_world_path (world, "hostkey.pub");
  g_autofree char *pub2 = gr_test_ssh_world_path (world, "hostkey2.pub");
  g_autofree char *ssh_dir = gr_test_ssh_world_path (world, "root-ssh");
  g_autoptr (GError) error = NULL;

  gr_test_keygen ("ed25519", host_key);
  gr_test_keygen ("ed25519", host_key2);
  world->fingerprint = gr_test_key_fingerprint (pub);
  world->fingerprint2 = gr_test_key_fingerprint (pub2);
  gr_ssh_root_key (ssh_dir, &world->key_line, &world->identity, &error);
  g_assert_no_error (error);
}

/* Its volume list is read by the parser of the local one, which refuses
 * a DOCTYPE, and so external entities, outright (test-xml). */
static void
write_fake_gluster (GrTestSshWorld *world)
{
  static const char script[] =
      "#!/bin/sh\n"
      "case \"$*\" in\n"
      "*--version*) echo 'glusterfs 10.99'; echo 'Repository revision: x';;\n"
      "*'volume list'*) cat <<'EOF'\n"
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/>\n"
      "<volList><count>4</count><volume>gvol0</volume>\n"
      "<volume>backup_1</volume><volume>-bad;name</volume>\n"
      "<volume>bad&amp;name</volume></volList></cliOutput>\n"
      "EOF\n"
      ";;\n"
      "*) exit 2;;\n"
      "esac\n";

  world->fake_gluster = gr_test_ssh_world_path (world, "fake-gluster");
  gr_test_write_text (world->fake_gluster, script, 0755);
  /* Never finishes, but dies once nobody reads its output any more. */
  world->stalled_gluster = gr_test_ssh_world_path (world, "stalled-gluster");
  gr_test_write_text (world->stalled_gluster,
                      "#!/bin/sh\nwhile echo . >&2; do sleep 0.2; done\n",
                      0755);
}

void
gr_test_ssh_world_setup (GrTestSshWorld *world)
{
  g_autoptr (GError) error = NULL;
  int lock_fd;

  if (world->ready)
    return;
  if (geteuid () != 0)
    g_error ("test-ssh must run as root: it creates a user and runs sshd");
  if (!g_file_test (GR_TEST_SSHD, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s is missing: install openssh-server", GR_TEST_SSHD);
  /* Locked first: a run killed while it waits leaves nothing behind. */
  lock_fd = take_lock ();
  world->tmp = g_dir_make_tmp ("georepd-ssh-XXXXXX", &error);
  g_assert_no_error (error);
  start_guardian (world, lock_fd);
  g_mkdir_with_parents ("/run/sshd", 0755);
  world->password = random_password ();
  gr_test_sshd_init (&world->sshd, world->tmp, "127.0.0.1");
  create_user (world);
  create_keys (world);
  write_fake_gluster (world);
  world->ready = TRUE;
}

void
gr_test_ssh_world_teardown (GrTestSshWorld *world)
{
  g_autoptr (GError) error = NULL;

  if (world->guardian == NULL)
    return;
  gr_test_sshd_clear (&world->sshd);
  g_output_stream_close (g_subprocess_get_stdin_pipe (world->guardian), NULL,
                         &error);
  g_subprocess_wait (world->guardian, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (getpwnam (GR_TEST_SSH_USER));
  g_assert_false (g_file_test (world->tmp, G_FILE_TEST_EXISTS));
}

static void
write_sshd_config (GrTestSshWorld *world,
                   const char *host_key_name,
                   gboolean password_auth)
{
  g_autofree char *host_key = gr_test_ssh_world_path (world, host_key_name);
  g_autofree char *path = gr_test_ssh_world_path (world, "sshd_config");
  g_autofree char *config = g_strdup_printf (
      "Port %u\nListenAddress %s\nHostKey %s\nPidFile %s/sshd.pid\n"
      "AuthorizedKeysFile .ssh/authorized_keys\n"
      "PasswordAuthentication %s\nKbdInteractiveAuthentication yes\n"
      "UsePAM yes\nPermitRootLogin prohibit-password\n"
      "AllowUsers " GR_TEST_SSH_USER "\nLogLevel DEBUG1\n",
      world->sshd.port, world->sshd.address, host_key, world->tmp,
      password_auth ? "yes" : "no");

  gr_test_write_text (path, config, 0600);
}

static const char *
gluster_replacement (const GrTestSshWorld *world, GrTestGluster gluster)
{
  switch (gluster)
    {
      case GR_TEST_GLUSTER_HIDDEN:
        return "/dev/null";
      case GR_TEST_GLUSTER_FAKE:
        return world->fake_gluster;
      case GR_TEST_GLUSTER_STALLED:
        return world->stalled_gluster;
      case GR_TEST_GLUSTER_REAL:
      default:
        return NULL;
    }
}

void
gr_test_ssh_world_start_sshd (GrTestSshWorld *world,
                              const char *host_key_name,
                              gboolean password_auth,
                              GrTestGluster gluster)
{
  g_autofree char *log = gr_test_ssh_world_path (world, "sshd.log");
  /* A private mount namespace changes /usr/sbin/gluster for this sshd
   * (and the sessions it starts) only. */
  const char *const in_namespace[] = {
    "unshare",
    "--mount",
    "--propagation",
    "private",
    "/bin/sh",
    "-c",
    "mount --bind \"$0\" /usr/sbin/gluster && exec \"$@\"",
    gluster_replacement (world, gluster),
    NULL
  };

  gr_test_ssh_world_stop_sshd (world);
  write_sshd_config (world, host_key_name, password_auth);
  g_unlink (log);
  gr_test_sshd_start (&world->sshd,
                      gluster == GR_TEST_GLUSTER_REAL ? NULL : in_namespace);
}

/* The pid file goes too: a stale one names a pid that another process
 * may get. */
void
gr_test_ssh_world_stop_sshd (GrTestSshWorld *world)
{
  g_autofree char *pid_file = gr_test_ssh_world_path (world, "sshd.pid");

  gr_test_sshd_stop (&world->sshd);
  g_unlink (pid_file);
}
