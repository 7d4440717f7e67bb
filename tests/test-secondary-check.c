/* Unit tests: the findings of CheckSecondary computed from recorded
 * gluster answers (tests/data) and remote command results, and a
 * volume's capacity from `volume status detail`. */
#include <string.h>

#include "gr-error.h"
#include "gr-gluster-types.h"
#include "gr-secondary-check.h"
#include "gr-test-data.h"
#include "gr-volume-space.h"
#include "gr-xml-geo-status.h"
#include "gr-xml-volume-info.h"

/* The ids of @findings, joined by ' ' in their order. */
static char *
ids_of (GPtrArray *findings)
{
  g_autoptr (GString) ids = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *finding = g_ptr_array_index (findings, i);

      g_assert_true (g_utf8_validate (finding->message, -1, NULL));
      g_assert_cmpuint (strlen (finding->message), >, 10);
      g_string_append_printf (ids, "%s%s", i ? " " : "", finding->kind->id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static const char *
message_of (GPtrArray *findings, guint i)
{
  return ((const GrFinding *) g_ptr_array_index (findings, i))->message;
}

static void
test_kinds (void)
{
  const char *const required[] = {
    "secondary-volume-missing", "secondary-volume-stopped",
    "secondary-not-empty",      "secondary-smaller",
    "secondary-in-use",         "primary-already-replicating",
    "passwordless-failed",      "version-incompatible",
    "rsync-missing-local",      "rsync-missing-remote",
    "mountbroker-missing",
  };
  gsize n;
  const GrFindingKind *kinds = gr_finding_kinds (&n);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (gsize i = 0; i < n; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) kinds[i].id));
  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_nonnull (gr_finding_kind_lookup (required[i]));
  g_assert_cmpint (gr_finding_kind_lookup ("secondary-smaller")->severity, ==,
                   GR_FINDING_WARNING);
  g_assert_cmpstr (gr_finding_severity_to_string (GR_FINDING_ERROR), ==,
                   "error");
}

/* The secondary volume as the remote `volume info` tells it. */
static char *
volume_findings (const char *data_file, const char *name, char **status)
{
  g_autofree char *xml = data_file ? gr_test_read_data (data_file, NULL) : NULL;
  g_autoptr (GPtrArray) findings = gr_findings_new ();
  g_autoptr (GrVolumeInfo) volume = NULL;

  gr_check_secondary_volume (findings, "sec.example", name, xml, &volume);
  *status = volume ? g_strdup (volume->status) : NULL;
  return ids_of (findings);
}

