/* Unit tests of Verify's and Health's pure parts: the rsync versions
 * that leave files empty, the digest lines, the comparison, the paths a
 * caller may give and the health a session gets. */
#include "gr-error.h"
#include "gr-health.h"
#include "gr-rsync-receiver.h"
#include "gr-secondary-check.h"
#include "gr-verify-compare.h"
#include "gr-verify-digest.h"

#define HASH_A                                                                 \
  "4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a"
#define HASH_B                                                                 \
  "7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730"

static void
test_rsync_version (void)
{
  g_autofree char *v350 = gr_rsync_parse_version (
      "rsync  version 3.5.0  protocol version 32\nCopyright (C) …\n");
  g_autofree char *v327 =
      gr_rsync_parse_version ("rsync  version v3.2.7  protocol version 31");
  g_autofree char *none = gr_rsync_parse_version ("bash: rsync: not found");

  g_assert_cmpstr (v350, ==, "3.5.0");
  g_assert_null (v327); /* not a version number */
  g_assert_null (none);
  g_assert_null (gr_rsync_parse_version (NULL));
  g_assert_true (gr_rsync_receiver_resolves_cwd_by_text ("3.5.0"));
  g_assert_true (gr_rsync_receiver_resolves_cwd_by_text ("3.5.1"));
  g_assert_true (gr_rsync_receiver_resolves_cwd_by_text ("3.6"));
  g_assert_true (gr_rsync_receiver_resolves_cwd_by_text ("4.0.0"));
  g_assert_false (gr_rsync_receiver_resolves_cwd_by_text ("3.4.1"));
  g_assert_false (gr_rsync_receiver_resolves_cwd_by_text ("3.2.7"));
  g_assert_false (gr_rsync_receiver_resolves_cwd_by_text ("3.5"));
  g_assert_false (gr_rsync_receiver_resolves_cwd_by_text ("2.6.9"));
  g_assert_false (gr_rsync_receiver_resolves_cwd_by_text (""));
  g_assert_false (gr_rsync_receiver_resolves_cwd_by_text (NULL));
}

static void
test_rsync_options (void)
{
  g_assert_true (gr_rsync_options_follow_cwd (GR_RSYNC_FOLLOW_CWD_OPTIONS));
  g_assert_true (gr_rsync_options_follow_cwd ("-v -M--insecure-links"));
  g_assert_true (gr_rsync_options_follow_cwd ("-M --insecure-links"));
  g_assert_true (
      gr_rsync_options_follow_cwd ("--remote-option --insecure-links"));
  /* Without --remote-option the client keeps it to itself. */
  g_assert_false (gr_rsync_options_follow_cwd ("--insecure-links"));
  g_assert_false (gr_rsync_options_follow_cwd (""));
  g_assert_false (gr_rsync_options_follow_cwd (NULL));
  g_assert_true (gr_rsync_session_leaves_files_empty (NULL, NULL, "3.5.0"));
  g_assert_true (gr_rsync_session_leaves_files_empty ("rsync", "", "3.5.0"));
  g_assert_false (gr_rsync_session_leaves_files_empty ("tarssh", "", "3.5.0"));
  g_assert_false (gr_rsync_session_leaves_files_empty (
      NULL, GR_RSYNC_FOLLOW_CWD_OPTIONS, "3.5.0"));
  g_assert_false (gr_rsync_session_leaves_files_empty (NULL, NULL, "3.2.7"));
  g_assert_false (gr_rsync_session_leaves_files_empty (NULL, NULL, NULL));
}

