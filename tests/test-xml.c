/* Unit tests: the cliOutput envelope, the volume list and config parsers
 * and the scalar helpers, on outputs recorded from Gluster 10.3
 * (tests/data/README.md) and on hand-made <= 9 and hostile variants. The
 * parsers of volume info and geo-replication status are tested in
 * test-xml-stream.c. */
#include <string.h>

#include "gr-error.h"
#include "gr-test-data.h"
#include "gr-gluster-result.h"
#include "gr-xml-cli-output.h"
#include "gr-xml-geo-config.h"
#include "gr-xml-geo-session.h"
#include "gr-xml-values.h"
#include "gr-xml-volume-list.h"

#define NODE_UUID "337d3f78-9d1e-4ea7-ab98-265712c93e52"

/* 2026-11-25 23:32:40 UTC */
#define LAST_SYNCED 1795649560

/* A recorded answer that gluster gave with opRet 0, read by @parser. */
static gpointer
load (const char *name, GrXmlAnswerReader parser)
{
  g_autoptr (GError) error = NULL;
  GrCliStatus status;
  gpointer result = gr_test_read_stream (name, parser, &status, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (status.op_ret, ==, 0);
  gr_cli_status_clear (&status);
  return result;
}

static gboolean
read_envelope (const char *data, gsize len, GrCliStatus *status, GError **error)
{
  return gr_xml_cli_status (data, len, status, error);
}

static gboolean
read_volume_list (const char *data,
                  gsize len,
                  GrCliStatus *status,
                  GError **error)
{
  g_autoptr (GPtrArray) names =
      gr_xml_read_volume_list (data, len, status, error);

  return names != NULL;
}

static gboolean
read_config (const char *data, gsize len, GrCliStatus *status, GError **error)
{
  g_autoptr (GHashTable) config =
      gr_xml_read_geo_config (data, len, status, error);

  return config != NULL;
}

/* Every reader here, the way each says it succeeded. */
typedef gboolean (*GrTestReader) (const char *data,
                                  gsize len,
                                  GrCliStatus *status,
                                  GError **error);

static const GrTestReader readers[] = {
  read_envelope,
  read_volume_list,
  read_config,
};

static void
assert_read_fails (const char *data, gsize len, const char *message_part)
{
  for (gsize i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autoptr (GError) error = NULL;
      GrCliStatus status = { 1, 1, NULL };

      g_assert_false (readers[i](data, len, &status, &error));
      g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
      if (strstr (error->message, message_part) == NULL)
        g_error ("'%s' does not say '%s'", error->message, message_part);
      g_assert_null (status.op_errstr);
      g_assert_cmpint (status.op_ret, ==, 0);
    }
}

/* --- reading --- */

static void
test_read_recorded (void)
{
  const char *names[] = {
    "volume-info-all.xml",
    "volume-list.xml",
    "geo-status-created-all.xml",
    "geo-status-active-passive-all.xml",
    "geo-config-started.xml",
    "geo-start.xml",
    "err-locked.xml",
    "v9-geo-config.xml",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GError) error = NULL;
      gsize len;
      g_autofree char *data = gr_test_read_data (names[i], &len);
      GrCliStatus status;

      g_assert_true (gr_xml_cli_status (data, len, &status, &error));
      g_assert_no_error (error);
      gr_cli_status_clear (&status);
    }
}

static void
test_read_not_xml (void)
{
  gr_test_refuse (GR_TEST_NOT_XML, assert_read_fails);
}

static void
test_read_truncated (void)
{
  gr_test_refuse (GR_TEST_TRUNCATED, assert_read_fails);
}

static void
test_read_malformed (void)
{
  gr_test_refuse (GR_TEST_MALFORMED, assert_read_fails);
  assert_read_fails ("<cliOutput>", 11, "truncated");
  assert_read_fails ("<?xml version=\"1.0\"?>", 21, "truncated");
}

static void
test_read_doctype (void)
{
  gr_test_refuse (GR_TEST_DOCTYPE, assert_read_fails);
}

static void
test_read_too_large (void)
{
  gr_test_refuse (GR_TEST_TOO_LARGE, assert_read_fails);
}

/* --- the cliOutput envelope --- */