static void
test_secondary_volume (void)
{
  const struct {
    const char *file, *name, *ids, *status;
  } cases[] = {
    { "volume-info-all.xml", "grsb_rec_s2", "", "Started" },
    { "volume-info-all.xml", "grsb_rec_s", "secondary-volume-stopped",
      "Stopped" },
    { "volume-info-all.xml", "grsb_rec_r3", "secondary-volume-stopped",
      "Created" },
    { "volume-info-all.xml", "nosuch", "secondary-volume-missing", NULL },
    { "err-volinfo-novol.xml", "nosuch", "secondary-volume-missing", NULL },
    { "gsyncd-log/volume-info-missing.xml", "grsbnosuch",
      "secondary-volume-missing", NULL },
    { "gsyncd-log/volume-info-secondary.xml", "grsbwhys", "", "Started" },
    /* glusterd down over there: nothing is known */
    { "err-locked.xml", "grsb_rec_s", "check-incomplete", NULL },
    { "bad-truncated.xml", "grsb_rec_s", "check-incomplete", NULL },
    { NULL, "grsb_rec_s", "check-incomplete", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *status = NULL;
      g_autofree char *ids =
          volume_findings (cases[i].file, cases[i].name, &status);

      g_test_message ("%s %s", cases[i].file, cases[i].name);
      g_assert_cmpstr (ids, ==, cases[i].ids);
      g_assert_cmpstr (status, ==, cases[i].status);
    }
}

static void
test_local_sessions (void)
{
  g_autoptr (GPtrArray) sessions = gr_test_read_stream (
      "geo-status-active-all.xml", gr_xml_read_geo_status, NULL, NULL);
  g_autoptr (GPtrArray) same = gr_findings_new ();
  g_autoptr (GPtrArray) other = gr_findings_new ();
  g_autoptr (GPtrArray) free_one = gr_findings_new ();
  g_autofree char *same_ids = NULL, *other_ids = NULL;

  g_assert_nonnull (sessions);
  gr_check_local_sessions (sessions, "grsb_rec_r", "127.0.0.1", "grsb_rec_s",
                           same);
  gr_check_local_sessions (sessions, "grsb_rec_new", "127.0.0.1", "grsb_rec_s2",
                           other);
  gr_check_local_sessions (sessions, "grsb_rec_r", "127.0.0.1", "grsb_free",
                           free_one);
  same_ids = ids_of (same);
  other_ids = ids_of (other);
  g_assert_cmpstr (same_ids, ==, "primary-already-replicating");
  g_assert_cmpstr (other_ids, ==, "secondary-in-use");
  g_assert_nonnull (strstr (message_of (other, 0), "grsb_rec_p"));
  g_assert_cmpuint (free_one->len, ==, 0);
  g_assert_true (gr_findings_have_error (other));
}

static void
test_remote_keys (void)
{
  g_autoptr (GPtrArray) findings = gr_findings_new ();
  g_autofree char *ids = NULL;

  gr_check_remote_keys (findings,
                        "gsyncd_template.conf\n"
                        "pvol_svol_common_secret.pem.pub\n"
                        "my_vol_svol_common_secret.pem.pub\n"
                        "other_svol2_common_secret.pem.pub\n"
                        "_svol_common_secret.pem.pub\n"
                        "secret.pem.pub\n",
                        "pvol", "svol");
  ids = ids_of (findings);
  g_assert_cmpstr (ids, ==, "secondary-maybe-in-use");
  g_assert_nonnull (strstr (message_of (findings, 0), "from my_vol to svol"));
  g_assert_false (gr_findings_have_error (findings));
}

/* A hostile secondary lists 40,000 keys of 20,000 primaries, each twice:
 * one finding, naming the first few. */
static void
test_remote_keys_many (void)
{
  g_autoptr (GPtrArray) findings = gr_findings_new ();
  g_autoptr (GString) listing = g_string_new (NULL);
  const char *message;

  for (guint copy = 0; copy < 2; copy++)
    for (guint i = 0; i < 20000; i++)
      g_string_append_printf (listing, "p%u_svol_common_secret.pem.pub\n", i);
  gr_check_remote_keys (findings, listing->str, "pvol", "svol");
  g_assert_cmpuint (findings->len, ==, 1);
  message = message_of (findings, 0);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "from p0, p1, p2, p3, p4 (and 19995 "
                                     "more) to svol"));
}

/* The same finding twice is one; a reply holds GR_FINDINGS_MAX at most. */
static void
test_findings_bounded (void)
{
  g_autoptr (GPtrArray) same = gr_findings_new ();
  g_autoptr (GPtrArray) many = gr_findings_new ();

  for (guint i = 0; i < 100; i++)
    gr_findings_add (same, "secondary-in-use", "in use by %s", "p");
  for (guint i = 0; i < 100; i++)
    gr_findings_add (many, "secondary-in-use", "in use by p%u", i);
  g_assert_cmpuint (same->len, ==, 1);
  g_assert_cmpuint (many->len, ==, GR_FINDINGS_MAX);
}

static void
test_emptiness (void)
{
  const struct {
    const char *output, *ids;
  } cases[] = {
    { "empty\n", "" },
    { "not-empty existing\n", "secondary-not-empty" },
    { "not-empty a\x1b[2Jb\n", "secondary-not-empty" },
    { "not-root\n", "check-incomplete" },
    { "mount-failed\n", "check-incomplete" },
    { NULL, "check-incomplete" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) findings = gr_findings_new ();
      g_autofree char *ids = NULL;

      gr_check_emptiness (findings, "h", "svol", cases[i].output);
      ids = ids_of (findings);
      g_assert_cmpstr (ids, ==, cases[i].ids);
      if (findings->len > 0)
        g_assert_null (strchr (message_of (findings, 0), '\x1b'));
    }
}

static void
test_sizes (void)
{
  const guint64 G = 1024 * 1024 * 1024;
  g_autoptr (GPtrArray) smaller = gr_findings_new ();
  g_autoptr (GPtrArray) full = gr_findings_new ();
  g_autoptr (GPtrArray) fine = gr_findings_new ();
  g_autoptr (GPtrArray) unknown = gr_findings_new ();
  g_autofree char *smaller_ids = NULL, *full_ids = NULL;

  gr_check_sizes (smaller, 100 * G, 1 * G, 50 * G, 50 * G);
  gr_check_sizes (full, 100 * G, 60 * G, 100 * G, 10 * G);
  gr_check_sizes (fine, 100 * G, 60 * G, 200 * G, 190 * G);
  gr_check_sizes (unknown, 0, 0, 200 * G, 190 * G);
  smaller_ids = ids_of (smaller);
  full_ids = ids_of (full);
  g_assert_cmpstr (smaller_ids, ==, "secondary-smaller");
  g_assert_cmpstr (full_ids, ==, "secondary-smaller");
  g_assert_cmpuint (fine->len + unknown->len, ==, 0);
  g_assert_false (gr_findings_have_error (smaller));
}