static void
test_finding (void)
{
  g_autoptr (GPtrArray) findings = gr_findings_new ();
  g_autoptr (GPtrArray) none = gr_findings_new ();
  const GrFinding *finding;

  gr_check_rsync_receiver (findings, "sec.example", "3.5.0", NULL, NULL);
  gr_check_rsync_receiver (none, "sec.example", "3.5.0", "tarssh", NULL);
  gr_check_rsync_receiver (none, "sec.example", "3.2.7", NULL, NULL);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpuint (none->len, ==, 0);
  finding = findings->pdata[0];
  g_assert_cmpstr (finding->kind->id, ==, "rsync-empty-files");
  g_assert_cmpint (finding->kind->severity, ==, GR_FINDING_ERROR);
  g_assert_nonnull (strstr (finding->message, "rsync-follow-cwd"));
  g_assert_nonnull (strstr (finding->message, "tarssh"));
  gr_findings_remove (findings, "rsync-empty-files");
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_digest_lines (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GrFileDigest) file = gr_file_digest_parse (
      "file 267 " HASH_A "\tdir/os release", TRUE, &error);
  g_autoptr (GrFileDigest) missing =
      gr_file_digest_parse ("missing 0 -", FALSE, &error);
  g_autofree char *line = NULL;
  const char *const bad[] = {
    "file 267 -",          /* a file has a digest */
    "file x " HASH_A,      /* size */
    "file 1 abc",          /* not SHA-256 */
    "socket 0 -",          /* kind */
    "file 1 " HASH_A " x", /* extra field */
    "",
  };

  g_assert_no_error (error);
  g_assert_cmpint (file->kind, ==, GR_FILE_KIND_FILE);
  g_assert_cmpuint (file->size, ==, 267);
  g_assert_cmpstr (file->path, ==, "dir/os release");
  g_assert_cmpint (missing->kind, ==, GR_FILE_KIND_MISSING);
  g_assert_null (missing->path);
  line = gr_file_digest_format (file);
  g_assert_cmpstr (line, ==, "file 267 " HASH_A "\tdir/os release");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (gr_file_digest_parse (bad[i], FALSE, &error));
      g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
      g_clear_error (&error);
    }
  /* A listing line must carry its path. */
  g_assert_null (gr_file_digest_parse ("file 1 " HASH_A, TRUE, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
}

static void
test_parse_listing (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *end = NULL;
  g_autofree char *cut_end = NULL;
  g_autoptr (GPtrArray) digests = gr_verify_parse_digests (
      "file 3 " HASH_A "\ta\nsymlink 0 " HASH_B "\tb\nend scan-limit\n", TRUE,
      &end, &error);
  g_autoptr (GPtrArray) cut = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (digests->len, ==, 2);
  g_assert_cmpstr (end, ==, "scan-limit");
  /* Without its end line the answer is not trusted. */
  cut = gr_verify_parse_digests ("file 3 " HASH_A "\ta\n", TRUE, &cut_end,
                                 &error);
  g_assert_null (cut);
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
}

static GrFileDigest *
digest (const char *line, gboolean with_path)
{
  g_autoptr (GError) error = NULL;
  GrFileDigest *parsed = gr_file_digest_parse (line, with_path, &error);

  g_assert_no_error (error);
  return parsed;
}

static const char *
kind_of (GrVerifyResult *result, const char *path)
{
  for (guint i = 0; i < result->mismatches->len; i++)
    {
      GrMismatch *m = result->mismatches->pdata[i];

      if (g_str_equal (m->path, path))
        return m->kind;
    }
  return NULL;
}

static void
test_compare (void)
{
  g_autoptr (GPtrArray) primary =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_file_digest_free);
  g_autoptr (GPtrArray) secondary =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_file_digest_free);
  g_autoptr (GrVerifyResult) result = NULL;
  g_autoptr (GVariant) variant = NULL;
  const char *const pairs[][2] = {
    { "file 3 " HASH_A "\tsame", "file 3 " HASH_A },
    { "file 267 " HASH_A "\tempty", "file 0 " HASH_B },
    { "file 3 " HASH_A "\tchanged", "file 3 " HASH_B },
    { "file 3 " HASH_A "\tgone", "missing 0 -" },
    { "missing 0 -\tonly-there", "file 3 " HASH_A },
    { "missing 0 -\tnowhere", "missing 0 -" },
    { "symlink 0 " HASH_A "\tlink", "file 3 " HASH_A },
    { "file 3 " HASH_A "\tlocked", "unreadable 0 -" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_ptr_array_add (primary, digest (pairs[i][0], TRUE));
      g_ptr_array_add (secondary, digest (pairs[i][1], FALSE));
    }
  /* One more than the secondary answered for. */
  g_ptr_array_add (primary, digest ("file 1 " HASH_A "\tunanswered", TRUE));
  result = gr_verify_compare (primary, secondary);
  g_assert_cmpuint (result->files_checked, ==, 9);
  g_assert_cmpuint (result->mismatches->len, ==, 7);
  g_assert_null (kind_of (result, "same"));
  g_assert_null (kind_of (result, "nowhere"));
  g_assert_cmpstr (kind_of (result, "empty"), ==, "size");
  g_assert_cmpstr (kind_of (result, "changed"), ==, "checksum");
  g_assert_cmpstr (kind_of (result, "gone"), ==, "missing");
  g_assert_cmpstr (kind_of (result, "only-there"), ==, "missing");
  g_assert_cmpstr (kind_of (result, "link"), ==, "type");
  g_assert_cmpstr (kind_of (result, "locked"), ==, "unreadable");
  g_assert_cmpstr (kind_of (result, "unanswered"), ==, "unreadable");
  variant =
      g_variant_ref_sink (gr_verify_result_mismatches_to_variant (result));
  g_assert_cmpstr (g_variant_get_type_string (variant), ==, "a(sss)");
  g_assert_cmpuint (g_variant_n_children (variant), ==, 7);
}

