/* Integration tests (sandbox): root's work on a secondary host for a
 * mountbroker user (service/ssh/gr-ssh-admin.c), through the real sshd as
 * root on 127.0.0.1, for the sandbox's ssh user. A group that is not
 * dedicated to the user is refused before anything changes (no member
 * added, no gluster-mountbroker run); the session's keys are added as the
 * user, once, and a link the user put in place of authorized_keys is
 * not followed. */
#include <glib/gstdio.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>

#include "gr-error.h"
#include "gr-ssh-admin.h"
#include "gr-test-files.h"
#include "gr-test-gluster.h"
#include "gr-test-sshd.h"
#include "gr-test-util.h"

#define SHARED_GROUP "grsb-shared"
#define SECONDARY "grsbadminkeys"
#define KEY_LINE                                                               \
  "command=\"/bin/false\" ssh-ed25519 AAAAgrsbadmintest grsb@test"

typedef struct {
  char *dir;
  GrSshTarget *target;
  const char *user;
  char *keys_path;   /* the user's authorized_keys */
  char *keys_before; /* its content before the test, restored after */
} Fixture;

static char *
run (const char *first, ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  int status;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg; arg = va_arg (ap, const char *))
    g_strv_builder_add (builder, arg);
  va_end (ap);
  argv = g_strv_builder_end (builder);
  return gr_test_run (&status, (const char *const *) argv);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key_line = NULL, *identity = NULL, *known_hosts = NULL;
  g_autofree char *fingerprint =
      gr_test_key_fingerprint (gr_test_env ("GEOREP_SSH_HOST_KEY"));
  g_autofree char *home = NULL;

  f->dir = g_dir_make_tmp ("georepd-admin-XXXXXX", &error);
  g_assert_no_error (error);
  known_hosts = g_build_filename (f->dir, "known_hosts", NULL);
  g_assert_true (gr_ssh_root_key ("/root/.ssh", &key_line, &identity, &error));
  f->target = gr_ssh_target_new (
      "127.0.0.1", (guint16) atoi (gr_test_env ("GEOREP_SSH_PORT")), "root",
      fingerprint, known_hosts, identity, 30);
  f->user = gr_test_env ("GEOREP_SSH_USER");
  home = g_strdup (getpwnam (f->user)->pw_dir);
  f->keys_path = g_build_filename (home, ".ssh", "authorized_keys", NULL);
  g_file_get_contents (f->keys_path, &f->keys_before, NULL, NULL);
}

/* authorized_keys as it was (or none), the user's. */
static void
restore_keys (Fixture *f)
{
  struct passwd *pw = getpwnam (f->user);

  g_unlink (f->keys_path);
  if (f->keys_before == NULL)
    return;
  gr_test_write_text (f->keys_path, f->keys_before, 0600);
  g_assert_cmpint (chown (f->keys_path, pw->pw_uid, pw->pw_gid), ==, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  restore_keys (f);
  gr_test_remove_tree (f->dir);
  gr_ssh_target_free (f->target);
  g_free (f->dir);
  g_free (f->keys_path);
  g_free (f->keys_before);
}

typedef struct {
  gboolean done;
  GError *error;
} GrAdminResult;

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  GrAdminResult *outcome = data;

  gr_ssh_admin_finish (result, &outcome->error);
  outcome->done = TRUE;
}

/* Runs @task and returns its error, NULL on success. */
static GError *
admin (Fixture *f, GrSshAdminTask task, const char *const *words)
{
  GrAdminResult outcome = { FALSE, NULL };

  gr_ssh_admin_async (f->target, task, words, NULL, on_done, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);
  if (outcome.error)
    g_test_message ("%s", outcome.error->message);
  return outcome.error;
}

/* The groups of the user, as `id -Gn` prints them. */
static char *
groups (Fixture *f)
{
  return run ("id", "-Gn", "--", f->user, NULL);
}

