/* Integration tests (sandbox): CheckSecondary's look at a destination
 * through the real sshd, as root on 127.0.0.1 (the sandbox authorizes
 * root's key for root), against real gluster volumes: an empty one, one
 * holding a file, a stopped one and a missing one; and a failed login. */
#include <glib/gstdio.h>
#include <string.h>

#include "gr-error.h"
#include "gr-rsync-receiver.h"
#include "gr-secondary-check.h"
#include "gr-ssh-check-secondary.h"
#include "gr-ssh-secondary.h"
#include "gr-test-gluster.h"
#include "gr-test-sshd.h"
#include "gr-test-util.h"
#include "gr-gluster-result.h"

#define EMPTY "grsbwhychke"
#define FULL "grsbwhychkf"
#define STOPPED "grsbwhychks"
#define MISSING "grsbwhychkmissing"
#define PRIMARY "grsbwhychkp"

typedef struct {
  char *dir;
  GrSshTarget *target;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key_line = NULL, *identity = NULL;
  g_autofree char *fingerprint =
      gr_test_key_fingerprint (gr_test_env ("GEOREP_SSH_HOST_KEY"));
  g_autofree char *known_hosts = NULL;

  f->dir = g_dir_make_tmp ("georepd-probe-XXXXXX", &error);
  g_assert_no_error (error);
  known_hosts = g_build_filename (f->dir, "known_hosts", NULL);
  g_assert_true (gr_ssh_root_key ("/root/.ssh", &key_line, &identity, &error));
  f->target = gr_ssh_target_new (
      "127.0.0.1", (guint16) atoi (gr_test_env ("GEOREP_SSH_PORT")), "root",
      fingerprint, known_hosts, identity, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *known_hosts = g_build_filename (f->dir, "known_hosts", NULL);

  g_unlink (known_hosts);
  g_rmdir (f->dir);
  gr_ssh_target_free (f->target);
  g_free (f->dir);
}

/* The ids of the findings for @secondary, joined by ' '. */
static char *
check (Fixture *f, const char *secondary, GrSecondaryFacts **facts_out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GrSecondaryFacts) facts =
      gr_ssh_probe_secondary (f->target, secondary, &error);
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GString) ids = g_string_new (NULL);
  GrSecondaryCheck input = {
    .primary = "grsbwhyprimary",
    .host = "127.0.0.1",
    .user = "root",
    .secondary = secondary,
    .local_version = NULL,
    .local_rsync = TRUE,
  };

  g_assert_no_error (error);
  input.facts = facts;
  findings = gr_secondary_check_run (&input);
  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *finding = g_ptr_array_index (findings, i);

      g_test_message ("%s: %s", finding->kind->id, finding->message);
      g_string_append_printf (ids, "%s%s", ids->len ? " " : "",
                              finding->kind->id);
    }
  if (facts_out)
    *facts_out = g_steal_pointer (&facts);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
write_file (const char *volume)
{
  g_autofree char *mount_point = gr_test_mount (volume);
  g_autofree char *path = g_build_filename (mount_point, "existing", NULL);

  g_assert_true (g_file_set_contents (path, "data\n", -1, NULL));
  gr_test_unmount (mount_point);
}

/* The secondary is this machine: its rsync decides whether gsyncd's files
 * would arrive empty (gr-rsync-receiver.h). */
static char *
local_rsync_version (void)
{
  const char *argv[] = { "rsync", "--version", NULL };
  g_autofree char *out = gr_test_run (NULL, argv);

  return gr_rsync_parse_version (out);
}

static const char *
expected_rsync_finding (void)
{
  g_autofree char *version = local_rsync_version ();

  return gr_rsync_receiver_resolves_cwd_by_text (version) ? "rsync-empty-files"
                                                          : "";
}

/* @ids as check() joins them, after the rsync finding where this
 * machine's rsync brings it (it comes first: gr-secondary-check.c). */