static void
assert_cli_status (const char *name,
                   int op_ret,
                   int op_errno,
                   const char *op_errstr)
{
  g_autoptr (GError) error = NULL;
  gsize len;
  g_autofree char *data = gr_test_read_data (name, &len);
  GrCliStatus status;

  g_assert_true (gr_xml_cli_status (data, len, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status.op_ret, ==, op_ret);
  g_assert_cmpint (status.op_errno, ==, op_errno);
  g_assert_cmpstr (status.op_errstr, ==, op_errstr);
  gr_cli_status_clear (&status);
  g_assert_null (status.op_errstr);
}

static void
test_cli_status_recorded (void)
{
  assert_cli_status ("geo-status-created-one.xml", 0, 0, "");
  /* opErrstr is not empty on success. */
  assert_cli_status ("geo-status-created-all.xml", 0, 0, "primary not found");
  assert_cli_status ("geo-stop-not-started.xml", 0, 0,
                     "geo-replication is not set up");
  assert_cli_status ("err-locked.xml", -1, 30802,
                     "Another transaction is in progress for grsb_rec_r. "
                     "Please try again after some time.");
  /* opRet may be positive, or -3. */
  assert_cli_status ("err-pause-paused.xml", 2, 30800,
                     "Geo-replication session between grsb_rec_r and "
                     "127.0.0.1::grsb_rec_s already Paused.");
  assert_cli_status (
      "geo-config-set-badvalue.xml", -3, 30800,
      "geo-replication config-set failed for grsb_rec_r 127.0.0.1::grsb_rec_s");
  assert_cli_status ("err-volinfo-novol.xml", -1, 30806,
                     "Volume does not exist");
  /* &amp; in the document. */
  assert_cli_status (
      "err-delete-paused.xml", -1, 30800,
      "geo-replication session between grsb_rec_r & 127.0.0.1::grsb_rec_s "
      "is still active. Please stop the session and retry.");
}

static void
test_cli_status_missing_fields (void)
{
  static const char data[] = "<cliOutput><opErrno></opErrno></cliOutput>";
  g_autoptr (GError) error = NULL;
  GrCliStatus status;

  g_assert_true (gr_xml_cli_status (data, strlen (data), &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status.op_ret, ==, 0);
  g_assert_cmpint (status.op_errno, ==, 0);
  g_assert_cmpstr (status.op_errstr, ==, "");
  gr_cli_status_clear (&status);
}

static void
assert_cli_status_fails (const char *name)
{
  g_autoptr (GError) error = NULL;
  gsize len;
  g_autofree char *data = gr_test_read_data (name, &len);
  GrCliStatus status;

  g_assert_false (gr_xml_cli_status (data, len, &status, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
  g_assert_null (status.op_errstr);
}

static void
test_cli_status_bad (void)
{
  assert_cli_status_fails ("bad-wrong-root.xml");
  assert_cli_status_fails ("bad-opret.xml");
}

/* --- volume list --- */

static void
test_volume_list (void)
{
  g_autoptr (GPtrArray) names =
      load ("volume-list.xml", gr_xml_read_volume_list);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) wrong = NULL;

  g_assert_cmpuint (names->len, ==, 6);
  g_assert_cmpstr (names->pdata[0], ==, "grsb_rec_d");
  g_assert_cmpstr (names->pdata[5], ==, "grsb_rec_s2");
  /* opRet 0 without <volList>: another command's answer. */
  wrong = gr_test_read_stream ("volume-info-all.xml", gr_xml_read_volume_list,
                               NULL, &error);
  g_assert_null (wrong);
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
}

static void
test_volume_list_unusable_name (void)
{
  static const char data[] =
      "<cliOutput><opRet>0</opRet><volList><count>2</count>"
      "<volume>-rf</volume><volume>good</volume></volList></cliOutput>";
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = NULL;

  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*unusable name*");
  names = gr_xml_read_volume_list (data, strlen (data), NULL, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, "good");
}

/* A name that would lead out of a path (issue 14, defect 5). */
static void
test_volume_list_bad_names (void)
{
  g_autoptr (GPtrArray) names = NULL;

  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*unusable name*");
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*unusable name*");
  names = load ("hand-volume-list-bad-names.xml", gr_xml_read_volume_list);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, "grsb_rec_p");
}

/* --- geo-replication secondaries --- */

typedef struct {
  const char *text;
  const char *user, *host, *volume;
} GrSplitCase;

static void
test_split_secondary (void)
{
  static const GrSplitCase cases[] = {
    { NODE_UUID
      ":ssh://127.0.0.1::grsb_rec_s:2aa147fd-522f-4da1-ba33-b0494ab3ac89",
      NULL, "127.0.0.1", "grsb_rec_s" },
    { NODE_UUID ":ssh://geo@fe80::1::v:2aa147fd-522f-4da1-ba33-b0494ab3ac89",
      "geo", "fe80::1", "v" },
    { "ssh://host.example.com::vol", NULL, "host.example.com", "vol" },
    { "geo@[2001:db8::5]::vol", "geo", "2001:db8::5", "vol" },
    { "host::2aa147fd-522f-4da1-ba33-b0494ab3ac89", NULL, "host",
      "2aa147fd-522f-4da1-ba33-b0494ab3ac89" },
    { NODE_UUID ":host::vol", NULL, "host", "vol" },
    { "host", NULL, NULL, NULL },
    { "::vol", NULL, NULL, NULL },
    { "host::", NULL, NULL, NULL },
    { "@host::vol", NULL, NULL, NULL },
    { "-oProxyCommand=x::vol", NULL, NULL, NULL },
    { "host::-vol", NULL, NULL, NULL },
    { "host::v@l", NULL, NULL, NULL },
    /* held to the rules for caller input (common/gr-validate.h) */
    { "host::../../etc", NULL, NULL, NULL },
    { "host::a/b", NULL, NULL, NULL },
    { "../x::vol", NULL, NULL, NULL },
    { "a/b@host::vol", NULL, NULL, NULL },
    { "../root@host::vol", NULL, NULL, NULL },
    { "ho_st::vol", NULL, NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *user = NULL, *host = NULL, *volume = NULL;
      gboolean ok =
          gr_xml_split_secondary (cases[i].text, &user, &host, &volume);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].host != NULL);
      g_assert_cmpstr (user, ==, cases[i].user);
      g_assert_cmpstr (host, ==, cases[i].host);
      g_assert_cmpstr (volume, ==, cases[i].volume);
    }
}

/* --- config --- */

static GHashTable *
parse_config (const char *name)
{
  return load (name, gr_xml_read_geo_config);
}

static void
test_config_recorded (void)
{
  g_autoptr (GHashTable) config = parse_config ("geo-config-started.xml");
  GHashTableIter iter;
  const char *key;

  g_assert_cmpuint (g_hash_table_size (config), ==, 67);
  g_assert_cmpstr (g_hash_table_lookup (config, "ssh-port"), ==, "2299");
  g_assert_cmpstr (g_hash_table_lookup (config, "use-meta-volume"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (config, "meta-volume-mnt"), ==,
                   "/tmp/grsb_rec/meta");
  g_assert_cmpstr (g_hash_table_lookup (config, "gluster-params"), ==,
                   "aux-gfid-mount acl");
  g_assert_cmpstr (g_hash_table_lookup (config, "rsync-options"), ==, "");
  g_assert_cmpstr (g_hash_table_lookup (config, "checkpoint"), ==,
                   "1795649558");
  g_assert_cmpstr (g_hash_table_lookup (config, "isolated-secondarys"), ==, "");
  g_assert_null (g_hash_table_lookup (config, "primary-bricks"));
  g_hash_table_iter_init (&iter, config);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    g_assert_null (strchr (key, '_'));
}

static void
test_config_one_key (void)
{
  g_autoptr (GHashTable) config = parse_config ("geo-config-get-one.xml");

  g_assert_cmpuint (g_hash_table_size (config), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (config, "ssh-port"), ==, "2299");
}

static void
test_config_v9 (void)
{
  g_autoptr (GHashTable) config = parse_config ("v9-geo-config.xml");

  g_assert_cmpuint (g_hash_table_size (config), ==, 67);
  g_assert_cmpstr (g_hash_table_lookup (config, "slave-timeout"), ==, "120");
  g_assert_cmpstr (g_hash_table_lookup (config, "master-replica-count"), ==,
                   "1");
  g_assert_cmpstr (g_hash_table_lookup (config, "slave-gluster-command-dir"),
                   ==, "/usr/sbin");
}

static void
assert_config_refused (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) config =
      gr_test_read_stream (name, gr_xml_read_geo_config, NULL, &error);

  g_assert_null (config);
  g_assert_error (error, GR_ERROR, GR_ERROR_FAILED);
}

/* opRet 0 without <geoRep>, or without <config> in it: another command's
 * answer. A failed command's answer has no config either. */
static void
test_config_wrong_document (void)
{
  g_autoptr (GError) error = NULL;
  GrCliStatus status;
  g_autoptr (GHashTable) locked = gr_test_read_stream (
      "err-locked.xml", gr_xml_read_geo_config, &status, &error);

  assert_config_refused ("volume-list.xml");
  assert_config_refused ("geo-start.xml");
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (locked), ==, 0);
  g_assert_cmpint (status.op_ret, ==, -1);
  gr_cli_status_clear (&status);
}