static void
assert_group_refused (Fixture *f, const char *group, const char *why)
{
  const char *words[] = { "grsbmbvol", f->user, group,
                          GR_MOUNTBROKER_ROOT_DEFAULT, NULL };
  g_autofree char *before = groups (f);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = admin (f, GR_SSH_ADMIN_MOUNTBROKER, words);

  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, why));
  after = groups (f);
  g_assert_cmpstr (after, ==, before);
}

/* A system group (here root's) would make the user a member of it. */
static void
test_system_group (Fixture *f, gconstpointer data)
{
  assert_group_refused (f, "root", "system GID");
}

/* A group of others: joining it gives the user their rights. */
static void
test_shared_group (Fixture *f, gconstpointer data)
{
  g_free (run ("groupdel", SHARED_GROUP, NULL));
  g_free (run ("groupadd", SHARED_GROUP, NULL));
  g_free (run ("usermod", "-a", "-G", SHARED_GROUP, "--",
               gr_test_env ("GEOREP_PLAIN_USER"), NULL));
  assert_group_refused (f, SHARED_GROUP, "other members");
  g_free (run ("groupdel", SHARED_GROUP, NULL));
}

static const char *const *
keys_words (Fixture *f)
{
  static const char *words[5];

  words[0] = f->user;
  words[1] = "grsbadminprimary";
  words[2] = SECONDARY;
  words[3] = KEY_LINE "\n";
  words[4] = NULL;
  return words;
}

static guint
count_lines (const char *text, const char *line)
{
  g_auto (GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i]; i++)
    n += g_str_equal (lines[i], line);
  return n;
}

/* Added once (twice asked), owned by the user, the volume read-only. */
static void
test_keys_added (Fixture *f, gconstpointer data)
{
  g_autofree char *keys = NULL;
  g_autofree char *read_only = NULL;
  g_autoptr (GError) error = NULL;
  struct stat st;

  gr_test_volume_create (SECONDARY);
  error = admin (f, GR_SSH_ADMIN_SESSION_KEYS, keys_words (f));
  g_assert_no_error (error);
  error = admin (f, GR_SSH_ADMIN_SESSION_KEYS, keys_words (f));
  g_assert_no_error (error);
  keys = gr_test_read_text (f->keys_path);
  g_assert_cmpuint (count_lines (keys, KEY_LINE), ==, 1);
  g_assert_cmpint (g_stat (f->keys_path, &st), ==, 0);
  g_assert_cmpuint (st.st_uid, ==, getpwnam (f->user)->pw_uid);
  read_only = run (gr_test_env ("GEOREP_GLUSTER"), "volume", "get", SECONDARY,
                   "features.read-only", NULL);
  g_assert_nonnull (strstr (read_only, "on"));
  gr_test_volume_destroy (SECONDARY);
}

/* The user replaced authorized_keys by a link to a file of root's: the
 * append, made as the user, is refused, and root's file is unchanged. */
static void
test_keys_link (Fixture *f, gconstpointer data)
{
  g_autofree char *target = g_build_filename (f->dir, "roots-file", NULL);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;

  gr_test_write_text (target, "root's own\n", 0644);
  g_assert_cmpint (chmod (f->dir, 0755), ==, 0);
  g_unlink (f->keys_path);
  g_assert_cmpint (symlink (target, f->keys_path), ==, 0);
  g_assert_cmpint (lchown (f->keys_path, getpwnam (f->user)->pw_uid,
                           getpwnam (f->user)->pw_gid),
                   ==, 0);
  error = admin (f, GR_SSH_ADMIN_SESSION_KEYS, keys_words (f));
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "authorized_keys"));
  after = gr_test_read_text (target);
  g_assert_cmpstr (after, ==, "root's own\n");
}

static void
add (const char *name, void (*func) (Fixture *, gconstpointer))
{
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  add ("/ssh-admin/mountbroker/system-group", test_system_group);
  add ("/ssh-admin/mountbroker/shared-group", test_shared_group);
  add ("/ssh-admin/session-keys/added-as-user", test_keys_added);
  add ("/ssh-admin/session-keys/link-not-followed", test_keys_link);
  return g_test_run ();
}