static char *
with_rsync (const char *ids)
{
  const char *rsync = expected_rsync_finding ();

  if (*rsync == '\0')
    return g_strdup (ids);
  return *ids ? g_strconcat (rsync, " ", ids, NULL) : g_strdup (rsync);
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  g_autoptr (GrSecondaryFacts) facts = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *rsync = local_rsync_version ();

  gr_test_volume_create (EMPTY);
  ids = check (f, EMPTY, &facts);
  g_assert_cmpstr (ids, ==, expected_rsync_finding ());
  g_assert_cmpstr (facts->rsync_version, ==, rsync);
  g_assert_cmpstr (facts->emptiness, ==, "empty");
  g_assert_cmpint (facts->rsync, ==, 1);
  g_assert_true (g_str_has_prefix (facts->gluster_version, "glusterfs "));
  g_assert_cmpuint (facts->size_total, >, 0);
  g_assert_cmpuint (facts->size_free, <=, facts->size_total);
  gr_test_volume_destroy (EMPTY);
}

static void
test_not_empty (Fixture *f, gconstpointer data)
{
  g_autofree char *ids = NULL;

  gr_test_volume_create (FULL);
  write_file (FULL);
  ids = check (f, FULL, NULL);
  {
    g_autofree char *expected = with_rsync ("secondary-not-empty");

    g_assert_cmpstr (ids, ==, expected);
  }
  gr_test_volume_destroy (FULL);
}

static void
test_stopped (Fixture *f, gconstpointer data)
{
  g_autofree char *ids = NULL;

  gr_test_volume_create (STOPPED);
  g_assert_cmpint (gr_test_gluster ("volume", "stop", STOPPED, NULL), ==, 0);
  ids = check (f, STOPPED, NULL);
  {
    g_autofree char *expected = with_rsync ("secondary-volume-stopped");

    g_assert_cmpstr (ids, ==, expected);
  }
  gr_test_volume_destroy (STOPPED);
}

static void
test_missing (Fixture *f, gconstpointer data)
{
  g_autofree char *ids = NULL;

  gr_test_volume_destroy (MISSING);
  ids = check (f, MISSING, NULL);
  {
    g_autofree char *expected = with_rsync ("secondary-volume-missing");

    g_assert_cmpstr (ids, ==, expected);
  }
}

/* A key the destination does not know: no facts, and the finding says
 * why. */
static void
test_login_failed (Fixture *f, gconstpointer data)
{
  g_autofree char *other_key = g_build_filename (f->dir, "other", NULL);
  g_autofree char *other_pub = g_strconcat (other_key, ".pub", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GrSecondaryFacts) facts = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  GrSecondaryCheck input = {
    .primary = "p",
    .host = "127.0.0.1",
    .user = "root",
    .secondary = "s",
    .local_rsync = TRUE,
  };

  gr_test_keygen ("ed25519", other_key);
  g_free (f->target->identity);
  f->target->identity = g_strdup (other_key);
  facts = gr_ssh_probe_secondary (f->target, "s", &error);
  g_assert_null (facts);
  g_assert_error (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED);
  input.login_error = error;
  findings = gr_secondary_check_run (&input);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (((GrFinding *) findings->pdata[0])->kind->id, ==,
                   "passwordless-failed");
  g_unlink (other_key);
  g_unlink (other_pub);
}

/* A name that would be an option to gluster never reaches the host. */
static void
test_bad_name (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GrSecondaryFacts) facts =
      gr_ssh_probe_secondary (f->target, "--remote-host=x", &error);

  g_assert_null (facts);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
}