static void
test_versions_rsync_login (void)
{
  g_autoptr (GPtrArray) findings = gr_findings_new ();
  g_autoptr (GError) error =
      g_error_new (GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED, "key refused");
  g_autofree char *ids = NULL;

  gr_check_versions (findings, "h", "10.3", "10.3");
  gr_check_versions (findings, "h", "", "9.6");
  gr_check_versions (findings, "h", "10.3", "9.6");
  gr_check_versions (findings, "h", "10.3", NULL);
  gr_check_rsync (findings, "h", TRUE, 1);
  gr_check_rsync (findings, "h", FALSE, 0);
  gr_check_rsync (findings, "h", TRUE, -1);
  gr_check_login (findings, "h", "geoaccount", NULL);
  gr_check_login (findings, "h", "geoaccount", error);
  ids = ids_of (findings);
  g_assert_cmpstr (ids, ==,
                   "version-incompatible gluster-missing-remote "
                   "rsync-missing-local rsync-missing-remote check-incomplete "
                   "passwordless-failed");
  g_assert_nonnull (strstr (message_of (findings, 0), "9.6"));
  g_assert_nonnull (strstr (message_of (findings, 5), "key refused"));
}

static void
test_mountbroker (void)
{
  const char *set_up = "volume management\n"
                       "    type mgmt/glusterd\n"
                       "    option mountbroker-root /var/mountbroker-root\n"
                       "    option mountbroker-geo-replication.geoaccount "
                       "svol1,svol\n"
                       "    option geo-replication-log-group geogroup\n"
                       "end-volume\n";
  const char *other_volume = "option mountbroker-root /m\n"
                             "option mountbroker-geo-replication.geoaccount "
                             "svol1\n";
  g_autoptr (GPtrArray) findings = gr_findings_new ();
  g_autofree char *ids = NULL;

  gr_check_mountbroker (findings, "h", "root", "svol", FALSE, NULL);
  gr_check_mountbroker (findings, "h", "geoaccount", "svol", FALSE, set_up);
  gr_check_mountbroker (findings, "h", "geoaccount", "svol", FALSE,
                        other_volume);
  gr_check_mountbroker (findings, "h", "other", "svol", TRUE, set_up);
  gr_check_mountbroker (findings, "h", "geoaccount", "svol", FALSE, NULL);
  ids = ids_of (findings);
  g_assert_cmpstr (ids, ==,
                   "mountbroker-missing mountbroker-missing check-incomplete");
  /* The fix named: the admin's commands, or SetupMountbroker with root
   * trust. */
  g_assert_nonnull (strstr (((GrFinding *) findings->pdata[0])->message,
                            "gluster-mountbroker add svol geoaccount"));
  g_assert_nonnull (strstr (((GrFinding *) findings->pdata[1])->message,
                            "SetupMountbroker on the destination other@h"));
}

static GrVolumeInfo *
volume_of (guint replica, guint disperse, const char *const *bricks)
{
  GrVolumeInfo *volume = gr_volume_info_new ();

  volume->name = g_strdup ("v");
  volume->replica_count = replica;
  volume->disperse_count = disperse;
  for (guint i = 0; bricks[i]; i++)
    g_ptr_array_add (volume->bricks, g_strdup (bricks[i]));
  return volume;
}

static GrBrickSpace *
brick (const char *name, guint64 total, guint64 free)
{
  GrBrickSpace *space = g_new0 (GrBrickSpace, 1);

  space->name = g_strdup (name);
  space->total = total;
  space->free = free;
  space->online = TRUE;
  return space;
}

/* Replica sets count once (their smallest brick), distribute subvolumes
 * add up, a dispersed set holds its data bricks' worth. */