/* Every child of <config> is a key, but only the first <config>; the
 * text directly inside, stripped; the last of a key listed twice. */
static void
test_config_paths (void)
{
  static const char data[] =
      "<cliOutput><opRet>0</opRet><geoRep><config>"
      "<ssh_port>22</ssh_port><ssh-port>2299</ssh-port>"
      "<sync_jobs> 2<x>9</x>3 </sync_jobs><bad.key>1</bad.key>"
      "<use_tarssh><![CDATA[false]]></use_tarssh>"
      "<log-file>/var/log/a&amp;b</log-file>"
      "</config><config><other>1</other></config></geoRep></cliOutput>";
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) config =
      gr_xml_read_geo_config (data, strlen (data), NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (config), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (config, "ssh-port"), ==, "2299");
  g_assert_cmpstr (g_hash_table_lookup (config, "sync-jobs"), ==, "23");
  g_assert_cmpstr (g_hash_table_lookup (config, "use-tarssh"), ==, "false");
  g_assert_cmpstr (g_hash_table_lookup (config, "log-file"), ==,
                   "/var/log/a&b");
}

/* --- scalars --- */

static void
test_time (void)
{
  g_assert_cmpuint (gr_xml_parse_time ("2026-11-25 23:32:40"), ==, LAST_SYNCED);
  g_assert_cmpuint (gr_xml_parse_time ("2000-02-29 12:00:00"), ==, 951825600);
  g_assert_cmpuint (gr_xml_parse_time ("1970-01-01 00:00:00"), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time ("N/A"), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time (""), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time (NULL), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time ("2026-13-25 23:32:40"), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time ("2026-11-25 23:32:40Z"), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time ("2026-11-25T23:32:40"), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time ("+026-11-25 23:32:40"), ==, 0);
  g_assert_cmpuint (gr_xml_parse_time ("1795649560"), ==, 0);
}