static void
on_checked (GObject *source, GAsyncResult *result, gpointer data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* The whole check, this node's side through the real gluster CLI: the
 * reply CheckSecondary gives. */
static GVariant *
check_all (Fixture *f, const char *secondary)
{
  g_autoptr (GrGluster) gluster =
      gr_gluster_new (gr_test_env ("GEOREP_GLUSTER"), 120, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { gr_test_env ("GEOREP_GLUSTER"), "--version", NULL };
  g_autofree char *out = gr_test_run (NULL, argv);
  g_autofree char *version = gr_gluster_parse_version (out);

  g_assert_nonnull (version);
  gr_check_secondary_async (gluster, f->target, PRIMARY, secondary, version,
                            NULL, TRUE, NULL, on_checked, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  findings = gr_check_secondary_finish (result, &error);
  g_assert_no_error (error);
  return g_variant_ref_sink (gr_findings_to_variant (findings));
}

static void
test_check_all (Fixture *f, gconstpointer data)
{
  g_autoptr (GVariant) fine = NULL;
  g_autoptr (GVariant) missing = NULL;
  const char *id, *severity, *message;

  gr_test_volume_create (PRIMARY);
  gr_test_volume_create (EMPTY);
  fine = check_all (f, EMPTY);
  missing = check_all (f, MISSING);
  g_assert_cmpstr (g_variant_get_type_string (fine), ==, "a(sss)");
  /* Only what this machine's rsync means for gsyncd's data, if anything. */
  g_assert_cmpuint (g_variant_n_children (fine), ==,
                    *expected_rsync_finding () ? 1 : 0);
  g_assert_cmpuint (g_variant_n_children (missing), ==,
                    *expected_rsync_finding () ? 2 : 1);
  g_variant_get_child (missing, g_variant_n_children (missing) - 1, "(&s&s&s)",
                       &id, &severity, &message);
  g_assert_cmpstr (id, ==, "secondary-volume-missing");
  g_assert_cmpstr (severity, ==, "error");
  g_assert_nonnull (strstr (message, MISSING));
  gr_test_volume_destroy (EMPTY);
  gr_test_volume_destroy (PRIMARY);
}

typedef struct {
  const char *source; /* "localhost:VOLUME", as mountinfo shows the mount */
  gint stop;
  guint seen; /* times the mount was in this namespace's table */
  guint looks;
} MountWatch;

static gpointer
watch_mounts (gpointer data)
{
  MountWatch *watch = data;

  while (!g_atomic_int_get (&watch->stop))
    {
      g_autofree char *table = NULL;

      if (g_file_get_contents ("/proc/self/mountinfo", &table, NULL, NULL) &&
          strstr (table, watch->source) != NULL)
        watch->seen++;
      watch->looks++;
      g_usleep (2000);
    }
  return NULL;
}

/* The probe mounts the secondary in a mount namespace of its own: the
 * mount never shows in the host's table (sshd runs in the host's
 * namespaces here), even while find and df look at it; and the answer
 * is the same. */
static void
test_mount_private (Fixture *f, gconstpointer data)
{
  MountWatch watch = { .source = "localhost:" FULL };
  g_autofree char *ids = NULL;
  GThread *thread;

  gr_test_volume_create (FULL);
  write_file (FULL);
  thread = g_thread_new ("mounts", watch_mounts, &watch);
  for (guint i = 0; i < 3; i++)
    {
      g_free (ids);
      ids = check (f, FULL, NULL);
    }
  g_atomic_int_set (&watch.stop, 1);
  g_thread_join (thread);
  g_test_message ("the mount seen %u times in %u looks", watch.seen,
                  watch.looks);
  {
    g_autofree char *expected = with_rsync ("secondary-not-empty");

    g_assert_cmpstr (ids, ==, expected);
  }
  g_assert_cmpuint (watch.looks, >, 10);
  g_assert_cmpuint (watch.seen, ==, 0);
  gr_test_volume_destroy (FULL);
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
  add ("/secondary-probe/empty", test_empty);
  add ("/secondary-probe/mount-private", test_mount_private);
  add ("/secondary-probe/not-empty", test_not_empty);
  add ("/secondary-probe/stopped", test_stopped);
  add ("/secondary-probe/missing", test_missing);
  add ("/secondary-probe/login-failed", test_login_failed);
  add ("/secondary-probe/bad-name", test_bad_name);
  add ("/secondary-probe/check-all", test_check_all);
  return g_test_run ();
}
