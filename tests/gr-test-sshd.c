/* An OpenSSH server of a test's own, and the client commands that check
 * one. */
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "gr-test-files.h"
#include "gr-test-sshd.h"
#include "gr-test-util.h"

guint16
gr_test_free_port (const char *address)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) socket =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                    G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr (GInetAddress) host = g_inet_address_new_from_string (address);
  g_autoptr (GSocketAddress) wanted = g_inet_socket_address_new (host, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_no_error (error);
  g_socket_bind (socket, wanted, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

void
gr_test_keygen (const char *type, const char *path)
{
  g_autofree char *public_key = g_strconcat (path, ".pub", NULL);
  const char *argv[] = { "ssh-keygen", "-q",           "-t", type, "-N", "",
                         "-C",         "test@georepd", "-f", path, NULL };

  /* ssh-keygen would ask before it overwrites a key. */
  g_unlink (path);
  g_unlink (public_key);
  g_free (gr_test_run (NULL, argv));
}

char *
gr_test_key_fingerprint (const char *public_key)
{
  const char *argv[] = { "ssh-keygen", "-lf", public_key, NULL };
  g_autofree char *out = gr_test_run (NULL, argv);
  g_auto (GStrv) fields = g_strsplit (out, " ", -1);

  /* "256 SHA256:… comment (ED25519)" */
  g_assert_cmpuint (g_strv_length (fields), >=, 2);
  g_assert_true (g_str_has_prefix (fields[1], "SHA256:"));
  return g_strdup (fields[1]);
}

int
gr_test_key_login_status (const char *host,
                          guint16 port,
                          const char *user,
                          const char *identity)
{
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *login = g_strdup_printf ("%s@%s", user, host);
  /* Nothing of the caller's but the key: no config, agent or known
   * hosts. */
  const char *const options[] = { "-F", "/dev/null",
                                  "-o", "BatchMode=yes",
                                  "-o", "StrictHostKeyChecking=no",
                                  "-o", "UserKnownHostsFile=/dev/null",
                                  "-o", "IdentityAgent=none",
                                  "-o", "LogLevel=QUIET",
                                  NULL };
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  int status;

  g_strv_builder_add (builder, "ssh");
  g_strv_builder_addv (builder, (const char **) options);
  if (identity)
    g_strv_builder_add_many (builder, "-o", "IdentitiesOnly=yes", "-i",
                             identity, NULL);
  g_strv_builder_add_many (builder, "-p", port_text, login, "true", NULL);
  argv = g_strv_builder_end (builder);
  g_free (gr_test_run (&status, (const char *const *) argv));
  return status;
}

void
gr_test_sshd_init (GrTestSshd *sshd, const char *dir, const char *address)
{
  sshd->dir = g_strdup (dir);
  sshd->address = g_strdup (address);
  sshd->port = gr_test_free_port (address);
  sshd->process = NULL;
}

void
gr_test_sshd_clear (GrTestSshd *sshd)
{
  gr_test_sshd_stop (sshd);
  g_clear_pointer (&sshd->dir, g_free);
  g_clear_pointer (&sshd->address, g_free);
}

char *
gr_test_sshd_path (const GrTestSshd *sshd, const char *name)
{
  return g_build_filename (sshd->dir, name, NULL);
}

goffset
gr_test_sshd_log_size (const GrTestSshd *sshd)
{
  g_autofree char *log = gr_test_sshd_path (sshd, "sshd.log");

  return gr_test_file_size (log);
}

char *
gr_test_sshd_log_since (const GrTestSshd *sshd, goffset offset)
{
  g_autofree char *log = gr_test_sshd_path (sshd, "sshd.log");

  return gr_test_read_since (log, offset);
}

/* The server must not outlive a test that aborts. */
static void
die_with_test (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
spawn_sshd (const GrTestSshd *sshd, const char *const *wrapper)
{
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *config = gr_test_sshd_path (sshd, "sshd_config");
  g_autofree char *log = gr_test_sshd_path (sshd, "sshd.log");
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  if (wrapper)
    g_strv_builder_addv (builder, (const char **) wrapper);
  g_strv_builder_add_many (builder, GR_TEST_SSHD, "-D", "-f", config, "-E", log,
                           NULL);
  argv = g_strv_builder_end (builder);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv,
                                          &error);
  g_assert_no_error (error);
  return process;
}

typedef struct {
  const GrTestSshd *sshd;
  goffset offset; /* of the log when sshd was started */
} StartWait;

static gboolean
sshd_listening (gpointer data)
{
  StartWait *wait = data;
  g_autofree char *text = gr_test_sshd_log_since (wait->sshd, wait->offset);
  g_autofree char *line = g_strdup_printf (
      "Server listening on %s port %u", wait->sshd->address, wait->sshd->port);

  if (g_subprocess_get_identifier (wait->sshd->process) == NULL)
    g_error ("sshd exited at start; its log:\n%s", text);
  return strstr (text, line) != NULL;
}

/* Waits for sshd's own word that it listens: connecting to find out
 * would put a connection of the test's into the log the tests read. */
void
gr_test_sshd_start (GrTestSshd *sshd, const char *const *wrapper)
{
  StartWait wait = { sshd, gr_test_sshd_log_size (sshd) };

  sshd->process = spawn_sshd (sshd, wrapper);
  if (!gr_test_wait_for (sshd_listening, &wait, 10000))
    {
      g_autofree char *text = gr_test_sshd_log_since (sshd, wait.offset);

      g_error ("sshd did not start; its log:\n%s", text);
    }
}

void
gr_test_sshd_stop (GrTestSshd *sshd)
{
  if (sshd->process == NULL)
    return;
  g_subprocess_send_signal (sshd->process, SIGTERM);
  g_subprocess_wait (sshd->process, NULL, NULL);
  g_clear_object (&sshd->process);
}