static void
assert_version (const char *text, const char *expected)
{
  g_autofree char *version = gr_gluster_parse_version (text);

  g_assert_cmpstr (version, ==, expected);
}

static void
test_version (void)
{
  g_autofree char *recorded = gr_test_read_data ("gluster-version.txt", NULL);

  assert_version (recorded, "10.3");
  assert_version ("glusterfs 9.6\n", "9.6");
  assert_version ("glusterfs 11.1", "11.1");
  assert_version ("glusterfs 3.12.15\nRepository revision", "3.12.15");
  assert_version ("glusterfs 10.3;rm -rf /", NULL);
  assert_version ("glusterfs ", NULL);
  assert_version ("glusterfs v10", NULL);
  assert_version ("gluster 10.3", NULL);
  assert_version ("", NULL);
  assert_version (NULL, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xml/read/recorded", test_read_recorded);
  g_test_add_func ("/xml/read/not-xml", test_read_not_xml);
  g_test_add_func ("/xml/read/truncated", test_read_truncated);
  g_test_add_func ("/xml/read/malformed", test_read_malformed);
  g_test_add_func ("/xml/read/doctype", test_read_doctype);
  g_test_add_func ("/xml/read/too-large", test_read_too_large);
  g_test_add_func ("/xml/cli-status/recorded", test_cli_status_recorded);
  g_test_add_func ("/xml/cli-status/missing-fields",
                   test_cli_status_missing_fields);
  g_test_add_func ("/xml/cli-status/bad", test_cli_status_bad);
  g_test_add_func ("/xml/volume-list/recorded", test_volume_list);
  g_test_add_func ("/xml/volume-list/unusable-name",
                   test_volume_list_unusable_name);
  g_test_add_func ("/xml/volume-list/bad-names", test_volume_list_bad_names);
  g_test_add_func ("/xml/geo-status/split-secondary", test_split_secondary);
  g_test_add_func ("/xml/config/recorded", test_config_recorded);
  g_test_add_func ("/xml/config/one-key", test_config_one_key);
  g_test_add_func ("/xml/config/v9", test_config_v9);
  g_test_add_func ("/xml/config/wrong-document", test_config_wrong_document);
  g_test_add_func ("/xml/config/paths", test_config_paths);
  g_test_add_func ("/xml/time/utc", test_time);
  g_test_add_func ("/xml/version", test_version);
  return g_test_run ();
}