static void
test_volume_space (void)
{
  const char *const names[] = { "h:/a", "h:/b", "h:/c", "h:/d", NULL };
  g_autoptr (GPtrArray) bricks =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_brick_space_free);
  g_autoptr (GrVolumeInfo) dist = volume_of (1, 0, names);
  g_autoptr (GrVolumeInfo) repl = volume_of (2, 0, names);
  g_autoptr (GrVolumeInfo) disp = volume_of (1, 4, names);
  guint64 total, free;

  g_ptr_array_add (bricks, brick ("h:/a", 100, 50));
  g_ptr_array_add (bricks, brick ("h:/b", 80, 60));
  g_ptr_array_add (bricks, brick ("h:/c", 100, 10));
  g_ptr_array_add (bricks, brick ("h:/d", 100, 20));
  g_assert_true (gr_volume_space (dist, 0, bricks, &total, &free));
  g_assert_cmpuint (total, ==, 380);
  g_assert_cmpuint (free, ==, 140);
  g_assert_true (gr_volume_space (repl, 0, bricks, &total, &free));
  g_assert_cmpuint (total, ==, 180);
  g_assert_cmpuint (free, ==, 60);
  g_assert_true (gr_volume_space (disp, 1, bricks, &total, &free));
  g_assert_cmpuint (total, ==, 240);
  g_assert_cmpuint (free, ==, 30);
  ((GrBrickSpace *) bricks->pdata[3])->online = FALSE;
  g_assert_false (gr_volume_space (dist, 0, bricks, &total, &free));
}

/* Recorded: one brick, so the volume is that brick's filesystem. */
static void
test_volume_space_recorded (void)
{
  gsize info_len, detail_len;
  g_autofree char *info =
      gr_test_read_data ("gsyncd-log/volume-info-secondary.xml", &info_len);
  g_autofree char *detail = gr_test_read_data (
      "gsyncd-log/volume-status-detail-secondary.xml", &detail_len);
  g_autoptr (GPtrArray) volumes =
      gr_xml_read_volume_info (info, info_len, NULL, NULL);
  g_autoptr (GPtrArray) bricks =
      gr_xml_read_brick_space (detail, detail_len, NULL, NULL);
  guint redundancy = 99;
  guint64 total, free;

  g_assert_nonnull (volumes);
  g_assert_nonnull (bricks);
  g_assert_cmpuint (bricks->len, ==, 1);
  g_assert_true (gr_xml_read_redundancy (info, info_len, &redundancy, NULL));
  g_assert_cmpuint (redundancy, ==, 0);
  g_assert_true (
      gr_volume_space (volumes->pdata[0], redundancy, bricks, &total, &free));
  g_assert_cmpuint (total, ==, 270553174016);
  g_assert_cmpuint (free, ==, 252374880256);
}

/* A volume that is not started has no brick sizes: no size finding. */
static void
test_run_without_sizes (void)
{
  g_autoptr (GrSecondaryFacts) facts = g_new0 (GrSecondaryFacts, 1);
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char *ids = NULL;
  GrSecondaryCheck check = {
    .primary = "grsbwhyp",
    .host = "127.0.0.1",
    .user = "root",
    .secondary = "grsb_rec_s",
    .local_version = "10.3",
    .local_rsync = TRUE,
    .primary_total = 1,
    .facts = facts,
  };

  facts->gluster_version = g_strdup ("glusterfs 10.3");
  facts->rsync = 1;
  facts->volume_info = gr_test_read_data ("volume-info-all.xml", NULL);
  facts->emptiness = g_strdup ("mount-failed");
  findings = gr_secondary_check_run (&check);
  ids = ids_of (findings);
  g_assert_cmpstr (ids, ==, "secondary-volume-stopped");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/secondary-check/kinds", test_kinds);
  g_test_add_func ("/secondary-check/volume", test_secondary_volume);
  g_test_add_func ("/secondary-check/local-sessions", test_local_sessions);
  g_test_add_func ("/secondary-check/remote-keys", test_remote_keys);
  g_test_add_func ("/secondary-check/remote-keys-many", test_remote_keys_many);
  g_test_add_func ("/secondary-check/findings-bounded", test_findings_bounded);
  g_test_add_func ("/secondary-check/emptiness", test_emptiness);
  g_test_add_func ("/secondary-check/sizes", test_sizes);
  g_test_add_func ("/secondary-check/versions-rsync-login",
                   test_versions_rsync_login);
  g_test_add_func ("/secondary-check/mountbroker", test_mountbroker);
  g_test_add_func ("/secondary-check/volume-space", test_volume_space);
  g_test_add_func ("/secondary-check/volume-space-recorded",
                   test_volume_space_recorded);
  g_test_add_func ("/secondary-check/run-without-sizes",
                   test_run_without_sizes);
  return g_test_run ();
}