static void
test_paths (void)
{
  const char *const good[][2] = {
    { "a", "a" },
    { "/dir/file name", "dir/file name" },
    { "//x/y", "x/y" },
    { "café/ü", "café/ü" },
  };
  const char *const bad[] = {
    "",      "/",  "../etc/passwd", "a/../../b", "a//b",
    "a/./b", "a/", "x\ny",          "tab\there", "\x7f",
  };
  g_autofree char *long_path = g_strnfill (GR_VERIFY_PATH_MAX + 1, 'a');

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = gr_verify_path_normalize (good[i][0], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (path, ==, good[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (gr_verify_path_normalize (bad[i], &error));
      g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
    }
  g_assert_null (gr_verify_path_normalize (long_path, NULL));
  g_assert_null (gr_verify_path_normalize ("\xff\xfe", NULL));
}

static GrHealth
assess (const GrHealthFacts *facts)
{
  g_autofree char *message = NULL;
  GrHealth health = gr_health_assess (facts, &message);

  g_assert_true (health == GR_HEALTH_OK ? message == NULL : message != NULL);
  return health;
}

static void
test_health (void)
{
  GrHealthFacts unknown = { 0 };
  GrHealthFacts bad_rsync = { .secondary_rsync = "3.5.0" };
  GrHealthFacts fixed = { .secondary_rsync = "3.5.0",
                          .rsync_options = GR_RSYNC_FOLLOW_CWD_OPTIONS };
  GrHealthFacts tarssh = { .sync_method = "tarssh" };
  GrHealthFacts clean = { .verified = TRUE };
  GrHealthFacts clean_but_bad = { .secondary_rsync = "3.5.0",
                                  .verified = TRUE };
  GrHealthFacts differs = { .secondary_rsync = "3.2.7",
                            .verified = TRUE,
                            .mismatches = 2 };

  g_assert_cmpint (assess (&unknown), ==, GR_HEALTH_UNKNOWN);
  g_assert_cmpint (assess (&bad_rsync), ==, GR_HEALTH_EMPTY_FILES);
  g_assert_cmpint (assess (&fixed), ==, GR_HEALTH_OK);
  g_assert_cmpint (assess (&tarssh), ==, GR_HEALTH_OK);
  g_assert_cmpint (assess (&clean), ==, GR_HEALTH_OK);
  g_assert_cmpint (assess (&clean_but_bad), ==, GR_HEALTH_EMPTY_FILES);
  g_assert_cmpint (assess (&differs), ==, GR_HEALTH_MISMATCH);
  g_assert_cmpstr (gr_health_to_string (GR_HEALTH_EMPTY_FILES), ==,
                   "empty-files");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/verify/rsync-version", test_rsync_version);
  g_test_add_func ("/verify/rsync-options", test_rsync_options);
  g_test_add_func ("/verify/finding", test_finding);
  g_test_add_func ("/verify/digest-lines", test_digest_lines);
  g_test_add_func ("/verify/parse-listing", test_parse_listing);
  g_test_add_func ("/verify/compare", test_compare);
  g_test_add_func ("/verify/paths", test_paths);
  g_test_add_func ("/verify/health", test_health);
  return g_test_run ();
}
